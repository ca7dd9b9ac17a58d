package dev.dynalog.app.node;

import java.net.URI;

/**
 * One dynalog node: the catalog, the Kafka Streams application and the HTTP endpoint, wired
 * together on a Kafka cluster that someone else started.
 */
public final class DynalogNode implements AutoCloseable {

    private DynalogNode() {
    }

    /** Starts the node and returns once it serves requests. */
    public static DynalogNode start(NodeConfig config) throws Exception {
        throw new UnsupportedOperationException("wired in by the streams/connectors work");
    }

    /** The endpoint clients use, e.g. {@code http://localhost:8000}. */
    public URI endpoint() {
        throw new UnsupportedOperationException();
    }

    @Override
    public void close() {
    }
}
