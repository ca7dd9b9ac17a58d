package dev.dynalog.app.it;

import static org.assertj.core.api.Assertions.assertThat;

import dev.dynalog.app.Main;
import java.io.PrintWriter;
import java.io.StringWriter;
import java.util.Map;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import picocli.CommandLine;
import software.amazon.awssdk.services.dynamodb.DynamoDbClient;
import software.amazon.awssdk.services.dynamodb.model.AttributeValue;
import software.amazon.awssdk.services.dynamodb.model.BillingMode;
import software.amazon.awssdk.services.dynamodb.model.KeyType;
import software.amazon.awssdk.services.dynamodb.model.ScalarAttributeType;

/**
 * The hot-key report as an operator reads it: one partition key of a table takes most of its
 * writes, and {@code dynalog hot-keys} (over {@code GET /metrics}) names it, with its units and
 * its log partition's share, among cold keys that it does not list.
 */
class HotKeysIT {
    private static final String TABLE = "hot_orders";
    private static DynamoDbClient db;

    @BeforeAll
    static void traffic() {
        db = Clients.dynamoDb(TestNode.shared().endpoint());
        db.createTable(t -> t.tableName(TABLE).billingMode(BillingMode.PAY_PER_REQUEST)
                .keySchema(k -> k.attributeName("customer").keyType(KeyType.HASH),
                        k -> k.attributeName("order").keyType(KeyType.RANGE))
                .attributeDefinitions(a -> a.attributeName("customer").attributeType(ScalarAttributeType.S),
                        a -> a.attributeName("order").attributeType(ScalarAttributeType.N)));
        Clients.waiter(db).waitUntilTableExists(r -> r.tableName(TABLE));
        for (int i = 0; i < 120; i++) {
            put("customer#17", i);
        }
        for (int i = 0; i < 30; i++) {
            put("customer#" + (100 + i), 0);
        }
        for (int i = 0; i < 40; i++) {
            db.getItem(g -> g.tableName(TABLE).consistentRead(true)
                    .key(Map.of("customer", AttributeValue.fromS("customer#17"), "order", AttributeValue.fromN("1"))));
        }
    }

    private static void put(String customer, int order) {
        db.putItem(p -> p.tableName(TABLE).item(Map.of("customer", AttributeValue.fromS(customer),
                "order", AttributeValue.fromN(Integer.toString(order)))));
    }

    @Test
    void hotKeysNamesTheKeyTakingMostOfTheTablesWritesAndItsPartitionsShare() {
        StringWriter out = new StringWriter();
        int exit = new CommandLine(new Main()).setOut(new PrintWriter(out)).execute("hot-keys",
                "--endpoint", TestNode.shared().endpoint().toString(), "--table", TABLE);

        assertThat(exit).isZero();
        String text = out.toString();
        assertThat(text).contains("table " + TABLE + " on " + TestNode.shared().endpoint()
                + ", last 60 s: 40.0 read units, 150.0 write units");
        assertThat(text).containsPattern("(?m)^rank  write units  partition key\n {3}1 +120\\.0  S:customer#17\n {3}2 +1\\.0  S:customer#1\\d\\d$");
        assertThat(text).containsPattern("(?m)^rank  read units  partition key\n {3}1 +40\\.0  S:customer#17\n\n");
        assertThat(text).as("ten keys at most").doesNotContainPattern("(?m)^ +11 ");
        assertThat(text).containsPattern("(?m)^\\d +40\\.0 +1\\d\\d\\.0 +\\d+%$");
    }

    @Test
    void aTableWithoutUseSaysSo() {
        StringWriter out = new StringWriter();
        int exit = new CommandLine(new Main()).setOut(new PrintWriter(out)).execute("hot-keys",
                "--endpoint", TestNode.shared().endpoint().toString(), "--table", "hot_nothing");

        assertThat(exit).isZero();
        assertThat(out.toString()).startsWith("Table hot_nothing consumed no capacity on ");
    }
}
