package dev.dynalog.connectors.cluster;

import dev.dynalog.streams.processor.CommandResult;
import dev.dynalog.streams.reply.CommandResultCodec;
import dev.dynalog.streams.reply.RemoteResults;
import java.io.ByteArrayOutputStream;
import java.io.DataOutputStream;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.ConcurrentHashMap;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Sends the results that this node's processors decided for other nodes' requests to those nodes
 * ({@code POST /internal/results} on their HTTP port). Like group commit for the log: one request
 * in flight per node, and the results decided meanwhile go together in the next one, so a busy
 * processor does not wait for, nor flood, the network. A node that cannot be reached is given up
 * on after a few tries: it crashed (its clients are gone) or its requests time out.
 */
public final class ResultForwarder implements RemoteResults, AutoCloseable {
    private static final Logger log = LoggerFactory.getLogger(ResultForwarder.class);
    static final String PATH = "/internal/results";
    private static final int ATTEMPTS = 3;
    private static final int MAX_BATCH = 512;
    private static final long MAX_BATCH_BYTES = 4L * 1024 * 1024;

    private final HttpClient http;
    private final NodeCallSignatures signatures;
    private final ConcurrentHashMap<URI, Outbox> outboxes = new ConcurrentHashMap<>();

    private record Result(String origin, String requestId, CommandResult result) {
    }

    /** One destination's queue; guarded by itself. */
    private static final class Outbox {
        final List<Result> queued = new ArrayList<>();
        boolean sending;
    }

    public ResultForwarder(HttpClient http, NodeCallSignatures signatures) {
        this.http = http;
        this.signatures = signatures;
    }

    @Override
    public void deliver(URI node, String origin, String requestId, CommandResult result) {
        Outbox outbox = outboxes.computeIfAbsent(node, n -> new Outbox());
        List<Result> batch;
        synchronized (outbox) {
            outbox.queued.add(new Result(origin, requestId, result));
            if (outbox.sending) {
                return;
            }
            outbox.sending = true;
            batch = take(outbox);
        }
        send(node, outbox, batch, 1);
    }

    private static List<Result> take(Outbox outbox) {
        int n = 0;
        long bytes = 0;
        // Bodies stay far below the endpoint's 16 MB request limit: returned items weigh up to 400 KB.
        while (n < Math.min(MAX_BATCH, outbox.queued.size()) && (n == 0 || bytes < MAX_BATCH_BYTES)) {
            byte[] item = outbox.queued.get(n).result().returnedItem();
            bytes += 256 + (item == null ? 0 : item.length);
            n++;
        }
        List<Result> batch = new ArrayList<>(outbox.queued.subList(0, n));
        outbox.queued.subList(0, n).clear();
        return batch;
    }

    private void send(URI node, Outbox outbox, List<Result> batch, int attempt) {
        HttpRequest request = signatures.post(node, PATH, encode(batch))
                .timeout(Duration.ofSeconds(10))
                .build();
        http.sendAsync(request, HttpResponse.BodyHandlers.discarding()).whenComplete((response, error) -> {
            if (error != null || response.statusCode() != 200) {
                if (attempt < ATTEMPTS) {
                    send(node, outbox, batch, attempt + 1);
                    return;
                }
                log.warn("could not hand {} results to {}: {}", batch.size(), node,
                        error != null ? error.toString() : "status " + response.statusCode());
            }
            List<Result> next;
            synchronized (outbox) {
                if (outbox.queued.isEmpty()) {
                    outbox.sending = false;
                    return;
                }
                next = take(outbox);
            }
            send(node, outbox, next, 1);
        });
    }

    /** Layout: count, then per result its origin, request id and {@link CommandResultCodec} form. */
    static byte[] encode(List<Result> batch) {
        ByteArrayOutputStream bytes = new ByteArrayOutputStream(64 * batch.size());
        try (DataOutputStream out = new DataOutputStream(bytes)) {
            out.writeInt(batch.size());
            for (Result r : batch) {
                out.writeUTF(r.origin());
                out.writeUTF(r.requestId());
                CommandResultCodec.write(out, r.result());
            }
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        return bytes.toByteArray();
    }

    @Override
    public void close() {
        outboxes.clear();
    }
}
