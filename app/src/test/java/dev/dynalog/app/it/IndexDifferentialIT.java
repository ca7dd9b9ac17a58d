package dev.dynalog.app.it;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/**
 * Local and global secondary indexes, request for request against DynamoDB Local: CreateTable
 * and DescribeTable with indexes, Query and Scan on an index (projections, Select, key
 * conditions, filters, pagination keys that hold the table's and the index's key, sparse
 * indexes, equal index keys) and the errors of reads and writes that do not fit an index.
 *
 * <p>Reads of a local secondary index are strongly consistent and must be equal at once; reads of
 * a global secondary index are eventually consistent, in DynamoDB as in dynalog, and are
 * compared with {@link Differential#sameEventually}. Where DynamoDB Local departs from DynamoDB,
 * the test says so and pins dynalog's answer to DynamoDB's.
 *
 * <p>The table {@code ix_orders} holds 4 customers ({@code pk} c1..c4) with 12 orders each
 * ({@code sk} o01..o12): {@code placed} is unique within a customer and across the table,
 * {@code amount} is unique within a customer, {@code status} repeats, {@code shipTo} is missing
 * on every fourth order (a sparse index) and repeats.
 */
class IndexDifferentialIT {
    private static final String[] STATUSES = {"OPEN", "SHIPPED", "CANCELLED"};

    private static Differential both;
    private static RawDynamoDb dynalog;

    @BeforeAll
    static void tables() {
        dynalog = new RawDynamoDb(TestNode.shared().endpoint());
        both = new Differential(dynalog, new RawDynamoDb(ReferenceDynamoDb.endpoint()));
        both.createTable("""
                {"TableName":"ix_orders","BillingMode":"PAY_PER_REQUEST",
                 "KeySchema":[{"AttributeName":"pk","KeyType":"HASH"},{"AttributeName":"sk","KeyType":"RANGE"}],
                 "AttributeDefinitions":[{"AttributeName":"pk","AttributeType":"S"},{"AttributeName":"sk","AttributeType":"S"},
                   {"AttributeName":"placed","AttributeType":"S"},{"AttributeName":"amount","AttributeType":"N"},
                   {"AttributeName":"status","AttributeType":"S"},{"AttributeName":"shipTo","AttributeType":"S"}],
                 "LocalSecondaryIndexes":[
                   {"IndexName":"byPlaced","KeySchema":[{"AttributeName":"pk","KeyType":"HASH"},{"AttributeName":"placed","KeyType":"RANGE"}],
                    "Projection":{"ProjectionType":"KEYS_ONLY"}},
                   {"IndexName":"byAmount","KeySchema":[{"AttributeName":"pk","KeyType":"HASH"},{"AttributeName":"amount","KeyType":"RANGE"}],
                    "Projection":{"ProjectionType":"INCLUDE","NonKeyAttributes":["status","note"]}},
                   {"IndexName":"byStatusLocal","KeySchema":[{"AttributeName":"pk","KeyType":"HASH"},{"AttributeName":"status","KeyType":"RANGE"}],
                    "Projection":{"ProjectionType":"ALL"}}],
                 "GlobalSecondaryIndexes":[
                   {"IndexName":"byStatus","KeySchema":[{"AttributeName":"status","KeyType":"HASH"},{"AttributeName":"placed","KeyType":"RANGE"}],
                    "Projection":{"ProjectionType":"INCLUDE","NonKeyAttributes":["amount"]}},
                   {"IndexName":"byShipTo","KeySchema":[{"AttributeName":"shipTo","KeyType":"HASH"}],
                    "Projection":{"ProjectionType":"KEYS_ONLY"}},
                   {"IndexName":"byShipToAmount","KeySchema":[{"AttributeName":"shipTo","KeyType":"HASH"},{"AttributeName":"amount","KeyType":"RANGE"}],
                    "Projection":{"ProjectionType":"ALL"}}]}""");
        for (int c = 1; c <= 4; c++) {
            for (int o = 1; o <= 12; o++) {
                both.same("PutItem", "{\"TableName\":\"ix_orders\",\"Item\":" + order(c, o) + "}");
            }
        }
        both.createTable("""
                {"TableName":"ix_keys","BillingMode":"PAY_PER_REQUEST",
                 "KeySchema":[{"AttributeName":"pk","KeyType":"HASH"},{"AttributeName":"sk","KeyType":"RANGE"}],
                 "AttributeDefinitions":[{"AttributeName":"pk","AttributeType":"S"},{"AttributeName":"sk","AttributeType":"S"},
                   {"AttributeName":"lk","AttributeType":"S"},{"AttributeName":"gk","AttributeType":"N"}],
                 "LocalSecondaryIndexes":[
                   {"IndexName":"byLk","KeySchema":[{"AttributeName":"pk","KeyType":"HASH"},{"AttributeName":"lk","KeyType":"RANGE"}],
                    "Projection":{"ProjectionType":"ALL"}}],
                 "GlobalSecondaryIndexes":[
                   {"IndexName":"byGk","KeySchema":[{"AttributeName":"gk","KeyType":"HASH"}],"Projection":{"ProjectionType":"ALL"}}]}""");
    }

