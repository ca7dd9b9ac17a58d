package dev.dynalog.app.it;

import static org.assertj.core.api.Assertions.assertThat;

import java.net.URI;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicBoolean;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import software.amazon.awssdk.services.dynamodb.DynamoDbClient;
import software.amazon.awssdk.services.dynamodb.model.AttributeValue;
import software.amazon.awssdk.services.dynamodb.model.DynamoDbException;

/**
 * {@code dynalog serve} as users start a cluster: two processes on one external broker, each
 * with {@code --bootstrap-servers}, {@code --advertised-url} and a standby of every partition. One
 * is SIGKILLed while a client writes through the other and reads each write strongly through it:
 * the survivor takes the killed node's partitions over, every write acknowledged is there, no
 * strong read misses one, and nothing fails but retryably.
 */
class ClusterProcessIT {
    @TempDir
    Path dir;

    private static DynalogProcess node(Path dataDir, int port, String bootstrapServers) throws Exception {
        return DynalogProcess.serve(dataDir, "--port", String.valueOf(port), "--bootstrap-servers", bootstrapServers,
                "--advertised-url", "http://127.0.0.1:" + port, "--host", "127.0.0.1", "--partitions", "2",
                "--standby-replicas", "1", "--schema-registry-port", "0", "--data-dir", dataDir.toString());
    }

    @Test
    void aNodeKilledUnderLoadLosesNoAcknowledgedWriteAndItsPartitionsServeFromTheOther() throws Exception {
        try (KafkaBrokerProcess kafka = KafkaBrokerProcess.start(dir.resolve("broker"))) {
            int portA = DynalogProcess.freePort();
            int portB = DynalogProcess.freePort();
            DynalogProcess a = node(dir.resolve("a"), portA, kafka.bootstrapServers());
            DynalogProcess b = node(dir.resolve("b"), portB, kafka.bootstrapServers());
            try (DynamoDbClient viaA = Clients.dynamoDb(URI.create("http://127.0.0.1:" + portA));
                 DynamoDbClient viaB = Clients.dynamoDb(URI.create("http://127.0.0.1:" + portB))) {
                viaA.createTable(r -> r.tableName("killed").billingMode("PAY_PER_REQUEST")
                        .keySchema(k -> k.attributeName("id").keyType("HASH"))
                        .attributeDefinitions(d -> d.attributeName("id").attributeType("S")));
                Clients.waiter(viaA).waitUntilTableExists(r -> r.tableName("killed"));
                Clients.waiter(viaB).waitUntilTableExists(r -> r.tableName("killed"));
                // Both nodes serve the other's writes before the kill: the cluster is formed.
                for (int i = 0; i < 20; i++) {
                    Map<String, AttributeValue> item = Map.of("id", AttributeValue.fromS("before" + i));
                    (i % 2 == 0 ? viaA : viaB).putItem(r -> r.tableName("killed").item(item));
                    assertThat((i % 2 == 0 ? viaB : viaA).getItem(r -> r.tableName("killed").key(item)
                            .consistentRead(true)).hasItem()).isTrue();
                }
                List<String> acknowledged = Collections.synchronizedList(new ArrayList<>());
                List<String> stale = Collections.synchronizedList(new ArrayList<>());
                List<String> failures = Collections.synchronizedList(new ArrayList<>());
                AtomicBoolean stop = new AtomicBoolean();
                long[] slowest = {0};
                Thread client = new Thread(() -> {
                    for (int i = 0; !stop.get(); i++) {
                        Map<String, AttributeValue> key = Map.of("id", AttributeValue.fromS("w" + i));
                        long began = System.nanoTime();
                        try {
                            viaB.putItem(r -> r.tableName("killed").item(key));
                            acknowledged.add("w" + i);
                            if (!viaB.getItem(r -> r.tableName("killed").key(key).consistentRead(true)).hasItem()) {
                                stale.add("w" + i);
                            }
                        } catch (DynamoDbException e) {
                            failures.add(e.statusCode() + " " + e.getMessage());
                        }
                        slowest[0] = Math.max(slowest[0], (System.nanoTime() - began) / 1_000_000);
                    }
                });
                client.start();
                Thread.sleep(2_000);
                a.process().destroyForcibly().waitFor(30, TimeUnit.SECONDS);
                long killedAt = System.nanoTime();
                int before = acknowledged.size();
                // Until every partition serves from the survivor: writes to both partitions succeed again.
                while (acknowledged.size() < before + 50) {
                    assertThat(System.nanoTime() - killedAt).as("writes resume after the kill").isLessThan(90_000_000_000L);
                    Thread.sleep(100);
                }
                Thread.sleep(2_000);
                stop.set(true);
                client.join();
                System.out.printf("cluster kill: %d writes acknowledged, %d failed, slowest write and strong read %d ms%n",
                        acknowledged.size(), failures.size(), slowest[0]);
                assertThat(stale).as("strong reads that missed an acknowledged write").isEmpty();
                assertThat(failures).as("failures other than retryable 5xx").allMatch(f -> f.startsWith("5"));
                for (String id : acknowledged) {
                    assertThat(viaB.getItem(r -> r.tableName("killed").consistentRead(true)
                            .key(Map.of("id", AttributeValue.fromS(id)))).hasItem()).as(id).isTrue();
                }
            } finally {
                a.process().destroyForcibly().waitFor(30, TimeUnit.SECONDS);
                b.process().destroy();
                if (!b.process().waitFor(60, TimeUnit.SECONDS)) {
                    b.process().destroyForcibly();
                }
            }
        }
    }
}
