package dev.dynalog.junit;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import software.amazon.awssdk.services.dynamodb.DynamoDbClient;
import software.amazon.awssdk.services.dynamodb.model.AttributeDefinition;
import software.amazon.awssdk.services.dynamodb.model.AttributeValue;
import software.amazon.awssdk.services.dynamodb.model.BillingMode;
import software.amazon.awssdk.services.dynamodb.model.CreateTableRequest;
import software.amazon.awssdk.services.dynamodb.model.CreateTableResponse;
import software.amazon.awssdk.services.dynamodb.model.KeySchemaElement;
import software.amazon.awssdk.services.dynamodb.model.KeyType;
import software.amazon.awssdk.services.dynamodb.model.ListTablesResponse;
import software.amazon.awssdk.services.dynamodb.model.ProvisionedThroughput;
import software.amazon.awssdk.services.dynamodb.model.ResourceInUseException;
import software.amazon.awssdk.services.dynamodb.model.ResourceNotFoundException;
import software.amazon.awssdk.services.dynamodb.model.ScalarAttributeType;
import software.amazon.awssdk.services.dynamodb.model.TableDescription;
import software.amazon.awssdk.services.dynamodb.model.TableStatus;
import software.amazon.awssdk.services.dynamodb.waiters.DynamoDbWaiter;

/**
 * CreateTable, DescribeTable, ListTables and DeleteTable through the AWS SDK v2 over HTTP, on the
 * node the JUnit extension gives the class.
 */
@ExtendWith(DynalogExtension.class)
class TableLifecycleIT {
    private final DynamoDbClient db;
    private final DynamoDbWaiter waiter;

    TableLifecycleIT(DynamoDbClient db) {
        this.db = db;
        this.waiter = DynamoDbWaiter.builder().client(db).build();
    }

    @Test
    void createdTableIsCreatingThenActiveWithItsDefinition() {
        Instant before = Instant.now().minusSeconds(1);
        CreateTableResponse created = db.createTable(CreateTableRequest.builder()
                .tableName("lc_provisioned")
                .keySchema(key("pk", KeyType.HASH), key("sk", KeyType.RANGE))
                .attributeDefinitions(attr("pk", ScalarAttributeType.S), attr("sk", ScalarAttributeType.N))
                .provisionedThroughput(ProvisionedThroughput.builder().readCapacityUnits(5L).writeCapacityUnits(7L).build())
                .build());
        assertThat(created.tableDescription().tableStatus()).isEqualTo(TableStatus.CREATING);

        TableDescription table = waiter.waitUntilTableExists(r -> r.tableName("lc_provisioned"))
                .matched().response().orElseThrow().table();
        assertThat(table.tableStatus()).isEqualTo(TableStatus.ACTIVE);
        assertThat(table.tableName()).isEqualTo("lc_provisioned");
        assertThat(table.tableArn()).endsWith(":table/lc_provisioned").startsWith("arn:aws:dynamodb:");
        assertThat(table.creationDateTime()).isBetween(before, Instant.now());
        assertThat(table.keySchema()).containsExactly(key("pk", KeyType.HASH), key("sk", KeyType.RANGE));
        assertThat(table.attributeDefinitions()).containsExactlyInAnyOrder(attr("pk", ScalarAttributeType.S),
                attr("sk", ScalarAttributeType.N));
        assertThat(table.provisionedThroughput().readCapacityUnits()).isEqualTo(5L);
        assertThat(table.provisionedThroughput().writeCapacityUnits()).isEqualTo(7L);
        assertThat(table.billingModeSummary()).isNull();
        assertThat(table.itemCount()).isZero();
        assertThat(table.tableSizeBytes()).isZero();
    }

    @Test
    void onDemandTableReportsItsBillingModeAndKeepsItemCountAndSize() {
        createOnDemand("lc_ondemand");
        db.putItem(r -> r.tableName("lc_ondemand").item(Map.of("id", s("a"), "v", s("12345"))));
        db.putItem(r -> r.tableName("lc_ondemand").item(Map.of("id", s("b"))));
        TableDescription table = db.describeTable(r -> r.tableName("lc_ondemand")).table();
        assertThat(table.billingModeSummary().billingMode()).isEqualTo(BillingMode.PAY_PER_REQUEST);
        assertThat(table.itemCount()).isEqualTo(2);
        // id "a" (2+1) + v "12345" (1+5) + id "b" (2+1) bytes, by DynamoDB's item size rules
        assertThat(table.tableSizeBytes()).isEqualTo(12);
    }