    /** Order o of customer c, as described in the class comment. */
    private static String order(int c, int o) {
        StringBuilder item = new StringBuilder();
        item.append("{\"pk\":{\"S\":\"c").append(c).append("\"},\"sk\":{\"S\":\"o").append(o < 10 ? "0" : "").append(o).append("\"}");
        item.append(",\"placed\":{\"S\":\"2024-%02d-%02d\"}".formatted(1 + (o * 5 + c) % 12, 1 + o));
        item.append(",\"amount\":{\"N\":\"").append((o * 37 + c * 11) % 100).append(o % 2 == 1 ? ".5" : "").append("\"}");
        item.append(",\"status\":{\"S\":\"").append(STATUSES[o % 3]).append("\"}");
        item.append(",\"note\":{\"S\":\"order ").append(o).append(" of c").append(c).append("\"}");
        item.append(",\"qty\":{\"N\":\"").append(o % 4 + 1).append("\"}");
        if (o % 4 != 0) {
            item.append(",\"shipTo\":{\"S\":\"").append(c % 2 == 0 ? "eu" : "us").append("\"}");
        }
        if (o % 5 == 0) {
            item.append(",\"tags\":{\"SS\":[\"gift\",\"rush\"]}");
        }
        return item.append('}').toString();
    }

    /** A Query of ix_orders; {@code #s} stands for {@code status}, a reserved word. */
    private static String query(String index, String keyCondition, String values, String more) {
        boolean namesUsed = keyCondition.contains("#s") || more.contains("#s");
        return "{\"TableName\":\"ix_orders\",\"IndexName\":\"" + index + "\",\"KeyConditionExpression\":\"" + keyCondition + "\""
                + (namesUsed ? ",\"ExpressionAttributeNames\":{\"#s\":\"status\"}" : "")
                + ",\"ExpressionAttributeValues\":{" + values + "}" + (more.isEmpty() ? "" : "," + more) + "}";
    }

    /** The same request continuing after {@code start}. */
    private static String after(String body, JsonNode start) {
        return body.substring(0, body.length() - 1) + ",\"ExclusiveStartKey\":" + start + "}";
    }

    @Test
    void describeTableListsEachIndexWithItsKeySchemaProjectionAndStatus() {
        RawDynamoDb reference = new RawDynamoDb(ReferenceDynamoDb.endpoint());
        JsonNode expected = reference.call("DescribeTable", "{\"TableName\":\"ix_orders\"}").body().path("Table");
        JsonNode actual = dynalog.call("DescribeTable", "{\"TableName\":\"ix_orders\"}").body().path("Table");
        // ItemCount and IndexSizeBytes are left out: DynamoDB updates them about every six hours,
        // DynamoDB Local at once; and the ProvisionedThroughput DynamoDB shows for an on-demand
        // GSI (all zeros) is missing in DynamoDB Local.
        for (String kind : new String[] {"LocalSecondaryIndexes", "GlobalSecondaryIndexes"}) {
            assertThat(stableView(actual.path(kind))).as(kind).isEqualTo(stableView(expected.path(kind)));
            actual.path(kind).forEach(index -> assertThat(index.path("IndexArn").asText())
                    .isEqualTo(actual.path("TableArn").asText() + "/index/" + index.path("IndexName").asText()));
        }
        assertThat(actual.path("AttributeDefinitions")).hasSize(6);
    }

    /** The members of each index that do not change with time, indexes by name, projected attributes sorted. */
    private static JsonNode stableView(JsonNode indexes) {
        List<JsonNode> sorted = new ArrayList<>();
        indexes.forEach(sorted::add);
        sorted.sort(Comparator.comparing(i -> i.path("IndexName").asText()));
        ArrayNode out = RawDynamoDb.JSON.createArrayNode();
        for (JsonNode index : sorted) {
            ObjectNode view = out.addObject();
            view.set("IndexName", index.get("IndexName"));
            view.set("KeySchema", index.get("KeySchema"));
            view.set("Projection", Differential.normalize(index.get("Projection")));
            if (index.has("IndexStatus")) {
                view.set("IndexStatus", index.get("IndexStatus"));
            }
        }
        return Differential.normalize(out);
    }

    @Test
    void localIndexQueryReturnsTheCustomersItemsInIndexSortKeyOrderWithStrongAndEventualReads() {
        for (int c = 1; c <= 4; c++) {
            for (String consistent : new String[] {"true", "false"}) {
                for (String forward : new String[] {"true", "false"}) {
                    String more = "\"ConsistentRead\":" + consistent + ",\"ScanIndexForward\":" + forward;
                    both.same("Query", query("byPlaced", "pk = :p", "\":p\":{\"S\":\"c" + c + "\"}", more));
                    both.same("Query", query("byAmount", "pk = :p", "\":p\":{\"S\":\"c" + c + "\"}", more));
                }
            }
        }
        both.same("Query", query("byPlaced", "pk = :p", "\":p\":{\"S\":\"nobody\"}", "\"ConsistentRead\":true"));
    }

