package dev.dynalog.connectors.registry;

import dev.dynalog.schemas.registry.CompatibilityLevel;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.OptionalInt;
import java.util.TreeMap;

/**
 * The registry's subjects, versions and compatibility levels: the result of applying the
 * {@code _schemas} topic's records in order. {@link #apply} is the only way it changes, so every
 * instance that has read the same records holds the same state.
 *
 * <p>Applied by the log's reader thread and read by request threads; registries hold few
 * schemas, so one lock and linear scans are enough.
 */
public final class RegistryState {
    /** Confluent's default, and what a stream consumer upgraded after the producer needs. */
    public static final CompatibilityLevel DEFAULT_COMPATIBILITY = CompatibilityLevel.BACKWARD;

    private final Map<String, TreeMap<Integer, RegistryRecord.SchemaVersion>> subjects = new TreeMap<>();
    private final Map<String, CompatibilityLevel> subjectLevels = new HashMap<>();
    private CompatibilityLevel globalLevel;
    private int maxId;

    public synchronized void apply(RegistryRecord record) {
        if (record instanceof RegistryRecord.SchemaVersion v) {
            subjects.computeIfAbsent(v.subject(), s -> new TreeMap<>()).put(v.version(), v);
            maxId = Math.max(maxId, v.id());
        } else if (record instanceof RegistryRecord.SchemaVersionRemoved r) {
            TreeMap<Integer, RegistryRecord.SchemaVersion> versions = subjects.get(r.subject());
            if (versions != null) {
                versions.remove(r.version());
                if (versions.isEmpty()) {
                    subjects.remove(r.subject());
                }
            }
        } else if (record instanceof RegistryRecord.Config c) {
            if (c.subject() == null) {
                globalLevel = c.level();
            } else {
                subjectLevels.put(c.subject(), c.level());
            }
        } else if (record instanceof RegistryRecord.ConfigRemoved c) {
            if (c.subject() == null) {
                globalLevel = null;
            } else {
                subjectLevels.remove(c.subject());
            }
        } else if (record instanceof RegistryRecord.IdHighWater h) {
            maxId = Math.max(maxId, h.maxId());
        }
    }

    /** Every version the subject has, soft-deleted ones included, ascending; empty if none. */
    public synchronized List<RegistryRecord.SchemaVersion> versions(String subject) {
        TreeMap<Integer, RegistryRecord.SchemaVersion> versions = subjects.get(subject);
        return versions == null ? List.of() : List.copyOf(versions.values());
    }

    /** The subject's versions that are not deleted, ascending. */
    public synchronized List<RegistryRecord.SchemaVersion> liveVersions(String subject) {
        return versions(subject).stream().filter(v -> !v.deleted()).toList();
    }

    /** Subjects in name order: those with a live version, or with any version if {@code includeDeleted}. */
    public synchronized List<String> subjects(boolean includeDeleted) {
        List<String> out = new ArrayList<>();
        subjects.forEach((subject, versions) -> {
            if (includeDeleted || versions.values().stream().anyMatch(v -> !v.deleted())) {
                out.add(subject);
            }
        });
        return out;
    }

    /** The schema text with this id, if any version (live or soft-deleted) holds it. */
    public synchronized Optional<String> schema(int id) {
        return allVersions().stream().filter(v -> v.id() == id).map(RegistryRecord.SchemaVersion::schema).findFirst();
    }

    /** The versions, under any subject, that hold the schema with this id. */
    public synchronized List<RegistryRecord.SchemaVersion> versionsWithId(int id) {
        return allVersions().stream().filter(v -> v.id() == id).toList();
    }

    /** The id already given to this schema text (as the registry normalises it), if any. */
    public synchronized OptionalInt idOf(String schema) {
        return allVersions().stream().filter(v -> v.schema().equals(schema)).mapToInt(RegistryRecord.SchemaVersion::id)
                .findFirst();
    }

    /** The highest id ever assigned, 0 if none: the next schema gets the one after it. */
    public synchronized int maxId() {
        return maxId;
    }

    public synchronized CompatibilityLevel globalCompatibility() {
        return globalLevel == null ? DEFAULT_COMPATIBILITY : globalLevel;
    }

    public synchronized Optional<CompatibilityLevel> subjectCompatibility(String subject) {
        return Optional.ofNullable(subjectLevels.get(subject));
    }

    /** The level that applies to a subject: its own, else the registry's default. */
    public synchronized CompatibilityLevel effectiveCompatibility(String subject) {
        return subjectCompatibility(subject).orElse(globalCompatibility());
    }

    private List<RegistryRecord.SchemaVersion> allVersions() {
        List<RegistryRecord.SchemaVersion> all = new ArrayList<>();
        subjects.values().forEach(v -> all.addAll(v.values()));
        return all;
    }
}
