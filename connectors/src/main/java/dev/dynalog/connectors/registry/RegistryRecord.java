package dev.dynalog.connectors.registry;

import dev.dynalog.schemas.registry.CompatibilityLevel;

/**
 * One record of the registry's log (the compacted {@code _schemas} topic). The registry's whole
 * state is the result of applying these records in log order; {@link RegistryRecordCodec} fixes
 * their bytes.
 */
public sealed interface RegistryRecord {

    /**
     * A version of a subject, live or soft-deleted. A later record with the same subject and
     * version replaces it (a soft delete rewrites it with {@code deleted} set).
     */
    record SchemaVersion(String subject, int version, int id, String schema, boolean deleted) implements RegistryRecord {
    }

    /** A version deleted permanently; the tombstone of its {@link SchemaVersion}. */
    record SchemaVersionRemoved(String subject, int version) implements RegistryRecord {
    }

    /** A compatibility level: the registry's default when {@code subject} is null. */
    record Config(String subject, CompatibilityLevel level) implements RegistryRecord {
    }

    /** A subject's own compatibility level removed; the tombstone of its {@link Config}. */
    record ConfigRemoved(String subject) implements RegistryRecord {
    }

    /**
     * The highest id assigned so far, written before a permanent delete: compaction then drops the
     * deleted version, and without this record a registry reading the topic later could give its
     * id to another schema, which consumers holding the old id would misread.
     */
    record IdHighWater(int maxId) implements RegistryRecord {
    }
}