    @Test
    void localIndexKeyConditionsApplyToTheIndexSortKey() {
        String[][] conditions = {
                {"pk = :p AND placed BETWEEN :a AND :b", "\":a\":{\"S\":\"2024-03\"},\":b\":{\"S\":\"2024-08-31\"}"},
                {"pk = :p AND begins_with(placed, :a)", "\":a\":{\"S\":\"2024-1\"}"},
                {"pk = :p AND placed < :a", "\":a\":{\"S\":\"2024-05-04\"}"},
                {"pk = :p AND placed >= :a", "\":a\":{\"S\":\"2024-05-04\"}"},
                {"pk = :p AND placed = :a", "\":a\":{\"S\":\"2024-05-04\"}"},
        };
        for (String[] k : conditions) {
            for (String forward : new String[] {"true", "false"}) {
                both.same("Query", query("byPlaced", k[0], "\":p\":{\"S\":\"c1\"}," + k[1],
                        "\"ScanIndexForward\":" + forward + ",\"ConsistentRead\":true"));
            }
        }
        String[][] amounts = {
                {"pk = :p AND amount > :a", "\":a\":{\"N\":\"50\"}"},
                {"pk = :p AND amount <= :a", "\":a\":{\"N\":\"40.5\"}"},
                {"pk = :p AND amount BETWEEN :a AND :b", "\":a\":{\"N\":\"7.5\"},\":b\":{\"N\":\"70\"}"},
        };
        for (String[] k : amounts) {
            both.same("Query", query("byAmount", k[0], "\":p\":{\"S\":\"c2\"}," + k[1], "\"ScanIndexForward\":false"));
        }
    }

    @Test
    void localIndexPagesCarryTheTableAndIndexKeysInLastEvaluatedKey() {
        for (String index : new String[] {"byPlaced", "byAmount"}) {
            for (String forward : new String[] {"true", "false"}) {
                List<String> pages = pages(query(index, "pk = :p", "\":p\":{\"S\":\"c3\"}",
                        "\"Limit\":5,\"ConsistentRead\":true,\"ScanIndexForward\":" + forward));
                assertThat(pages).as("12 items in pages of 5, and the last page is empty or not").hasSizeBetween(3, 4);
            }
        }
        RawDynamoDb.Response first = both.same("Query", query("byPlaced", "pk = :p", "\":p\":{\"S\":\"c3\"}", "\"Limit\":2"));
        List<String> keyNames = new ArrayList<>();
        first.body().path("LastEvaluatedKey").fieldNames().forEachRemaining(keyNames::add);
        assertThat(keyNames).containsExactlyInAnyOrder("pk", "sk", "placed");
        // a filter applies after the limit: pages may come back short, even empty
        pages(query("byAmount", "pk = :p", "\":p\":{\"S\":\"c3\"},\":x\":{\"S\":\"OPEN\"}",
                "\"Limit\":3,\"FilterExpression\":\"#s = :x\""));
    }

    /** Follows LastEvaluatedKey on both sides until the last page; returns the pages' item lists. */
    private static List<String> pages(String firstPage) {
        List<String> pages = new ArrayList<>();
        String body = firstPage;
        while (true) {
            RawDynamoDb.Response page = both.same("Query", body);
            pages.add(page.body().path("Items").toString());
            JsonNode last = page.body().get("LastEvaluatedKey");
            if (last == null) {
                return pages;
            }
            assertThat(pages).as("pages").hasSizeLessThan(50);
            body = after(firstPage, last);
        }
    }

    @Test
    void localIndexSelectAndProjectionFetchAttributesTheIndexDoesNotProject() {
        String keysOnly = "pk = :p";
        String p = "\":p\":{\"S\":\"c4\"}";
        String[] mores = {
                "\"Select\":\"ALL_ATTRIBUTES\"",
                "\"Select\":\"ALL_ATTRIBUTES\",\"Limit\":3,\"ScanIndexForward\":false",
                "\"Select\":\"ALL_PROJECTED_ATTRIBUTES\"",
                "\"Select\":\"COUNT\"",
                "\"Select\":\"SPECIFIC_ATTRIBUTES\",\"ProjectionExpression\":\"note, qty, tags\"",
                "\"ProjectionExpression\":\"sk, placed, amount\"",
                "\"ProjectionExpression\":\"#s, note\",\"ConsistentRead\":true",
        };
        for (String more : mores) {
            both.same("Query", query("byPlaced", keysOnly, p, more));
            both.same("Query", query("byAmount", keysOnly, p, more));
        }
        // a filter on an attribute the index does not project reads it from the table
        both.same("Query", query("byAmount", keysOnly, p + ",\":q\":{\"N\":\"2\"}",
                "\"FilterExpression\":\"qty >= :q AND #s <> :p\""));
        both.same("Query", query("byPlaced", keysOnly, p + ",\":t\":{\"S\":\"gift\"}",
                "\"FilterExpression\":\"contains(tags, :t)\",\"Select\":\"ALL_PROJECTED_ATTRIBUTES\""));
        both.same("Query", query("byPlaced", keysOnly, p + ",\":t\":{\"S\":\"gift\"}",
                "\"FilterExpression\":\"contains(tags, :t)\",\"Select\":\"COUNT\""));
    }

    @Test
    void localIndexWithEqualSortKeysReturnsEveryItemOfTheCustomer() {
        for (int c = 1; c <= 4; c++) {
            // The order among items with equal index sort keys is DynamoDB's own (DynamoDB Local's
            // is neither the table's sort key order nor insertion order), so it is not compared.
            RawDynamoDb.Response r = both.sameInAnyOrder("Query", query("byStatusLocal", "pk = :p", "\":p\":{\"S\":\"c" + c + "\"}",
                    "\"ConsistentRead\":true"));
            assertThat(r.body().path("Count").asInt()).isEqualTo(12);
            assertSortedBy(dynalog.call("Query", query("byStatusLocal", "pk = :p", "\":p\":{\"S\":\"c" + c + "\"}",
                    "\"ScanIndexForward\":false")), "status", false);
        }
        both.sameInAnyOrder("Query", query("byStatusLocal", "pk = :p AND #s = :s", "\":p\":{\"S\":\"c1\"},\":s\":{\"S\":\"OPEN\"}",
                "\"ConsistentRead\":true"));
        both.same("Query", query("byStatusLocal", "pk = :p AND #s > :s", "\":p\":{\"S\":\"c1\"},\":s\":{\"S\":\"OPEN\"}",
                "\"Select\":\"COUNT\""));
    }

