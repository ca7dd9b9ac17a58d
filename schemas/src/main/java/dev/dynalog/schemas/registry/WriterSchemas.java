package dev.dynalog.schemas.registry;

import org.apache.avro.Schema;

/** Finds the schema a record was written with from the id in its wire-format header. */
@FunctionalInterface
public interface WriterSchemas {
    /**
     * @throws SchemaRegistryException 40403 if no schema has that id
     */
    Schema schemaById(int id);
}