    @Test
    void creatingAnExistingTableIsRejected() {
        createOnDemand("lc_twice");
        assertThatThrownBy(() -> createOnDemand("lc_twice")).isInstanceOf(ResourceInUseException.class);
    }

    @Test
    void describingOrDeletingAMissingTableIsResourceNotFound() {
        assertThatThrownBy(() -> db.describeTable(r -> r.tableName("lc_absent"))).isInstanceOf(ResourceNotFoundException.class);
        assertThatThrownBy(() -> db.deleteTable(r -> r.tableName("lc_absent"))).isInstanceOf(ResourceNotFoundException.class);
    }

    @Test
    void listTablesPagesInNameOrder() {
        for (String n : List.of("lp_c", "lp_a", "lp_b", "lp_d")) {
            createOnDemand(n);
        }
        List<String> seen = new ArrayList<>();
        String start = null;
        do {
            String from = start;
            ListTablesResponse page = db.listTables(r -> r.limit(2).exclusiveStartTableName(from));
            assertThat(page.tableNames()).hasSizeLessThanOrEqualTo(2);
            seen.addAll(page.tableNames());
            start = page.lastEvaluatedTableName();
        } while (start != null);
        assertThat(seen).containsSubsequence("lp_a", "lp_b", "lp_c", "lp_d").isSorted();
    }

    @Test
    void deletedTableDisappearsAndANewTableOfTheSameNameStartsEmpty() {
        createOnDemand("lc_reborn");
        db.putItem(r -> r.tableName("lc_reborn").item(Map.of("id", s("old"))));
        TableDescription deleting = db.deleteTable(r -> r.tableName("lc_reborn")).tableDescription();
        assertThat(deleting.tableStatus()).isEqualTo(TableStatus.DELETING);
        waiter.waitUntilTableNotExists(r -> r.tableName("lc_reborn"));
        assertThat(db.listTables().tableNames()).doesNotContain("lc_reborn");

        createOnDemand("lc_reborn");
        assertThat(db.getItem(r -> r.tableName("lc_reborn").key(Map.of("id", s("old"))).consistentRead(true)).hasItem())
                .isFalse();
        assertThat(db.scan(r -> r.tableName("lc_reborn")).count()).isZero();
    }

    @Test
    void aDeletedTableIsGoneByTheNextRequestAndItsNameCanBeTakenAtOnce() {
        createOnDemand("lc_quick");
        db.putItem(r -> r.tableName("lc_quick").item(Map.of("id", s("old"))));
        db.deleteTable(r -> r.tableName("lc_quick"));
        assertThatThrownBy(() -> db.describeTable(r -> r.tableName("lc_quick"))).isInstanceOf(ResourceNotFoundException.class);
        assertThatThrownBy(() -> db.getItem(r -> r.tableName("lc_quick").key(Map.of("id", s("old")))))
                .isInstanceOf(ResourceNotFoundException.class);
        assertThatThrownBy(() -> db.deleteTable(r -> r.tableName("lc_quick"))).isInstanceOf(ResourceNotFoundException.class);
        assertThat(db.listTables().tableNames()).doesNotContain("lc_quick");

        // No waiter: the name is free as soon as DeleteTable has answered.
        db.createTable(CreateTableRequest.builder().tableName("lc_quick")
                .keySchema(key("id", KeyType.HASH)).attributeDefinitions(attr("id", ScalarAttributeType.S))
                .billingMode(BillingMode.PAY_PER_REQUEST).build());
        TableDescription reborn = db.describeTable(r -> r.tableName("lc_quick")).table();
        assertThat(reborn.tableStatus()).isEqualTo(TableStatus.ACTIVE);
        assertThat(reborn.itemCount()).isZero();
        assertThat(db.scan(r -> r.tableName("lc_quick").consistentRead(true)).items()).isEmpty();
    }

    private void createOnDemand(String name) {
        db.createTable(CreateTableRequest.builder().tableName(name)
                .keySchema(key("id", KeyType.HASH))
                .attributeDefinitions(attr("id", ScalarAttributeType.S))
                .billingMode(BillingMode.PAY_PER_REQUEST)
                .build());
        waiter.waitUntilTableExists(r -> r.tableName(name));
    }

    static KeySchemaElement key(String name, KeyType type) {
        return KeySchemaElement.builder().attributeName(name).keyType(type).build();
    }

    static AttributeDefinition attr(String name, ScalarAttributeType type) {
        return AttributeDefinition.builder().attributeName(name).attributeType(type).build();
    }

    static AttributeValue s(String v) {
        return AttributeValue.fromS(v);
    }
}
