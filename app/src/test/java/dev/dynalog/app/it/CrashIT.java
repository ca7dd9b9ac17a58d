package dev.dynalog.app.it;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.net.URI;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Set;
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

/**
 * {@code dynalog serve} as users run it, in its own process: SIGKILLed right after a burst of
 * acknowledged PutItems, then started again on the same data directory; every acknowledged item
 * must be there.
 */
class CrashIT {
    @TempDir
    Path dataDir;

    @Test
    void everyAcknowledgedPutSurvivesSigkill() throws Exception {
        int port = freePort();
        int kafkaPort = freePort();
        Set<String> acknowledged = ConcurrentHashMap.newKeySet();
        Process server = serve(port, kafkaPort);
        try {
            DynamoDbClient db = Clients.dynamoDb(URI.create("http://127.0.0.1:" + port));
            RestartIT.createAndFill(db, "crash", 0);
            AtomicBoolean stop = new AtomicBoolean();
            ExecutorService writers = Executors.newFixedThreadPool(16);
            List<Future<?>> running = new ArrayList<>();
            for (int t = 0; t < 16; t++) {
                int thread = t;
                running.add(writers.submit(() -> {
                    for (int i = 0; !stop.get(); i++) {
                        String id = "t" + thread + "-" + i;
                        try {
                            db.putItem(r -> r.tableName("crash").item(Map.of("id", AttributeValue.fromS(id))));
                            acknowledged.add(id);
                        } catch (RuntimeException e) {
                            return; // the server is gone
                        }
                    }
                }));
            }
            Thread.sleep(5000);
            // Kill while writes are still in flight: only acknowledged ones are promised.
            server.destroyForcibly().waitFor(30, TimeUnit.SECONDS);
            stop.set(true);
            for (Future<?> f : running) {
                f.get(60, TimeUnit.SECONDS);
            }
            writers.shutdown();
        } finally {
            server.destroyForcibly().waitFor(30, TimeUnit.SECONDS);
        }
        assertThat(acknowledged).as("writes acknowledged before the kill").hasSizeGreaterThan(50);

        DynalogProcess restarted = DynalogProcess.serve(dataDir, port, kafkaPort);
        Process again = restarted.process();
        try {
            Duration streamsStartup = restarted.streamsStartup();
            System.out.printf("CrashIT: restarted node ready after %d s, Kafka Streams RUNNING after %d ms%n",
                    restarted.startup().toSeconds(), streamsStartup.toMillis());
            assertThat(streamsStartup).as("Kafka Streams RUNNING after the restart").isLessThan(Duration.ofSeconds(120));
            DynamoDbClient db = Clients.dynamoDb(URI.create("http://127.0.0.1:" + port));
            for (String id : acknowledged) {
                assertThat(db.getItem(r -> r.tableName("crash").key(Map.of("id", AttributeValue.fromS(id)))
                        .consistentRead(true)).hasItem()).as("acknowledged item %s", id).isTrue();
            }
        } finally {
            again.destroy();
            again.waitFor(60, TimeUnit.SECONDS);
        }
    }

    private Process serve(int port, int kafkaPort) throws IOException, InterruptedException {
        return DynalogProcess.serve(dataDir, port, kafkaPort).process();
    }

    private static int freePort() throws IOException {
        return DynalogProcess.freePort();
    }
}