    private static void assertSortedBy(RawDynamoDb.Response r, String attribute, boolean ascending) {
        assertThat(r.status()).as("%s", r.body()).isEqualTo(200);
        List<String> values = new ArrayList<>();
        r.body().path("Items").forEach(i -> values.add(i.path(attribute).path("S").asText()));
        Comparator<String> order = ascending ? Comparator.naturalOrder() : Comparator.reverseOrder();
        assertThat(values).as("%s in %s order", attribute, ascending ? "ascending" : "descending").isSortedAccordingTo(order);
    }

    @Test
    void globalIndexQueryReturnsEveryOrderOfAStatusInPlacedOrder() {
        for (String status : STATUSES) {
            for (String forward : new String[] {"true", "false"}) {
                both.sameEventually("Query", query("byStatus", "#s = :s", "\":s\":{\"S\":\"" + status + "\"}",
                        "\"ScanIndexForward\":" + forward));
            }
        }
        String open = "\":s\":{\"S\":\"OPEN\"}";
        String[] mores = {
                "\"Select\":\"COUNT\"",
                "\"Select\":\"ALL_PROJECTED_ATTRIBUTES\",\"Limit\":4",
                "\"Select\":\"SPECIFIC_ATTRIBUTES\",\"ProjectionExpression\":\"amount, pk\"",
                "\"ProjectionExpression\":\"placed, sk\",\"ScanIndexForward\":false,\"Limit\":5",
        };
        for (String more : mores) {
            both.sameEventually("Query", query("byStatus", "#s = :s", open, more));
        }
        String[][] conditions = {
                {"#s = :s AND placed BETWEEN :a AND :b", ",\":a\":{\"S\":\"2024-03\"},\":b\":{\"S\":\"2024-09\"}"},
                {"#s = :s AND begins_with(placed, :a)", ",\":a\":{\"S\":\"2024-0\"}"},
                {"#s = :s AND placed > :a", ",\":a\":{\"S\":\"2024-06-07\"}"},
        };
        for (String[] k : conditions) {
            both.sameEventually("Query", query("byStatus", k[0], open + k[1], "\"ScanIndexForward\":false"));
        }
        // filters on projected attributes, and the filter applies after the limit
        both.sameEventually("Query", query("byStatus", "#s = :s", open + ",\":a\":{\"N\":\"50\"}", "\"FilterExpression\":\"amount > :a\""));
        both.sameEventually("Query", query("byStatus", "#s = :s", open + ",\":a\":{\"N\":\"50\"}",
                "\"FilterExpression\":\"amount > :a\",\"Limit\":4"));
        both.sameEventually("Query", query("byStatus", "#s = :s", "\":s\":{\"S\":\"LOST\"}", ""));
    }

    @Test
    void globalIndexPagesCarryTheTableAndIndexKeysInLastEvaluatedKey() {
        for (String forward : new String[] {"true", "false"}) {
            String first = query("byStatus", "#s = :s", "\":s\":{\"S\":\"SHIPPED\"}", "\"Limit\":5,\"ScanIndexForward\":" + forward);
            String body = first;
            int items = 0;
            while (true) {
                RawDynamoDb.Response page = both.sameEventually("Query", body);
                items += page.body().path("Count").asInt();
                JsonNode last = page.body().get("LastEvaluatedKey");
                if (last == null) {
                    break;
                }
                List<String> keyNames = new ArrayList<>();
                last.fieldNames().forEachRemaining(keyNames::add);
                assertThat(keyNames).containsExactlyInAnyOrder("pk", "sk", "status", "placed");
                body = after(first, last);
            }
            assertThat(items).isEqualTo(16);
        }
    }

    @Test
    void sparseGlobalIndexHoldsOnlyItemsThatHaveTheKeyAttribute() {
        for (String shipTo : new String[] {"eu", "us"}) {
            RawDynamoDb.Response r = both.sameEventuallyInAnyOrder("Query", query("byShipTo", "shipTo = :t",
                    "\":t\":{\"S\":\"" + shipTo + "\"}", ""));
            assertThat(r.body().path("Count").asInt()).as("orders to %s (two customers, 9 of 12 orders each)", shipTo).isEqualTo(18);
            both.sameEventually("Query", query("byShipTo", "shipTo = :t", "\":t\":{\"S\":\"" + shipTo + "\"}",
                    "\"Select\":\"COUNT\""));
        }
        RawDynamoDb.Response count = both.sameEventually("Scan", "{\"TableName\":\"ix_orders\",\"IndexName\":\"byShipTo\",\"Select\":\"COUNT\"}");
        assertThat(count.body().path("Count").asInt()).as("36 of the 48 orders have shipTo").isEqualTo(36);
        both.sameEventually("Scan", "{\"TableName\":\"ix_orders\",\"IndexName\":\"byShipToAmount\"}");
        both.sameEventually("Scan", "{\"TableName\":\"ix_orders\",\"IndexName\":\"byShipTo\",\"FilterExpression\":\"begins_with(sk, :o)\","
                + "\"ExpressionAttributeValues\":{\":o\":{\"S\":\"o1\"}}}");
    }

