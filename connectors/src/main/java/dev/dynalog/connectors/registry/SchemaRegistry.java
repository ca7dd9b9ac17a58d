package dev.dynalog.connectors.registry;

import dev.dynalog.schemas.registry.CompatibilityLevel;
import dev.dynalog.schemas.registry.RegisteredSchema;
import dev.dynalog.schemas.registry.SchemaRegistryException;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.OptionalInt;
import org.apache.avro.AvroRuntimeException;
import org.apache.avro.Schema;

/**
 * The operations of the Schema Registry REST API on Avro schemas, with Confluent's semantics and
 * errors ({@link SchemaRegistryException}). Reads come from the {@link RegistryState}; every
 * change is decided here against that state and then appended to the {@link SchemaLog}, which
 * applies it, so a restarted registry rebuilds the same subjects, versions and ids from the log.
 *
 * <ul>
 *   <li>Ids are global: the same schema has the same id under every subject, and an id is never
 *   given to another schema, even after a permanent delete.</li>
 *   <li>"The same schema" means the same text after Avro parses and prints it, so whitespace
 *   and key order do not matter, while docs, defaults and aliases do.</li>
 *   <li>Soft-deleted versions are hidden from subject listings and from compatibility checks but
 *   still readable by id, so records written with them stay decodable.</li>
 * </ul>
 *
 * <p>Changes are serialised by this instance's lock and decided after the state has caught up
 * with the log; see {@link KafkaSchemaLog} for several instances.
 */
public final class SchemaRegistry {
    public static final String LATEST = "latest";

    private final RegistryState state;
    private final SchemaLog log;

    public SchemaRegistry(RegistryState state, SchemaLog log) {
        this.state = state;
        this.log = log;
    }

    /**
     * Registers a schema under a subject and returns its id; a schema the subject already has as
     * a live version returns that version's id without a compatibility check.
     *
     * @throws SchemaRegistryException 42201 invalid schema, 409 incompatible with the subject's
     *     earlier versions under its compatibility level
     */
    public synchronized int register(String subject, String schemaText) {
        log.catchUp();
        Schema schema = parse(schemaText);
        String normalized = schema.toString();
        List<RegistryRecord.SchemaVersion> all = state.versions(subject);
        for (RegistryRecord.SchemaVersion v : all) {
            if (!v.deleted() && v.schema().equals(normalized)) {
                return v.id();
            }
        }
        List<String> problems = CompatibilityChecker.incompatibilities(schema, parsedLive(subject),
                state.effectiveCompatibility(subject));
        if (!problems.isEmpty()) {
            throw SchemaRegistryException.incompatible(subject, String.join("; ", problems));
        }
        OptionalInt existing = state.idOf(normalized);
        int id = existing.isPresent() ? existing.getAsInt() : state.maxId() + 1;
        int version = all.isEmpty() ? 1 : all.get(all.size() - 1).version() + 1;
        log.append(new RegistryRecord.SchemaVersion(subject, version, id, normalized, false));
        return id;
    }

    /**
     * The schema text with this id.
     *
     * @throws SchemaRegistryException 40403 if no schema has it
     */
    public String schemaById(int id) {
        return state.schema(id).orElseThrow(() -> SchemaRegistryException.schemaNotFound(id));
    }

    /** The subject/version pairs holding the schema with this id (live ones unless {@code deleted}). */
    public List<RegisteredSchema> subjectVersionsById(int id, boolean deleted) {
        List<RegisteredSchema> out = new ArrayList<>();
        for (RegistryRecord.SchemaVersion v : state.versionsWithId(id)) {
            if (deleted || !v.deleted()) {
                out.add(registered(v));
            }
        }
        if (out.isEmpty() && state.schema(id).isEmpty()) {
            throw SchemaRegistryException.schemaNotFound(id);
        }
        return out;
    }

    public List<String> subjects(boolean deleted) {
        return state.subjects(deleted);
    }

    /**
     * The subject's version numbers, ascending.
     *
     * @throws SchemaRegistryException 40401 if the subject has none
     */
    public List<Integer> versions(String subject, boolean deleted) {
        List<Integer> out = new ArrayList<>();
        for (RegistryRecord.SchemaVersion v : state.versions(subject)) {
            if (deleted || !v.deleted()) {
                out.add(v.version());
            }
        }
        if (out.isEmpty()) {
            throw SchemaRegistryException.subjectNotFound(subject);
        }
        return out;
    }

