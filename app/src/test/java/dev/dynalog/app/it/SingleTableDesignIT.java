package dev.dynalog.app.it;

import static org.assertj.core.api.Assertions.assertThat;

import java.net.URI;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.function.Supplier;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedClass;
import org.junit.jupiter.params.provider.ValueSource;
import software.amazon.awssdk.services.dynamodb.DynamoDbClient;
import software.amazon.awssdk.services.dynamodb.model.AttributeDefinition;
import software.amazon.awssdk.services.dynamodb.model.AttributeValue;
import software.amazon.awssdk.services.dynamodb.model.BillingMode;
import software.amazon.awssdk.services.dynamodb.model.GlobalSecondaryIndex;
import software.amazon.awssdk.services.dynamodb.model.KeySchemaElement;
import software.amazon.awssdk.services.dynamodb.model.KeyType;
import software.amazon.awssdk.services.dynamodb.model.ProjectionType;
import software.amazon.awssdk.services.dynamodb.model.QueryRequest;
import software.amazon.awssdk.services.dynamodb.model.ScalarAttributeType;

/**
 * A single-table design, as a worked example: customers, their orders and the orders' line items
 * live in one table as an adjacency list, and every access pattern is one Query.
 *
 * <pre>
 *   pk              sk              what                    attributes
 *   CUSTOMER#c1     CUSTOMER#c1     customer profile        name, email
 *   CUSTOMER#c1     ORDER#o1        order o1 of c1          status, placedAt, total
 *   ORDER#o1        ITEM#p1         line of o1 for p1       qty, price
 *   PRODUCT#p1      PRODUCT#p1      product                 name
 * </pre>
 *
 * Two global secondary indexes turn the list around:
 * <ul>
 *   <li>{@code inverted} (hash {@code sk}, range {@code pk}): from an order to its customer, and
 *       from a product's line items to the orders that contain the product;</li>
 *   <li>{@code byStatus} (hash {@code status}, range {@code placedAt}): a sparse index, since only
 *       orders have a status: the open orders by date.</li>
 * </ul>
 *
 * GSIs are eventually consistent, in DynamoDB as in dynalog, so a read of one is repeated
 * (for up to 10 s) until it shows the expected answer. The same example runs against dynalog and
 * against DynamoDB Local, so the reference checks the example itself.
 */
@ParameterizedClass(name = "on {0}")
@ValueSource(strings = {"dynalog", "DynamoDB Local"})
class SingleTableDesignIT {
    private static final String TABLE = "std_shop";
    private static final Map<String, DynamoDbClient> LOADED = new ConcurrentHashMap<>();

    private final DynamoDbClient db;

    SingleTableDesignIT(String server) {
        this.db = LOADED.computeIfAbsent(server, s -> load(Clients.dynamoDb(endpoint(s))));
    }

    static URI endpoint(String server) {
        return server.equals("dynalog") ? TestNode.shared().endpoint() : ReferenceDynamoDb.endpoint();
    }

    private static DynamoDbClient load(DynamoDbClient db) {
        db.createTable(t -> t.tableName(TABLE).billingMode(BillingMode.PAY_PER_REQUEST)
                .keySchema(key("pk", KeyType.HASH), key("sk", KeyType.RANGE))
                .attributeDefinitions(attribute("pk"), attribute("sk"), attribute("status"), attribute("placedAt"))
                .globalSecondaryIndexes(
                        index("inverted", key("sk", KeyType.HASH), key("pk", KeyType.RANGE)),
                        index("byStatus", key("status", KeyType.HASH), key("placedAt", KeyType.RANGE))));
        Clients.waiter(db).waitUntilTableExists(r -> r.tableName(TABLE));

        customer(db, "c1", "Ada", "ada@example.com");
        customer(db, "c2", "Grace", "grace@example.com");
        customer(db, "c3", "Linus", "linus@example.com");
        product(db, "p1", "keyboard");
        product(db, "p2", "mouse");
        product(db, "p3", "monitor");
        product(db, "p4", "cable");
        order(db, "c1", "o1", "2024-01-10", "SHIPPED", line("p1", 2), line("p2", 1));
        order(db, "c1", "o2", "2024-02-03", "OPEN", line("p3", 1));
        order(db, "c2", "o3", "2024-02-14", "OPEN", line("p1", 1), line("p3", 4));
        order(db, "c1", "o4", "2024-03-01", "OPEN", line("p2", 3));
        order(db, "c2", "o5", "2024-03-09", "CANCELLED", line("p1", 1));
        order(db, "c2", "o6", "2024-03-20", "OPEN", line("p4", 2), line("p1", 5));
        return db;
    }

