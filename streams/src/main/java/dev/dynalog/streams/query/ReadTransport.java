package dev.dynalog.streams.query;

import java.net.URI;

/** Carries a forwarded read to the node that runs its partition's task, and its answer back. */
public interface ReadTransport {

    /** Sends {@code request} to the node's internal read endpoint and returns the answer's body. */
    byte[] send(URI node, byte[] request);
}