    @Test
    void globalIndexWithEqualKeysReturnsEveryItemOnceAcrossPages() {
        // c1's order 7 and c3's order 1 both ship to "us" for 70.5: the index key (shipTo, amount)
        // is not unique, and DynamoDB leaves the order among equal keys open.
        RawDynamoDb.Response all = both.sameEventuallyInAnyOrder("Query", query("byShipToAmount",
                "shipTo = :t AND amount = :a", "\":t\":{\"S\":\"us\"},\":a\":{\"N\":\"70.5\"}", ""));
        assertThat(all.body().path("Count").asInt()).isEqualTo(2);
        for (String forward : new String[] {"true", "false"}) {
            String body = query("byShipToAmount", "shipTo = :t", "\":t\":{\"S\":\"us\"}", "\"ScanIndexForward\":" + forward);
            RawDynamoDb.Response whole = both.sameEventuallyInAnyOrder("Query", body);
            List<String> paged = new ArrayList<>();
            List<Double> amounts = new ArrayList<>();
            JsonNode start = null;
            do {
                String firstPage = body.substring(0, body.length() - 1) + ",\"Limit\":3}";
                String page = start == null ? firstPage : after(firstPage, start);
                RawDynamoDb.Response r = dynalog.call("Query", page);
                assertThat(r.status()).as("%s", r.body()).isEqualTo(200);
                r.body().path("Items").forEach(i -> {
                    paged.add(Differential.normalize(i).toString());
                    amounts.add(i.path("amount").path("N").asDouble());
                });
                start = r.body().get("LastEvaluatedKey");
            } while (start != null);
            List<String> expected = new ArrayList<>();
            whole.body().path("Items").forEach(i -> expected.add(Differential.normalize(i).toString()));
            assertThat(paged).as("pages of 3 on dynalog, every item exactly once").hasSameSizeAs(expected)
                    .containsExactlyInAnyOrderElementsOf(expected);
            assertThat(amounts).isSortedAccordingTo(forward.equals("true") ? Comparator.naturalOrder() : Comparator.reverseOrder());
        }
    }

    @Test
    void scansOfAnIndexReturnEveryIndexedItemExactlyOnceAcrossPages() {
        for (String index : new String[] {"byStatus", "byShipTo", "byShipToAmount", "byPlaced", "byAmount", "byStatusLocal"}) {
            both.sameIndexScanEventually("ix_orders", index, 7);
        }
        both.sameIndexScanEventually("ix_orders", "byShipTo", 1000);
        both.same("Scan", "{\"TableName\":\"ix_orders\",\"IndexName\":\"byPlaced\",\"Select\":\"COUNT\","
                + "\"ConsistentRead\":true}");
        both.sameEventually("Scan", "{\"TableName\":\"ix_orders\",\"IndexName\":\"byStatus\",\"Select\":\"COUNT\","
                + "\"FilterExpression\":\"amount < :a\",\"ExpressionAttributeValues\":{\":a\":{\"N\":\"50\"}}}");
    }

    @Test
    void globalIndexFollowsEveryChangeOfTheBaseItem() {
        both.createTable("""
                {"TableName":"ix_moves","BillingMode":"PAY_PER_REQUEST",
                 "KeySchema":[{"AttributeName":"id","KeyType":"HASH"}],
                 "AttributeDefinitions":[{"AttributeName":"id","AttributeType":"S"},{"AttributeName":"state","AttributeType":"S"},
                   {"AttributeName":"at","AttributeType":"N"}],
                 "GlobalSecondaryIndexes":[
                   {"IndexName":"byState","KeySchema":[{"AttributeName":"state","KeyType":"HASH"},{"AttributeName":"at","KeyType":"RANGE"}],
                    "Projection":{"ProjectionType":"INCLUDE","NonKeyAttributes":["who"]}}]}""");
        String[] writes = {
                "PutItem", "{\"TableName\":\"ix_moves\",\"Item\":{\"id\":{\"S\":\"a\"},\"state\":{\"S\":\"new\"},\"at\":{\"N\":\"1\"},\"who\":{\"S\":\"ann\"}}}",
                "PutItem", "{\"TableName\":\"ix_moves\",\"Item\":{\"id\":{\"S\":\"b\"},\"state\":{\"S\":\"new\"},\"at\":{\"N\":\"2\"},\"who\":{\"S\":\"bob\"}}}",
                "PutItem", "{\"TableName\":\"ix_moves\",\"Item\":{\"id\":{\"S\":\"c\"},\"state\":{\"S\":\"new\"}}}",
                "UpdateItem", "{\"TableName\":\"ix_moves\",\"Key\":{\"id\":{\"S\":\"a\"}},\"UpdateExpression\":\"SET #st = :s, #at = :t\","
                        + "\"ExpressionAttributeNames\":{\"#st\":\"state\",\"#at\":\"at\"},\"ExpressionAttributeValues\":{\":s\":{\"S\":\"done\"},\":t\":{\"N\":\"3\"}}}",
                "UpdateItem", "{\"TableName\":\"ix_moves\",\"Key\":{\"id\":{\"S\":\"b\"}},\"UpdateExpression\":\"SET who = :w\","
                        + "\"ExpressionAttributeValues\":{\":w\":{\"S\":\"bea\"}}}",
                "UpdateItem", "{\"TableName\":\"ix_moves\",\"Key\":{\"id\":{\"S\":\"c\"}},\"UpdateExpression\":\"SET #at = :t\","
                        + "\"ExpressionAttributeNames\":{\"#at\":\"at\"},\"ExpressionAttributeValues\":{\":t\":{\"N\":\"0\"}}}",
                "UpdateItem", "{\"TableName\":\"ix_moves\",\"Key\":{\"id\":{\"S\":\"b\"}},\"UpdateExpression\":\"REMOVE #at\","
                        + "\"ExpressionAttributeNames\":{\"#at\":\"at\"}}",
                "DeleteItem", "{\"TableName\":\"ix_moves\",\"Key\":{\"id\":{\"S\":\"c\"}}}",
                "PutItem", "{\"TableName\":\"ix_moves\",\"Item\":{\"id\":{\"S\":\"b\"},\"state\":{\"S\":\"done\"},\"at\":{\"N\":\"2\"}}}",
                "BatchWriteItem", "{\"RequestItems\":{\"ix_moves\":[{\"PutRequest\":{\"Item\":{\"id\":{\"S\":\"d\"},\"state\":{\"S\":\"new\"},\"at\":{\"N\":\"9\"}}}},"
                        + "{\"DeleteRequest\":{\"Key\":{\"id\":{\"S\":\"a\"}}}}]}}",
        };
        for (int w = 0; w < writes.length; w += 2) {
            both.same(writes[w], writes[w + 1]);
            // after each write: the item is under its new key only, with its new projected attributes
            for (String state : new String[] {"new", "done"}) {
                both.sameEventually("Query", "{\"TableName\":\"ix_moves\",\"IndexName\":\"byState\",\"KeyConditionExpression\":\"#st = :s\","
                        + "\"ExpressionAttributeNames\":{\"#st\":\"state\"},\"ExpressionAttributeValues\":{\":s\":{\"S\":\"" + state + "\"}}}");
            }
        }
    }

