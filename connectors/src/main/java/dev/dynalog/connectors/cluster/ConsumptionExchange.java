package dev.dynalog.connectors.cluster;

import dev.dynalog.connectors.dynamodb.ThroughputBudgets;
import java.io.ByteArrayInputStream;
import java.io.ByteArrayOutputStream;
import java.io.DataInputStream;
import java.io.DataOutputStream;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpResponse;
import java.time.Duration;
import java.util.Collection;
import java.util.Map;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;
import java.util.function.Supplier;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Makes throughput budgets the cluster's rather than each node's: every {@link #INTERVAL} this
 * node sends what it charged to the tables' budgets to every other member
 * ({@code POST /internal/consumed}), and charges what the others send it. Sending is fire and
 * forget: a node that misses an exchange (it was restarting) under-counts that interval only.
 */
public final class ConsumptionExchange implements AutoCloseable {
    static final String PATH = "/internal/consumed";
    static final Duration INTERVAL = Duration.ofMillis(200);
    private static final Logger log = LoggerFactory.getLogger(ConsumptionExchange.class);

    private final ThroughputBudgets budgets;
    private final Supplier<Collection<URI>> others;
    private final HttpClient http;
    private final NodeCallSignatures signatures;
    private final ScheduledExecutorService timer = Executors.newSingleThreadScheduledExecutor(r -> {
        Thread t = new Thread(r, "consumption-exchange");
        t.setDaemon(true);
        return t;
    });

    /** @param others the other members' endpoints, as of now */
    public ConsumptionExchange(ThroughputBudgets budgets, Supplier<Collection<URI>> others, HttpClient http,
                               NodeCallSignatures signatures) {
        this.budgets = budgets;
        this.others = others;
        this.http = http;
        this.signatures = signatures;
    }

    /** Starts keeping and sending this node's charges. */
    public ConsumptionExchange start() {
        budgets.share();
        timer.scheduleWithFixedDelay(this::sendSafely, INTERVAL.toMillis(), INTERVAL.toMillis(), TimeUnit.MILLISECONDS);
        return this;
    }

    private void sendSafely() {
        try {
            send();
        } catch (RuntimeException e) {
            log.warn("could not send this node's consumed capacity", e);
        }
    }

    void send() {
        Map<String, double[]> consumed = budgets.drainShared();
        if (consumed.isEmpty()) {
            return;
        }
        byte[] body = encode(consumed);
        for (URI node : others.get()) {
            http.sendAsync(signatures.post(node, PATH, body).timeout(Duration.ofSeconds(2)).build(),
                    HttpResponse.BodyHandlers.discarding());
        }
    }

    /** Charges what another node sent. */
    void receive(byte[] body) {
        try (DataInputStream in = new DataInputStream(new ByteArrayInputStream(body))) {
            int count = in.readInt();
            for (int i = 0; i < count; i++) {
                budgets.chargeFromPeer(in.readUTF(), in.readDouble(), in.readDouble());
            }
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    static byte[] encode(Map<String, double[]> consumed) {
        ByteArrayOutputStream bytes = new ByteArrayOutputStream();
        try (DataOutputStream out = new DataOutputStream(bytes)) {
            out.writeInt(consumed.size());
            for (Map.Entry<String, double[]> e : consumed.entrySet()) {
                out.writeUTF(e.getKey());
                out.writeDouble(e.getValue()[0]);
                out.writeDouble(e.getValue()[1]);
            }
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        return bytes.toByteArray();
    }

    @Override
    public void close() {
        timer.shutdownNow();
    }
}
