package dev.dynalog.connectors.registry;

/**
 * Where the registry's records go: {@link #append} makes a record durable and returns once the
 * {@link RegistryState} this log feeds has applied it, so a request that wrote sees its write.
 */
public interface SchemaLog {
    /**
     * @throws dev.dynalog.schemas.registry.SchemaRegistryException 50001 if the record could not
     *     be written or was not applied in time
     */
    void append(RegistryRecord record);

    /**
     * Returns once the state includes every record in the log when this was called, including
     * those other instances appended, so that a change is decided on the latest state.
     *
     * @throws dev.dynalog.schemas.registry.SchemaRegistryException 50001 if the log cannot be read
     *     to its end in time
     */
    void catchUp();
}
