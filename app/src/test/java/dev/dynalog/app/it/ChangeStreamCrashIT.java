package dev.dynalog.app.it;

import static org.assertj.core.api.Assertions.assertThat;

import dev.dynalog.streams.TopicNames;
import java.net.URI;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeSet;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicBoolean;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import software.amazon.awssdk.services.dynamodb.DynamoDbClient;
import software.amazon.awssdk.services.dynamodb.model.AttributeValue;
import software.amazon.awssdk.services.dynamodb.model.StreamViewType;

/**
 * Exactly once across a crash: writers put items with a sequence number per item (each waits for
 * its item's previous write to be acknowledged), {@code dynalog serve} is SIGKILLed mid-run and
 * started again, and a read_committed consumer of the change topic sees every acknowledged write
 * once, in order per item. A write in flight at the kill may or may not have been applied; if it
 * was, it appears once too.
 */
class ChangeStreamCrashIT {
    private static final int WRITERS = 8;
    private static final int ITEMS_PER_WRITER = 4;

    @TempDir
    Path dataDir;

    @Test
    void everyAcknowledgedChangeIsReadOnceInOrderPerItemAcrossASigkill() throws Exception {
        int port = DynalogProcess.freePort();
        int kafkaPort = DynalogProcess.freePort();
        URI endpoint = URI.create("http://127.0.0.1:" + port);
        Map<String, Set<Long>> acknowledged = new ConcurrentHashMap<>();
        DynalogProcess server = DynalogProcess.serve(dataDir, port, kafkaPort);
        try {
            DynamoDbClient db = Clients.dynamoDb(endpoint);
            db.createTable(b -> b.tableName("crash_stream").billingMode("PAY_PER_REQUEST")
                    .attributeDefinitions(a -> a.attributeName("id").attributeType("S"))
                    .keySchema(k -> k.attributeName("id").keyType("HASH"))
                    .streamSpecification(s -> s.streamEnabled(true).streamViewType(StreamViewType.NEW_IMAGE)));
            Clients.waiter(db).waitUntilTableExists(b -> b.tableName("crash_stream"));
            AtomicBoolean stop = new AtomicBoolean();
            ExecutorService writers = Executors.newFixedThreadPool(WRITERS);
            List<Future<?>> running = new ArrayList<>();
            for (int t = 0; t < WRITERS; t++) {
                int thread = t;
                running.add(writers.submit(() -> {
                    for (long seq = 1; !stop.get(); seq++) {
                        String id = "w" + thread + "-" + (seq % ITEMS_PER_WRITER);
                        long itemSeq = seq;
                        try {
                            db.putItem(r -> r.tableName("crash_stream").item(Map.of(
                                    "id", AttributeValue.fromS(id), "seq", AttributeValue.fromN(Long.toString(itemSeq)))));
                            acknowledged.computeIfAbsent(id, k -> ConcurrentHashMap.newKeySet()).add(itemSeq);
                        } catch (RuntimeException e) {
                            return; // the server is gone
                        }
                    }
                }));
            }
            Thread.sleep(6000);
            server.process().destroyForcibly().waitFor(30, TimeUnit.SECONDS);
            stop.set(true);
            for (Future<?> f : running) {
                f.get(60, TimeUnit.SECONDS);
            }
            writers.shutdown();
        } finally {
            server.process().destroyForcibly().waitFor(30, TimeUnit.SECONDS);
        }
        long total = acknowledged.values().stream().mapToLong(Set::size).sum();
        assertThat(total).as("writes acknowledged before the kill").isGreaterThan(100);

        DynalogProcess again = DynalogProcess.serve(dataDir, port, kafkaPort);
        try {
            // After a SIGKILL the stores are rebuilt from their changelogs and the dead incarnation's
            // open transaction is aborted when the new producer fences it: seconds, not the minutes a
            // stalled start took; the bound leaves room for a loaded CI machine.
            Duration streamsStartup = again.streamsStartup();
            System.out.printf("ChangeStreamCrashIT: restarted node ready after %d s, Kafka Streams RUNNING after %d ms%n",
                    again.startup().toSeconds(), streamsStartup.toMillis());
            assertThat(streamsStartup).as("Kafka Streams RUNNING after the restart").isLessThan(Duration.ofSeconds(120));
            String topic = new TopicNames("dynalog").changes("crash_stream");
            Map<String, List<Long>> seen = new HashMap<>();
            try (ChangeTopicReader reader = new ChangeTopicReader(again.bootstrapServers(), again.schemaRegistry(), topic)) {
                reader.readUntil(changes -> {
                    seen.clear();
                    for (ChangeTopicReader.Change c : changes) {
                        seen.computeIfAbsent(c.record().getKeys().get("id").getS(), k -> new ArrayList<>())
                                .add(Long.parseLong(c.record().getNewImage().get("seq").getN()));
                    }
                    return acknowledged.entrySet().stream().allMatch(e ->
                            seen.getOrDefault(e.getKey(), List.of()).containsAll(e.getValue()));
                }, Duration.ofSeconds(120));
            }
            for (Map.Entry<String, Set<Long>> e : acknowledged.entrySet()) {
                List<Long> ofItem = seen.get(e.getKey());
                assertThat(ofItem).as("changes of %s, in order, each once", e.getKey())
                        .isSorted().doesNotHaveDuplicates();
                assertThat(ofItem).as("every acknowledged change of %s", e.getKey()).containsAll(e.getValue());
                // Only the write in flight at the kill may be there unacknowledged.
                TreeSet<Long> extra = new TreeSet<>(ofItem);
                extra.removeAll(e.getValue());
                assertThat(extra).as("unacknowledged changes of %s", e.getKey()).hasSizeLessThanOrEqualTo(1);
            }
            System.out.printf("ChangeStreamCrashIT: %d acknowledged writes of %d items, all read once in order%n",
                    total, acknowledged.size());
        } finally {
            again.process().destroy();
            again.process().waitFor(60, TimeUnit.SECONDS);
        }
    }
}
