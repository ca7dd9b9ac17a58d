package dev.dynalog.connectors.cluster;

import dev.dynalog.core.error.Errors;
import dev.dynalog.streams.query.PartitionMovedException;
import dev.dynalog.streams.query.ReadTransport;
import java.io.IOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Duration;

/**
 * Forwarded reads over HTTP to the owner's {@code POST /internal/read}. A read waits at the
 * owner's read barrier for at most its timeout (30 s), so the call allows a little more. A node
 * that cannot be reached is taken for one that left (it stopped, or crashed): the reader looks
 * the partition's owner up again until the group has moved the task, as after a MOVED answer.
 */
public final class HttpReadTransport implements ReadTransport {
    static final String PATH = "/internal/read";
    private static final Duration TIMEOUT = Duration.ofSeconds(35);

    private final HttpClient http;
    private final NodeCallSignatures signatures;

    public HttpReadTransport(HttpClient http, NodeCallSignatures signatures) {
        this.http = http;
        this.signatures = signatures;
    }

    @Override
    public byte[] send(URI node, byte[] request) {
        HttpRequest call = signatures.post(node, PATH, request).timeout(TIMEOUT).build();
        try {
            HttpResponse<byte[]> response = http.send(call, HttpResponse.BodyHandlers.ofByteArray());
            if (response.statusCode() != 200) {
                throw Errors.internal("The partition's node " + node + " answered " + response.statusCode());
            }
            return response.body();
        } catch (IOException e) {
            throw new PartitionMovedException(node + " is not reachable: " + e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw Errors.internal("interrupted");
        }
    }
}
