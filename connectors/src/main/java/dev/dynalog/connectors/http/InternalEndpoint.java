package dev.dynalog.connectors.http;

/**
 * What nodes of a cluster ask each other on their HTTP port ({@code POST /internal/...}, binary
 * bodies): not a DynamoDB operation, and not reachable as one, since those are all
 * {@code POST /} with an {@code X-Amz-Target}.
 */
public interface InternalEndpoint {

    /** Whether the path (e.g. {@code /internal/read}) is served here. */
    boolean serves(String path);

    /**
     * Whether a request to the path comes from a node of the cluster: {@code header} gives the
     * request's header of a name, or null.
     */
    default boolean authentic(String path, java.util.function.Function<String, String> header, byte[] body) {
        return false;
    }

    /** Answers a request; may block (it runs on a request thread). */
    byte[] handle(String path, byte[] body);

    /**
     * Whether requests to the path may wait long (a read at the read barrier); those that do not
     * (handing over results) run on threads of their own, never queued behind waiting ones.
     */
    default boolean mayWait(String path) {
        return true;
    }

    /** An endpoint that serves nothing. */
    InternalEndpoint NONE = new InternalEndpoint() {
        @Override
        public boolean serves(String path) {
            return false;
        }

        @Override
        public byte[] handle(String path, byte[] body) {
            throw new UnsupportedOperationException(path);
        }
    };
}
