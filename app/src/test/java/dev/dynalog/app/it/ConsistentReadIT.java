package dev.dynalog.app.it;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;
import software.amazon.awssdk.services.dynamodb.DynamoDbClient;
import software.amazon.awssdk.services.dynamodb.model.AttributeValue;

/** A strongly consistent read sees every write acknowledged before it began. */
class ConsistentReadIT {
    private final DynamoDbClient db = TestNode.shared().client();

    @Test
    void everyThreadReadsItsOwnLatestWrite() throws Exception {
        RestartIT.createAndFill(db, "ryw", 0);
        ExecutorService pool = Executors.newFixedThreadPool(16);
        List<Future<Integer>> stale = new ArrayList<>();
        for (int t = 0; t < 16; t++) {
            String id = "item-" + t; // each thread its own item; other threads' writes interleave in the log
            int thread = t;
            stale.add(pool.submit(() -> {
                int staleReads = 0;
                for (int i = 0; i < 100; i++) {
                    String version = thread + ":" + i;
                    db.putItem(r -> r.tableName("ryw").item(Map.of("id", AttributeValue.fromS(id),
                            "v", AttributeValue.fromS(version))));
                    Map<String, AttributeValue> read = db.getItem(r -> r.tableName("ryw").consistentRead(true)
                            .key(Map.of("id", AttributeValue.fromS(id)))).item();
                    if (!version.equals(read.get("v").s())) {
                        staleReads++;
                    }
                }
                return staleReads;
            }));
        }
        for (Future<Integer> f : stale) {
            assertThat(f.get(2, TimeUnit.MINUTES)).isZero();
        }
        pool.shutdown();
    }

    @Test
    void aWriteAcknowledgedToOneClientIsSeenByAnotherClientsStrongRead() {
        RestartIT.createAndFill(db, "ryw_cross", 0);
        DynamoDbClient other = TestNode.shared().newClient();
        for (int i = 0; i < 200; i++) {
            String v = Integer.toString(i);
            db.putItem(r -> r.tableName("ryw_cross").item(Map.of("id", AttributeValue.fromS("shared"), "v", AttributeValue.fromN(v))));
            assertThat(other.getItem(r -> r.tableName("ryw_cross").consistentRead(true)
                    .key(Map.of("id", AttributeValue.fromS("shared")))).item().get("v").n()).isEqualTo(v);
        }
    }
}