    @Test
    void readsThatAGlobalIndexCannotServeAreRejected() {
        String open = "\":s\":{\"S\":\"OPEN\"}";
        // Consistent reads: DynamoDB says "Consistent reads are not supported on global secondary
        // indexes" for Query and Scan; DynamoDB Local says "Consistent read cannot be true when
        // querying a GSI" ("... scanning a GSI"). dynalog uses DynamoDB's words.
        String consistentQuery = query("byStatus", "#s = :s", open, "\"ConsistentRead\":true");
        String consistentScan = "{\"TableName\":\"ix_orders\",\"IndexName\":\"byShipTo\",\"ConsistentRead\":true}";
        both.sameErrorType("Query", consistentQuery);
        both.sameErrorType("Scan", consistentScan);
        assertThat(dynalog.call("Query", consistentQuery).message()).isEqualTo("Consistent reads are not supported on global secondary indexes");
        assertThat(dynalog.call("Scan", consistentScan).message()).isEqualTo("Consistent reads are not supported on global secondary indexes");
        String[] queries = {
                // an index the table does not have
                query("byNothing", "#s = :s", open, ""),
                // attributes the index does not project
                query("byStatus", "#s = :s", open, "\"ProjectionExpression\":\"note\""),
                query("byStatus", "#s = :s", open, "\"ProjectionExpression\":\"amount, qty, pk\""),
                query("byStatus", "#s = :s", open + ",\":n\":{\"S\":\"x\"}", "\"FilterExpression\":\"note = :n\""),
                query("byStatus", "#s = :s", open, "\"Select\":\"ALL_ATTRIBUTES\""),
                query("byShipTo", "shipTo = :s", open, "\"Select\":\"ALL_ATTRIBUTES\""),
                // key conditions on what is not the index's key
                query("byStatus", "pk = :s", open, ""),
                query("byStatus", "#s = :s AND sk = :k", open + ",\":k\":{\"S\":\"o03\"}", ""),
                query("byStatus", "placed = :s", open, ""),
                query("byPlaced", "pk = :s AND sk = :k", open + ",\":k\":{\"S\":\"o03\"}", ""),
                query("byPlaced", "pk = :s AND amount = :k", open + ",\":k\":{\"N\":\"3\"}", ""),
                query("byShipTo", "shipTo = :s AND sk = :k", open + ",\":k\":{\"S\":\"o03\"}", ""),
                // key condition values of the wrong type for the index's key
                query("byPlaced", "pk = :s AND placed = :k", open + ",\":k\":{\"N\":\"3\"}", ""),
                query("byAmount", "pk = :s AND amount > :k", open + ",\":k\":{\"S\":\"3\"}", ""),
                query("byStatus", "#s = :s", "\":s\":{\"N\":\"1\"}", ""),
        };
        for (String q : queries) {
            both.same("Query", q);
        }
        both.same("Scan", "{\"TableName\":\"ix_orders\",\"IndexName\":\"byNothing\"}");
        both.same("Scan", "{\"TableName\":\"ix_orders\",\"IndexName\":\"byShipTo\",\"Select\":\"ALL_ATTRIBUTES\"}");
        both.same("Scan", "{\"TableName\":\"ix_orders\",\"IndexName\":\"byStatus\",\"ProjectionExpression\":\"note\"}");
    }

