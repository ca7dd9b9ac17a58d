package dev.dynalog.app.it;

import static org.assertj.core.api.Assertions.assertThat;

import java.net.URI;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.junit.jupiter.api.Test;
import software.amazon.awssdk.services.dynamodb.DynamoDbClient;
import software.amazon.awssdk.services.dynamodb.model.AttributeValue;
import software.amazon.awssdk.services.dynamodb.model.BillingMode;
import software.amazon.awssdk.services.dynamodb.model.KeyType;
import software.amazon.awssdk.services.dynamodb.model.ScalarAttributeType;

/**
 * Several {@code dynalog serve} on one host, started at once with only {@code --port} and
 * {@code --data-dir} told apart: the broker's and the registry's ports follow the HTTP port, so
 * nothing clashes, and each serves its own tables.
 */
class NodesSideBySideIT {
    private static final Pattern ENDPOINT = Pattern.compile("dynalog ready: (\\S+)");

    @Test
    void twoNodesWithTheirOwnPortAndDataDirectoryBothServe() throws Exception {
        Path dir = Files.createTempDirectory("dynalog-side-by-side-");
        int[] ports = {freeBlock(), freeBlock()};
        List<CompletableFuture<DynalogProcess>> starting = new ArrayList<>();
        for (int i = 0; i < ports.length; i++) {
            Path data = dir.resolve("node" + i);
            int port = ports[i];
            starting.add(CompletableFuture.supplyAsync(() -> {
                try {
                    return DynalogProcess.serve(data, "--port", String.valueOf(port), "--data-dir", data.toString());
                } catch (Exception e) {
                    throw new IllegalStateException(e);
                }
            }));
        }
        List<DynalogProcess> nodes = new ArrayList<>();
        try {
            for (CompletableFuture<DynalogProcess> f : starting) {
                nodes.add(f.join());
            }
            for (int i = 0; i < nodes.size(); i++) {
                DynalogProcess node = nodes.get(i);
                assertThat(node.bootstrapServers()).endsWith(":" + (ports[i] + 1092));
                assertThat(node.schemaRegistry().getPort()).isEqualTo(ports[i] + 81);
                String table = "side" + i;
                try (DynamoDbClient db = Clients.dynamoDb(endpoint(node))) {
                    db.createTable(t -> t.tableName(table).billingMode(BillingMode.PAY_PER_REQUEST)
                            .keySchema(k -> k.attributeName("id").keyType(KeyType.HASH))
                            .attributeDefinitions(a -> a.attributeName("id").attributeType(ScalarAttributeType.S)));
                    Clients.waiter(db).waitUntilTableExists(r -> r.tableName(table));
                    db.putItem(p -> p.tableName(table).item(Map.of("id", AttributeValue.fromS("x"))));
                    assertThat(db.listTables().tableNames()).containsExactly(table);
                }
            }
        } finally {
            for (DynalogProcess node : nodes) {
                node.process().destroy();
            }
            for (CompletableFuture<DynalogProcess> f : starting) {
                f.thenAccept(n -> n.process().destroy());
            }
        }
    }

    private static URI endpoint(DynalogProcess node) {
        Matcher m = ENDPOINT.matcher(node.readyLine());
        assertThat(m.find()).isTrue();
        return URI.create(m.group(1));
    }

    /** An HTTP port whose derived broker (+1092) and registry (+81) ports are free too. */
    private static int freeBlock() throws Exception {
        for (int attempt = 0; attempt < 50; attempt++) {
            int port = 20000 + (int) (Math.random() * 30000);
            if (free(port) && free(port + 1092) && free(port + 81)) {
                return port;
            }
        }
        throw new IllegalStateException("no free block of ports");
    }

    private static boolean free(int port) {
        try (java.net.ServerSocket s = new java.net.ServerSocket(port)) {
            return true;
        } catch (java.io.IOException e) {
            return false;
        }
    }
}
