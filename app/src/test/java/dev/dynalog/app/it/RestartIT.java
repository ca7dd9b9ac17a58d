package dev.dynalog.app.it;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Comparator;
import java.util.HashMap;
import java.util.Map;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import software.amazon.awssdk.services.dynamodb.DynamoDbClient;
import software.amazon.awssdk.services.dynamodb.model.AttributeValue;
import software.amazon.awssdk.services.dynamodb.model.BillingMode;
import software.amazon.awssdk.services.dynamodb.model.DynamoDbException;
import software.amazon.awssdk.services.dynamodb.model.KeyType;
import software.amazon.awssdk.services.dynamodb.model.ScalarAttributeType;
import software.amazon.awssdk.services.dynamodb.model.Tag;
import software.amazon.awssdk.services.dynamodb.model.TableClass;

/**
 * The log is the source of truth: a restarted node keeps every table and item, and a node whose
 * local RocksDB state is gone rebuilds it from Kafka. A table's settings (tags, deletion
 * protection) are in its catalog record and come back with it.
 */
class RestartIT {
    @TempDir
    Path dataDir;

    @Test
    void restartOnTheSameDataDirectoryKeepsTablesAndItems() throws Exception {
        try (TestNode node = TestNode.start(dataDir)) {
            createAndFill(node.client(), "restart_keep", 200);
        }
        try (TestNode node = TestNode.start(dataDir)) {
            assertAllThere(node.client(), "restart_keep", 200);
        }
    }

    @Test
    void stateDeletedFromDiskIsRebuiltFromKafka() throws Exception {
        try (TestNode node = TestNode.start(dataDir)) {
            createAndFill(node.client(), "restart_rebuild", 200);
        }
        Path state = dataDir.resolve("streams");
        assertThat(state).isDirectory();
        deleteRecursively(state);
        try (TestNode node = TestNode.start(dataDir)) {
            assertAllThere(node.client(), "restart_rebuild", 200);
            assertThat(node.client().describeTable(r -> r.tableName("restart_rebuild")).table().itemCount()).isEqualTo(200);
        }
    }

    @Test
    void tagsDeletionProtectionAndTheTableClassSurviveARestart() throws Exception {
        Tag env = Tag.builder().key("env").value("prod").build();
        Tag owner = Tag.builder().key("owner").value("billing team").build();
        String arn;
        try (TestNode node = TestNode.start(dataDir)) {
            DynamoDbClient db = node.client();
            db.createTable(r -> r.tableName("restart_settings").billingMode(BillingMode.PAY_PER_REQUEST)
                    .keySchema(k -> k.attributeName("id").keyType(KeyType.HASH))
                    .attributeDefinitions(a -> a.attributeName("id").attributeType(ScalarAttributeType.S))
                    .tags(env).deletionProtectionEnabled(true).tableClass(TableClass.STANDARD_INFREQUENT_ACCESS));
            Clients.waiter(db).waitUntilTableExists(r -> r.tableName("restart_settings"));
            arn = db.describeTable(r -> r.tableName("restart_settings")).table().tableArn();
            db.tagResource(r -> r.resourceArn(arn).tags(owner));
        }
        try (TestNode node = TestNode.start(dataDir)) {
            DynamoDbClient db = node.client();
            assertThat(db.listTagsOfResource(r -> r.resourceArn(arn)).tags()).containsExactlyInAnyOrder(env, owner);
            var table = db.describeTable(r -> r.tableName("restart_settings")).table();
            assertThat(table.deletionProtectionEnabled()).isTrue();
            assertThat(table.tableClassSummary().tableClass()).isEqualTo(TableClass.STANDARD_INFREQUENT_ACCESS);
            assertThatThrownBy(() -> db.deleteTable(r -> r.tableName("restart_settings")))
                    .isInstanceOf(DynamoDbException.class)
                    .hasMessageContaining("Resource cannot be deleted as it is currently protected against deletion");

            db.updateTable(r -> r.tableName("restart_settings").deletionProtectionEnabled(false));
            Clients.waiter(db).waitUntilTableExists(r -> r.tableName("restart_settings"));
            db.deleteTable(r -> r.tableName("restart_settings"));
            Clients.waiter(db).waitUntilTableNotExists(r -> r.tableName("restart_settings"));
        }
    }

    static void createAndFill(DynamoDbClient db, String table, int items) {
        db.createTable(r -> r.tableName(table).billingMode(BillingMode.PAY_PER_REQUEST)
                .keySchema(k -> k.attributeName("id").keyType(KeyType.HASH))
                .attributeDefinitions(a -> a.attributeName("id").attributeType(ScalarAttributeType.S)));
        Clients.waiter(db).waitUntilTableExists(r -> r.tableName(table));
        for (int i = 0; i < items; i++) {
            Map<String, AttributeValue> item = item(i);
            db.putItem(r -> r.tableName(table).item(item));
        }
    }

    static void assertAllThere(DynamoDbClient db, String table, int items) {
        for (int i = 0; i < items; i++) {
            Map<String, AttributeValue> expected = item(i);
            assertThat(db.getItem(r -> r.tableName(table).key(Map.of("id", expected.get("id"))).consistentRead(true)).item())
                    .isEqualTo(expected);
        }
        assertThat(db.scanPaginator(r -> r.tableName(table)).items().stream().count()).isEqualTo(items);
    }

    static Map<String, AttributeValue> item(int i) {
        Map<String, AttributeValue> item = new HashMap<>();
        item.put("id", AttributeValue.fromS("item-" + i));
        item.put("n", AttributeValue.fromN(Integer.toString(i)));
        item.put("payload", AttributeValue.fromS("x".repeat(100)));
        return item;
    }

    private static void deleteRecursively(Path dir) throws IOException {
        try (Stream<Path> paths = Files.walk(dir)) {
            for (Path p : paths.sorted(Comparator.reverseOrder()).toList()) {
                Files.delete(p);
            }
        }
    }
}
