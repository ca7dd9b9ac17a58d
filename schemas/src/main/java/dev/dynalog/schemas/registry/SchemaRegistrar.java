package dev.dynalog.schemas.registry;

import org.apache.avro.Schema;

/** Registers a writer schema under a subject and gives its registry id. */
@FunctionalInterface
public interface SchemaRegistrar {
    /**
     * Registers {@code schema} under {@code subject}, or finds it if the subject has it already.
     *
     * @throws SchemaRegistryException if the registry refuses the schema, e.g. 409 incompatible
     */
    int register(String subject, Schema schema);
}