    private static void customer(DynamoDbClient db, String id, String name, String email) {
        db.putItem(p -> p.tableName(TABLE).item(Map.of("pk", s("CUSTOMER#" + id), "sk", s("CUSTOMER#" + id),
                "name", s(name), "email", s(email))));
    }

    private static void product(DynamoDbClient db, String id, String name) {
        db.putItem(p -> p.tableName(TABLE).item(Map.of("pk", s("PRODUCT#" + id), "sk", s("PRODUCT#" + id), "name", s(name))));
    }

    private record Line(String product, int qty) {
    }

    private static Line line(String product, int qty) {
        return new Line(product, qty);
    }

    /** An order is one item under its customer and one item per line under the order. */
    private static void order(DynamoDbClient db, String customer, String id, String placedAt, String status, Line... lines) {
        int total = 0;
        for (Line l : lines) {
            db.putItem(p -> p.tableName(TABLE).item(Map.of("pk", s("ORDER#" + id), "sk", s("ITEM#" + l.product()),
                    "qty", n(l.qty()), "price", n(10))));
            total += 10 * l.qty();
        }
        int orderTotal = total;
        db.putItem(p -> p.tableName(TABLE).item(Map.of("pk", s("CUSTOMER#" + customer), "sk", s("ORDER#" + id),
                "status", s(status), "placedAt", s(placedAt), "total", n(orderTotal))));
    }

    @Test
    void aCustomersProfileAndOrdersComeBackInOneQuery() {
        List<String> sks = sks(db.query(q -> q.tableName(TABLE).keyConditionExpression("pk = :c")
                .expressionAttributeValues(Map.of(":c", s("CUSTOMER#c1")))).items());
        assertThat(sks).containsExactly("CUSTOMER#c1", "ORDER#o1", "ORDER#o2", "ORDER#o4");
    }

    @Test
    void theOrdersOfACustomerNewestFirst() {
        var orders = db.query(q -> q.tableName(TABLE).keyConditionExpression("pk = :c AND begins_with(sk, :o)")
                .expressionAttributeValues(Map.of(":c", s("CUSTOMER#c2"), ":o", s("ORDER#"))).scanIndexForward(false)).items();
        assertThat(sks(orders)).containsExactly("ORDER#o6", "ORDER#o5", "ORDER#o3");
        assertThat(orders).extracting(o -> o.get("total").n()).containsExactly("70", "10", "50");
    }

    @Test
    void theLineItemsOfAnOrder() {
        var lines = db.query(q -> q.tableName(TABLE).keyConditionExpression("pk = :o AND begins_with(sk, :i)")
                .expressionAttributeValues(Map.of(":o", s("ORDER#o3"), ":i", s("ITEM#"))).consistentRead(true)).items();
        assertThat(sks(lines)).containsExactly("ITEM#p1", "ITEM#p3");
        assertThat(lines).extracting(l -> l.get("qty").n()).containsExactly("1", "4");
    }

    @Test
    void theOrdersThatContainAProductThroughTheInvertedIndex() {
        assertEventually(() -> pks(db.query(q -> q.tableName(TABLE).indexName("inverted").keyConditionExpression("sk = :p")
                        .expressionAttributeValues(Map.of(":p", s("ITEM#p1")))).items()),
                List.of("ORDER#o1", "ORDER#o3", "ORDER#o5", "ORDER#o6"));
        assertEventually(() -> pks(db.query(q -> q.tableName(TABLE).indexName("inverted").keyConditionExpression("sk = :p")
                        .expressionAttributeValues(Map.of(":p", s("ITEM#p4")))).items()),
                List.of("ORDER#o6"));
    }

    @Test
    void theCustomerWhoPlacedAnOrderThroughTheInvertedIndex() {
        assertEventually(() -> pks(db.query(q -> q.tableName(TABLE).indexName("inverted").keyConditionExpression("sk = :o")
                        .expressionAttributeValues(Map.of(":o", s("ORDER#o5")))).items()),
                List.of("CUSTOMER#c2"));
    }

