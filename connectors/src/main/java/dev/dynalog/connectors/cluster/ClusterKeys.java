package dev.dynalog.connectors.cluster;

import dev.dynalog.streams.log.CompactedTopicLog;
import java.nio.charset.StandardCharsets;
import java.security.SecureRandom;
import java.time.Duration;
import java.util.Arrays;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeoutException;

/**
 * The secret key that nodes of one cluster sign their calls to each other with, kept in a
 * compacted topic of the cluster's own: whoever may read that topic may read every table's log
 * anyway, so the key needs no configuration of its own and every node, also one started later,
 * finds it there. The first node to start writes a random key. Nodes starting at the same moment
 * may each write one; every node then signs with the latest it has read and accepts the keys it
 * has read since it started, so calls between them keep verifying while they converge.
 */
public final class ClusterKeys implements AutoCloseable {
    private static final byte[] RECORD_KEY = "internal-calls".getBytes(StandardCharsets.UTF_8);
    private static final int KEY_BYTES = 32;
    private static final Duration TIMEOUT = Duration.ofSeconds(30);

    private final CompactedTopicLog log;
    private final List<byte[]> known = new CopyOnWriteArrayList<>();
    private volatile byte[] latest;

    private ClusterKeys(String bootstrapServers, String topic) {
        this.log = new CompactedTopicLog(bootstrapServers, topic, "cluster-keys-reader", r -> {
            if (Arrays.equals(r.key(), RECORD_KEY) && r.value() != null && r.value().length == KEY_BYTES) {
                known.add(r.value());
                latest = r.value();
            }
        });
    }

    /** Reads the cluster's key from {@code topic}, writing a new one first if it has none. */
    public static ClusterKeys start(String bootstrapServers, String topic)
            throws InterruptedException, ExecutionException, TimeoutException {
        ClusterKeys keys = new ClusterKeys(bootstrapServers, topic);
        try {
            keys.log.start(TIMEOUT);
            if (keys.latest == null) {
                byte[] fresh = new byte[KEY_BYTES];
                new SecureRandom().nextBytes(fresh);
                keys.log.append(RECORD_KEY, fresh, TIMEOUT);
            }
        } catch (InterruptedException | ExecutionException | TimeoutException | RuntimeException e) {
            keys.close();
            throw e;
        }
        return keys;
    }

    /** The key this node signs with: the latest the cluster's topic holds. */
    public byte[] signing() {
        return latest;
    }

    /** The keys a call may be signed with: every one read since this node started. */
    public List<byte[]> verifying() {
        return known;
    }

    @Override
    public void close() {
        log.close();
    }
}