    /**
     * A version of a subject, by number or {@value #LATEST} (also "-1").
     *
     * @throws SchemaRegistryException 40401 no such subject, 40402 no such version, 42202 not a version
     */
    public RegisteredSchema version(String subject, String version, boolean deleted) {
        return registered(find(subject, version, deleted));
    }

    /**
     * The version of the subject holding this schema.
     *
     * @throws SchemaRegistryException 40401 no such subject, 40403 the subject does not hold it, 42201 invalid
     */
    public RegisteredSchema lookup(String subject, String schemaText, boolean deleted) {
        String normalized = parse(schemaText).toString();
        List<RegistryRecord.SchemaVersion> versions = state.versions(subject).stream()
                .filter(v -> deleted || !v.deleted()).toList();
        if (versions.isEmpty()) {
            throw SchemaRegistryException.subjectNotFound(subject);
        }
        for (int i = versions.size() - 1; i >= 0; i--) {
            if (versions.get(i).schema().equals(normalized)) {
                return registered(versions.get(i));
            }
        }
        throw SchemaRegistryException.schemaNotFound();
    }

    /**
     * What makes a schema incompatible under the subject's compatibility level; empty if it is
     * compatible. {@code version} null compares with the versions registration would (the latest,
     * or all for transitive levels); a version number or {@value #LATEST} with that version only.
     * There is nothing to be incompatible with in a subject without versions.
     *
     * @throws SchemaRegistryException 42201 invalid schema; for a numbered version, 40401 or 40402
     */
    public List<String> incompatibilities(String subject, String version, String schemaText) {
        Schema schema = parse(schemaText);
        CompatibilityLevel level = state.effectiveCompatibility(subject);
        if (version == null) {
            return CompatibilityChecker.incompatibilities(schema, parsedLive(subject), level);
        }
        if (isLatest(version) && state.liveVersions(subject).isEmpty()) {
            return List.of();
        }
        RegistryRecord.SchemaVersion against = find(subject, version, false);
        return CompatibilityChecker.incompatibilities(schema, List.of(parse(against.schema())), level);
    }

    /**
     * Soft-deletes every live version of a subject, or permanently deletes its soft-deleted ones.
     * Returns the version numbers deleted.
     *
     * @throws SchemaRegistryException 40401 no such subject; 40404 already soft-deleted (soft);
     *     40405 not soft-deleted first (permanent)
     */
    public synchronized List<Integer> deleteSubject(String subject, boolean permanent) {
        log.catchUp();
        List<RegistryRecord.SchemaVersion> all = state.versions(subject);
        if (all.isEmpty()) {
            throw SchemaRegistryException.subjectNotFound(subject);
        }
        List<Integer> deleted = new ArrayList<>();
        if (permanent) {
            if (all.stream().anyMatch(v -> !v.deleted())) {
                throw SchemaRegistryException.subjectNotSoftDeleted(subject);
            }
            log.append(new RegistryRecord.IdHighWater(state.maxId()));
            for (RegistryRecord.SchemaVersion v : all) {
                log.append(new RegistryRecord.SchemaVersionRemoved(subject, v.version()));
                deleted.add(v.version());
            }
            if (state.subjectCompatibility(subject).isPresent()) {
                log.append(new RegistryRecord.ConfigRemoved(subject));
            }
            return deleted;
        }
        List<RegistryRecord.SchemaVersion> live = all.stream().filter(v -> !v.deleted()).toList();
        if (live.isEmpty()) {
            throw SchemaRegistryException.subjectSoftDeleted(subject);
        }
        for (RegistryRecord.SchemaVersion v : live) {
            log.append(new RegistryRecord.SchemaVersion(subject, v.version(), v.id(), v.schema(), true));
            deleted.add(v.version());
        }
        return deleted;
    }