    @Test
    void theOpenOrdersByDate() {
        assertEventually(() -> sks(db.query(q -> q.tableName(TABLE).indexName("byStatus")
                        .keyConditionExpression("#s = :s AND placedAt BETWEEN :from AND :to")
                        .expressionAttributeNames(Map.of("#s", "status"))
                        .expressionAttributeValues(Map.of(":s", s("OPEN"), ":from", s("2024-01-01"), ":to", s("2024-03-31")))).items()),
                List.of("ORDER#o2", "ORDER#o3", "ORDER#o4", "ORDER#o6"));
        assertEventually(() -> sks(db.query(q -> q.tableName(TABLE).indexName("byStatus")
                        .keyConditionExpression("#s = :s AND begins_with(placedAt, :month)")
                        .expressionAttributeNames(Map.of("#s", "status"))
                        .expressionAttributeValues(Map.of(":s", s("OPEN"), ":month", s("2024-02")))).items()),
                List.of("ORDER#o2", "ORDER#o3"));
    }

    @Test
    void onlyOrdersAreInTheSparseStatusIndex() {
        List<String> orders = new ArrayList<>();
        db.scanPaginator(s -> s.tableName(TABLE).filterExpression("begins_with(sk, :o)")
                .expressionAttributeValues(Map.of(":o", s("ORDER#")))).items().forEach(i -> orders.add(i.get("sk").s()));
        orders.sort(null);
        assertThat(orders).contains("ORDER#o1", "ORDER#o2", "ORDER#o3", "ORDER#o4", "ORDER#o5", "ORDER#o6");
        assertEventually(() -> {
            List<String> indexed = new ArrayList<>();
            db.scanPaginator(s -> s.tableName(TABLE).indexName("byStatus").limit(2)).items().forEach(i -> indexed.add(i.get("sk").s()));
            indexed.sort(null);
            return indexed;
        }, orders);
    }

    @Test
    void shippingAnOrderMovesItOutOfTheOpenOrders() {
        order(db, "c3", "o7", "2024-04-02", "OPEN", line("p2", 1));
        QueryRequest openInApril = QueryRequest.builder().tableName(TABLE).indexName("byStatus")
                .keyConditionExpression("#s = :s AND begins_with(placedAt, :month)")
                .expressionAttributeNames(Map.of("#s", "status"))
                .expressionAttributeValues(Map.of(":s", s("OPEN"), ":month", s("2024-04"))).build();
        assertEventually(() -> sks(db.query(openInApril).items()), List.of("ORDER#o7"));
        db.updateItem(u -> u.tableName(TABLE).key(Map.of("pk", s("CUSTOMER#c3"), "sk", s("ORDER#o7")))
                .updateExpression("SET #s = :s").expressionAttributeNames(Map.of("#s", "status"))
                .expressionAttributeValues(Map.of(":s", s("SHIPPED"))));
        assertEventually(() -> sks(db.query(openInApril).items()), List.of());
        assertEventually(() -> sks(db.query(openInApril.toBuilder()
                        .expressionAttributeValues(Map.of(":s", s("SHIPPED"), ":month", s("2024-04"))).build()).items()),
                List.of("ORDER#o7"));
    }

    /** Reads again, for up to 10 s, until the read returns {@code expected}; then asserts it. */
    static <T> void assertEventually(Supplier<T> read, T expected) {
        long deadline = System.nanoTime() + Differential.EVENTUALLY.toNanos();
        T actual = read.get();
        while (!actual.equals(expected) && System.nanoTime() < deadline) {
            try {
                Thread.sleep(50);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                throw new IllegalStateException(e);
            }
            actual = read.get();
        }
        assertThat(actual).isEqualTo(expected);
    }

    private static List<String> sks(List<Map<String, AttributeValue>> items) {
        return items.stream().map(i -> i.get("sk").s()).toList();
    }

    private static List<String> pks(List<Map<String, AttributeValue>> items) {
        return items.stream().map(i -> i.get("pk").s()).toList();
    }

    private static KeySchemaElement key(String name, KeyType type) {
        return KeySchemaElement.builder().attributeName(name).keyType(type).build();
    }

    private static AttributeDefinition attribute(String name) {
        return AttributeDefinition.builder().attributeName(name).attributeType(ScalarAttributeType.S).build();
    }

    private static GlobalSecondaryIndex index(String name, KeySchemaElement hash, KeySchemaElement range) {
        return GlobalSecondaryIndex.builder().indexName(name).keySchema(hash, range)
                .projection(p -> p.projectionType(ProjectionType.ALL)).build();
    }

    private static AttributeValue s(String value) {
        return AttributeValue.fromS(value);
    }

    private static AttributeValue n(int value) {
        return AttributeValue.fromN(Integer.toString(value));
    }
}