    @Test
    void writesWhoseIndexKeyHasTheWrongTypeOrIsEmptyAreRejectedAndChangeNothing() {
        both.same("PutItem", "{\"TableName\":\"ix_keys\",\"Item\":{\"pk\":{\"S\":\"p\"},\"sk\":{\"S\":\"s\"},\"lk\":{\"S\":\"l\"},\"gk\":{\"N\":\"1\"}}}");
        String key = "\"Key\":{\"pk\":{\"S\":\"p\"},\"sk\":{\"S\":\"s\"}}";
        // Empty strings as index keys: the same message in DynamoDB and DynamoDB Local.
        String[][] empty = {
                {"PutItem", "{\"TableName\":\"ix_keys\",\"Item\":{\"pk\":{\"S\":\"p\"},\"sk\":{\"S\":\"s\"},\"lk\":{\"S\":\"\"}}}"},
                {"UpdateItem", "{\"TableName\":\"ix_keys\"," + key + ",\"UpdateExpression\":\"SET lk = :v\",\"ExpressionAttributeValues\":{\":v\":{\"S\":\"\"}}}"},
                {"BatchWriteItem", "{\"RequestItems\":{\"ix_keys\":[{\"PutRequest\":{\"Item\":{\"pk\":{\"S\":\"p\"},\"sk\":{\"S\":\"s\"},\"lk\":{\"S\":\"\"}}}}]}}"},
        };
        for (String[] w : empty) {
            both.same(w[0], w[1]);
        }
        // Wrong types: DynamoDB says "One or more parameter values were invalid: Type mismatch for
        // Index Key gk Expected: N Actual: S IndexName: byGk"; DynamoDB Local stops after "Index Key".
        String[][] wrongType = {
                {"PutItem", "{\"TableName\":\"ix_keys\",\"Item\":{\"pk\":{\"S\":\"p\"},\"sk\":{\"S\":\"s\"},\"gk\":{\"S\":\"1\"}}}", "gk", "N", "S", "byGk"},
                {"PutItem", "{\"TableName\":\"ix_keys\",\"Item\":{\"pk\":{\"S\":\"p\"},\"sk\":{\"S\":\"s\"},\"lk\":{\"N\":\"1\"}}}", "lk", "S", "N", "byLk"},
                {"BatchWriteItem", "{\"RequestItems\":{\"ix_keys\":[{\"PutRequest\":{\"Item\":{\"pk\":{\"S\":\"p\"},\"sk\":{\"S\":\"s\"},\"gk\":{\"BOOL\":true}}}}]}}",
                        "gk", "N", "BOOL", "byGk"},
        };
        for (String[] w : wrongType) {
            both.sameErrorType(w[0], w[1]);
            assertThat(dynalog.call(w[0], w[1]).message()).isEqualTo("One or more parameter values were invalid: Type mismatch for Index Key "
                    + w[2] + " Expected: " + w[3] + " Actual: " + w[4] + " IndexName: " + w[5]);
        }
        // DynamoDB rejects an update that gives an index key the wrong type with the same message;
        // DynamoDB Local applies it and corrupts its index, so dynalog is checked on its own here.
        RawDynamoDb.Response update = dynalog.call("UpdateItem", "{\"TableName\":\"ix_keys\"," + key
                + ",\"UpdateExpression\":\"SET gk = :v\",\"ExpressionAttributeValues\":{\":v\":{\"S\":\"1\"}}}");
        assertThat(update.status()).isEqualTo(400);
        assertThat(update.errorType()).isEqualTo("ValidationException");
        assertThat(update.message()).isEqualTo("One or more parameter values were invalid: Type mismatch for Index Key gk Expected: N Actual: S IndexName: byGk");
        both.same("GetItem", "{\"TableName\":\"ix_keys\"," + key + "}");
        both.same("Query", "{\"TableName\":\"ix_keys\",\"IndexName\":\"byLk\",\"KeyConditionExpression\":\"pk = :p\","
                + "\"ExpressionAttributeValues\":{\":p\":{\"S\":\"p\"}}}");
        both.sameEventually("Query", "{\"TableName\":\"ix_keys\",\"IndexName\":\"byGk\",\"KeyConditionExpression\":\"gk = :g\","
                + "\"ExpressionAttributeValues\":{\":g\":{\"N\":\"1\"}}}");
    }