    /**
     * Soft-deletes one version, or permanently deletes a soft-deleted one; returns its number.
     *
     * @throws SchemaRegistryException 40401, 40402, 42202; 40406 already soft-deleted (soft);
     *     40407 not soft-deleted first (permanent)
     */
    public synchronized int deleteVersion(String subject, String version, boolean permanent) {
        log.catchUp();
        RegistryRecord.SchemaVersion v = find(subject, version, permanent);
        if (permanent) {
            if (!v.deleted()) {
                throw SchemaRegistryException.versionNotSoftDeleted(subject, v.version());
            }
            log.append(new RegistryRecord.IdHighWater(state.maxId()));
            log.append(new RegistryRecord.SchemaVersionRemoved(subject, v.version()));
        } else {
            log.append(new RegistryRecord.SchemaVersion(subject, v.version(), v.id(), v.schema(), true));
        }
        return v.version();
    }

    public CompatibilityLevel globalCompatibility() {
        return state.globalCompatibility();
    }

    public synchronized CompatibilityLevel setGlobalCompatibility(CompatibilityLevel level) {
        log.append(new RegistryRecord.Config(null, level));
        return level;
    }

    /**
     * The subject's own level, or the registry's default if {@code defaultToGlobal}.
     *
     * @throws SchemaRegistryException 40408 if the subject has no level of its own and
     *     {@code defaultToGlobal} is false
     */
    public CompatibilityLevel subjectCompatibility(String subject, boolean defaultToGlobal) {
        Optional<CompatibilityLevel> own = state.subjectCompatibility(subject);
        if (own.isPresent()) {
            return own.get();
        }
        if (defaultToGlobal) {
            return state.globalCompatibility();
        }
        throw SchemaRegistryException.subjectCompatibilityNotConfigured(subject);
    }

    public synchronized CompatibilityLevel setSubjectCompatibility(String subject, CompatibilityLevel level) {
        log.append(new RegistryRecord.Config(subject, level));
        return level;
    }

    /**
     * Removes the subject's own level, so the default applies again; returns the level removed.
     *
     * @throws SchemaRegistryException 40408 if it had none
     */
    public synchronized CompatibilityLevel deleteSubjectCompatibility(String subject) {
        log.catchUp();
        CompatibilityLevel previous = subjectCompatibility(subject, false);
        log.append(new RegistryRecord.ConfigRemoved(subject));
        return previous;
    }

    private RegistryRecord.SchemaVersion find(String subject, String version, boolean includeDeleted) {
        List<RegistryRecord.SchemaVersion> versions = state.versions(subject).stream()
                .filter(v -> includeDeleted || !v.deleted()).toList();
        if (isLatest(version)) {
            if (versions.isEmpty()) {
                throw SchemaRegistryException.subjectNotFound(subject);
            }
            return versions.get(versions.size() - 1);
        }
        int number = parseVersion(version);
        if (versions.isEmpty()) {
            throw SchemaRegistryException.subjectNotFound(subject);
        }
        return versions.stream().filter(v -> v.version() == number).findFirst()
                .orElseThrow(() -> SchemaRegistryException.versionNotFound(subject, version));
    }

    private static boolean isLatest(String version) {
        return LATEST.equalsIgnoreCase(version) || "-1".equals(version);
    }

    private static int parseVersion(String version) {
        try {
            int n = Integer.parseInt(version);
            if (n >= 1) {
                return n;
            }
        } catch (NumberFormatException e) {
            // fall through to the API's error
        }
        throw SchemaRegistryException.invalidVersion(version);
    }

    private List<Schema> parsedLive(String subject) {
        List<Schema> schemas = new ArrayList<>();
        for (RegistryRecord.SchemaVersion v : state.liveVersions(subject)) {
            schemas.add(parse(v.schema()));
        }
        return schemas;
    }

    private static RegisteredSchema registered(RegistryRecord.SchemaVersion v) {
        return new RegisteredSchema(v.subject(), v.version(), v.id(), v.schema());
    }

    /** Parses with a fresh parser: a parser remembers the names it has seen and rejects them again. */
    static Schema parse(String text) {
        if (text == null || text.isBlank()) {
            throw SchemaRegistryException.invalidSchema("empty schema");
        }
        try {
            return new Schema.Parser().parse(text);
        } catch (AvroRuntimeException e) {
            // SchemaParseException, or AvroTypeException for a default that does not fit its type.
            throw SchemaRegistryException.invalidSchema(e.getMessage());
        }
    }
}