    @Test
    void createTableRejectsIndexesThatCannotBe() {
        String table = "\"BillingMode\":\"PAY_PER_REQUEST\",\"KeySchema\":[{\"AttributeName\":\"pk\",\"KeyType\":\"HASH\"},"
                + "{\"AttributeName\":\"sk\",\"KeyType\":\"RANGE\"}],\"AttributeDefinitions\":[{\"AttributeName\":\"pk\",\"AttributeType\":\"S\"},"
                + "{\"AttributeName\":\"sk\",\"AttributeType\":\"S\"},{\"AttributeName\":\"x\",\"AttributeType\":\"S\"}]";
        String all = "\"Projection\":{\"ProjectionType\":\"ALL\"}";
        // Duplicate index name: DynamoDB says "One or more parameter values were invalid: Duplicate
        // index name: twice"; DynamoDB Local "Two global secondary indices have the same name".
        String duplicate = "{\"TableName\":\"ix_bad_duplicate\"," + table + ",\"GlobalSecondaryIndexes\":["
                + "{\"IndexName\":\"twice\",\"KeySchema\":[{\"AttributeName\":\"x\",\"KeyType\":\"HASH\"}]," + all + "},"
                + "{\"IndexName\":\"twice\",\"KeySchema\":[{\"AttributeName\":\"x\",\"KeyType\":\"HASH\"}]," + all + "}]}";
        both.sameErrorType("CreateTable", duplicate);
        assertThat(dynalog.call("CreateTable", duplicate).message()).isEqualTo("One or more parameter values were invalid: Duplicate index name: twice");
        // A GSI key without an AttributeDefinition: DynamoDB says "One or more parameter values were
        // invalid: Some index key attributes are not defined in AttributeDefinitions. Keys: [nodef],
        // AttributeDefinitions: [...]"; DynamoDB Local "Global Secondary Index hash key not specified
        // in Attribute Definitions.Type unknown."
        String keysOnly = "\"BillingMode\":\"PAY_PER_REQUEST\",\"KeySchema\":[{\"AttributeName\":\"pk\",\"KeyType\":\"HASH\"},"
                + "{\"AttributeName\":\"sk\",\"KeyType\":\"RANGE\"}],\"AttributeDefinitions\":[{\"AttributeName\":\"pk\",\"AttributeType\":\"S\"},"
                + "{\"AttributeName\":\"sk\",\"AttributeType\":\"S\"}]";
        String undefined = "{\"TableName\":\"ix_bad_undefined\"," + keysOnly + ",\"GlobalSecondaryIndexes\":["
                + "{\"IndexName\":\"byNodef\",\"KeySchema\":[{\"AttributeName\":\"nodef\",\"KeyType\":\"HASH\"}]," + all + "}]}";
        both.sameErrorType("CreateTable", undefined);
        assertThat(dynalog.call("CreateTable", undefined).message()).startsWith("One or more parameter values were invalid: "
                + "Some index key attributes are not defined in AttributeDefinitions. Keys: [nodef]");
        // An LSI needs the table's hash key and a range key of its own, and a table with a range key;
        // the messages differ between DynamoDB and DynamoDB Local.
        both.sameErrorType("CreateTable", "{\"TableName\":\"ix_bad_lsi_hash\"," + table + ",\"LocalSecondaryIndexes\":["
                + "{\"IndexName\":\"byX\",\"KeySchema\":[{\"AttributeName\":\"x\",\"KeyType\":\"HASH\"},{\"AttributeName\":\"sk\",\"KeyType\":\"RANGE\"}]," + all + "}]}");
        both.sameErrorType("CreateTable", "{\"TableName\":\"ix_bad_lsi_norange\"," + keysOnly + ",\"LocalSecondaryIndexes\":["
                + "{\"IndexName\":\"byX\",\"KeySchema\":[{\"AttributeName\":\"pk\",\"KeyType\":\"HASH\"}]," + all + "}]}");
        String hashOnly = "{\"TableName\":\"ix_bad_lsi_hashtable\",\"BillingMode\":\"PAY_PER_REQUEST\",\"KeySchema\":[{\"AttributeName\":\"pk\",\"KeyType\":\"HASH\"}],"
                + "\"AttributeDefinitions\":[{\"AttributeName\":\"pk\",\"AttributeType\":\"S\"},{\"AttributeName\":\"x\",\"AttributeType\":\"S\"}],"
                + "\"LocalSecondaryIndexes\":[{\"IndexName\":\"byX\",\"KeySchema\":[{\"AttributeName\":\"pk\",\"KeyType\":\"HASH\"},"
                + "{\"AttributeName\":\"x\",\"KeyType\":\"RANGE\"}]," + all + "}]}";
        both.sameErrorType("CreateTable", hashOnly);
        assertThat(dynalog.call("CreateTable", hashOnly).message()).isEqualTo("One or more parameter values were invalid: Table KeySchema "
                + "does not have a range key, which is required when specifying a LocalSecondaryIndex");
        // projections that contradict themselves, and more than 5 LSIs
        String[] projections = {
                "{\"ProjectionType\":\"KEYS_ONLY\",\"NonKeyAttributes\":[\"a\"]}",
                "{\"ProjectionType\":\"INCLUDE\"}",
        };
        for (String projection : projections) {
            both.sameErrorType("CreateTable", "{\"TableName\":\"ix_bad_projection\"," + table + ",\"GlobalSecondaryIndexes\":["
                    + "{\"IndexName\":\"byX\",\"KeySchema\":[{\"AttributeName\":\"x\",\"KeyType\":\"HASH\"}],\"Projection\":" + projection + "}]}");
        }
        StringBuilder six = new StringBuilder();
        for (int i = 0; i < 6; i++) {
            six.append(i == 0 ? "" : ",").append("{\"IndexName\":\"byX").append(i).append("\",\"KeySchema\":[{\"AttributeName\":\"pk\",\"KeyType\":\"HASH\"},"
                    + "{\"AttributeName\":\"x\",\"KeyType\":\"RANGE\"}]," + all + "}");
        }
        both.sameErrorType("CreateTable", "{\"TableName\":\"ix_bad_six\"," + table + ",\"LocalSecondaryIndexes\":[" + six + "]}");
        for (String name : new String[] {"ix_bad_duplicate", "ix_bad_undefined", "ix_bad_lsi_hash", "ix_bad_lsi_norange",
                "ix_bad_lsi_hashtable", "ix_bad_projection", "ix_bad_six"}) {
            both.same("DescribeTable", "{\"TableName\":\"" + name + "\"}", (a, b) -> true);
        }
    }
}
