package dev.dynalog.app.it;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/**
 * ReturnConsumedCapacity on every item operation, against DynamoDB Local: the units follow
 * DynamoDB's documented rules (reads in 4 KB steps, half for eventually consistent reads, Query
 * and Scan charging every item read rounded up once; writes in 1 KB steps of the larger of the
 * old and new item) and the response has DynamoDB Local's shape. Where DynamoDB Local departs
 * from the documentation, the test says so and pins dynalog's answer instead.
 *
 * <p>Item sizes: an item {@code {"id": S k, "d": S x...}} of {@link #item(String, int)} is
 * exactly the given number of bytes (attribute names and UTF-8 string lengths, all ASCII here).
 */
class ConsumedCapacityDifferentialIT {
    private static Differential both;
    private static RawDynamoDb dynalog;

    @BeforeAll
    static void tables() {
        dynalog = new RawDynamoDb(TestNode.shared().endpoint());
        both = new Differential(dynalog, new RawDynamoDb(ReferenceDynamoDb.endpoint()));
        both.createTable("""
                {"TableName":"cc_items","BillingMode":"PAY_PER_REQUEST",
                 "KeySchema":[{"AttributeName":"id","KeyType":"HASH"}],
                 "AttributeDefinitions":[{"AttributeName":"id","AttributeType":"S"}]}""");
        both.createTable("""
                {"TableName":"cc_events","BillingMode":"PAY_PER_REQUEST",
                 "KeySchema":[{"AttributeName":"pk","KeyType":"HASH"},{"AttributeName":"sk","KeyType":"RANGE"}],
                 "AttributeDefinitions":[{"AttributeName":"pk","AttributeType":"S"},{"AttributeName":"sk","AttributeType":"N"}]}""");
        both.createTable("""
                {"TableName":"cc_scan","BillingMode":"PAY_PER_REQUEST",
                 "KeySchema":[{"AttributeName":"pk","KeyType":"HASH"},{"AttributeName":"sk","KeyType":"RANGE"}],
                 "AttributeDefinitions":[{"AttributeName":"pk","AttributeType":"S"},{"AttributeName":"sk","AttributeType":"N"}]}""");
        // three items of about 1.5 KB under one partition key, 4.5 KB together, in each table
        for (int s = 0; s < 6; s++) {
            String table = s < 3 ? "cc_events" : "cc_scan";
            both.same("PutItem", "{\"TableName\":\"" + table + "\",\"Item\":{\"pk\":{\"S\":\"q\"},\"sk\":{\"N\":\"" + s % 3 + "\"},"
                    + "\"kind\":{\"S\":\"" + (s % 3 == 1 ? "click" : "view") + "\"},\"d\":{\"S\":\"" + "x".repeat(1500) + "\"}}}");
        }
    }

    /** An item of cc_items of exactly {@code bytes} bytes. */
    private static String item(String id, int bytes) {
        int padding = bytes - "id".length() - id.length() - "d".length();
        return "{\"id\":{\"S\":\"" + id + "\"},\"d\":{\"S\":\"" + "x".repeat(padding) + "\"}}";
    }

    private static String put(String id, int bytes, String report) {
        return "{\"TableName\":\"cc_items\",\"Item\":" + item(id, bytes) + ",\"ReturnConsumedCapacity\":\"" + report + "\"}";
    }

    private static String get(String id, boolean consistent, String report) {
        return "{\"TableName\":\"cc_items\",\"Key\":{\"id\":{\"S\":\"" + id + "\"}},\"ConsistentRead\":" + consistent
                + ",\"ReturnConsumedCapacity\":\"" + report + "\"}";
    }

    private static double units(RawDynamoDb.Response r) {
        return r.body().path("ConsumedCapacity").path("CapacityUnits").asDouble(-1);
    }

    @Test
    void putItemChargesOneWriteUnitPerKilobyteStartedOfTheNewItem() {
        int[] sizes = {16, 1024, 1025, 2048, 2049};
        double[] expectedUnits = {1, 1, 2, 2, 3};
        for (int i = 0; i < sizes.length; i++) {
            for (String report : new String[] {"TOTAL", "INDEXES"}) {
                RawDynamoDb.Response r = both.sameWithCapacity("PutItem", put("w" + sizes[i] + report.charAt(0), sizes[i], report));
                assertThat(units(r)).as("%d bytes", sizes[i]).isEqualTo(expectedUnits[i]);
            }
        }
    }

    @Test
    void indexesAddsTheTableEntry() {
        RawDynamoDb.Response r = both.sameWithCapacity("PutItem", put("indexes", 10, "INDEXES"));
        assertThat(r.body().path("ConsumedCapacity").toString())
                .isEqualTo("{\"TableName\":\"cc_items\",\"CapacityUnits\":1.0,\"Table\":{\"CapacityUnits\":1.0}}");
    }

    @Test
    void putItemOverAnItemChargesTheLargerOfTheOldAndTheNew() {
        both.same("PutItem", put("replace", 3000, "NONE"));
        assertThat(units(both.sameWithCapacity("PutItem", put("replace", 10, "TOTAL")))).isEqualTo(3);
        assertThat(units(both.sameWithCapacity("PutItem", put("replace", 1500, "TOTAL")))).isEqualTo(2);
    }

    @Test
    void updateItemChargesTheLargerOfTheItemBeforeAndAfter() {
        both.same("PutItem", put("upd", 100, "NONE"));
        String grow = "{\"TableName\":\"cc_items\",\"Key\":{\"id\":{\"S\":\"upd\"}},\"UpdateExpression\":\"SET e = :e\","
                + "\"ExpressionAttributeValues\":{\":e\":{\"S\":\"" + "y".repeat(2500) + "\"}},\"ReturnConsumedCapacity\":\"TOTAL\"}";
        assertThat(units(both.sameWithCapacity("UpdateItem", grow))).isEqualTo(3);
        String shrink = "{\"TableName\":\"cc_items\",\"Key\":{\"id\":{\"S\":\"upd\"}},\"UpdateExpression\":\"REMOVE e\","
                + "\"ReturnConsumedCapacity\":\"INDEXES\",\"ReturnValues\":\"UPDATED_OLD\"}";
        assertThat(units(both.sameWithCapacity("UpdateItem", shrink))).isEqualTo(3);
        String create = "{\"TableName\":\"cc_items\",\"Key\":{\"id\":{\"S\":\"upd-new\"}},\"ReturnConsumedCapacity\":\"TOTAL\"}";
        assertThat(units(both.sameWithCapacity("UpdateItem", create))).isEqualTo(1);
    }

    @Test
    void deleteItemChargesTheDeletedItemAndOneUnitWhenThereIsNone() {
        both.same("PutItem", put("del", 2100, "NONE"));
        String delete = "{\"TableName\":\"cc_items\",\"Key\":{\"id\":{\"S\":\"del\"}},\"ReturnConsumedCapacity\":\"TOTAL\"}";
        assertThat(units(both.sameWithCapacity("DeleteItem", delete))).isEqualTo(3);
        assertThat(units(both.sameWithCapacity("DeleteItem", delete))).isEqualTo(1);
    }

    @Test
    void getItemChargesFourKilobyteStepsHalvedForEventuallyConsistentReads() {
        int[] sizes = {4096, 4097, 8193};
        double[] strongUnits = {1, 2, 3};
        for (int i = 0; i < sizes.length; i++) {
            String id = "r" + sizes[i];
            both.same("PutItem", put(id, sizes[i], "NONE"));
            for (String report : new String[] {"TOTAL", "INDEXES"}) {
                assertThat(units(both.sameWithCapacity("GetItem", get(id, true, report)))).isEqualTo(strongUnits[i]);
                assertThat(units(both.sameWithCapacity("GetItem", get(id, false, report)))).isEqualTo(strongUnits[i] / 2);
            }
        }
    }

    @Test
    void getItemChargesTheWholeItemWhateverItReturns() {
        both.same("PutItem", put("projected", 5000, "NONE"));
        String projected = "{\"TableName\":\"cc_items\",\"Key\":{\"id\":{\"S\":\"projected\"}},\"ProjectionExpression\":\"id\","
                + "\"ConsistentRead\":true,\"ReturnConsumedCapacity\":\"TOTAL\"}";
        assertThat(units(both.sameWithCapacity("GetItem", projected))).isEqualTo(2);
    }

    @Test
    void getItemOfAMissingItemChargesTheMinimumForItsKindOfRead() {
        assertThat(units(both.sameWithCapacity("GetItem", get("missing", true, "TOTAL")))).isEqualTo(1);
        assertThat(units(both.sameWithCapacity("GetItem", get("missing", false, "INDEXES")))).isEqualTo(0.5);
    }

    @Test
    void queryChargesEveryItemReadRoundedUpOnceWhateverTheFilterAndSelect() {
        String[] queries = {
                "\"KeyConditionExpression\":\"pk = :p\"",
                "\"KeyConditionExpression\":\"pk = :p\",\"Select\":\"COUNT\"",
                "\"KeyConditionExpression\":\"pk = :p\",\"ProjectionExpression\":\"sk\"",
                "\"KeyConditionExpression\":\"pk = :p\",\"Limit\":2",
                "\"KeyConditionExpression\":\"pk = :p\",\"FilterExpression\":\"kind = :k\"",
        };
        double[] strongUnits = {2, 2, 2, 1, 2};
        for (int i = 0; i < queries.length; i++) {
            String values = queries[i].contains(":k") ? ",\":k\":{\"S\":\"click\"}" : "";
            for (boolean consistent : new boolean[] {true, false}) {
                String body = "{\"TableName\":\"cc_events\"," + queries[i] + ",\"ExpressionAttributeValues\":{\":p\":{\"S\":\"q\"}"
                        + values + "},\"ConsistentRead\":" + consistent + ",\"ReturnConsumedCapacity\":\"INDEXES\"}";
                assertThat(units(both.sameWithCapacity("Query", body))).as(body)
                        .isEqualTo(consistent ? strongUnits[i] : strongUnits[i] / 2);
            }
        }
    }

    @Test
    void scanChargesEveryItemReadRoundedUpOnce() {
        for (boolean consistent : new boolean[] {true, false}) {
            String body = "{\"TableName\":\"cc_scan\",\"Select\":\"COUNT\",\"FilterExpression\":\"kind = :k\","
                    + "\"ExpressionAttributeValues\":{\":k\":{\"S\":\"click\"}},\"ConsistentRead\":" + consistent
                    + ",\"ReturnConsumedCapacity\":\"TOTAL\"}";
            assertThat(units(both.sameWithCapacity("Scan", body))).isEqualTo(consistent ? 2 : 1);
        }
    }

    /**
     * DynamoDB's documentation: "queries that do not return results consume the minimum number of
     * read capacity units for that type of read operation". DynamoDB Local reports 0.0.
     */
    @Test
    void queryThatReadsNothingChargesTheMinimumForItsKindOfRead() {
        String body = "{\"TableName\":\"cc_events\",\"KeyConditionExpression\":\"pk = :p\","
                + "\"ExpressionAttributeValues\":{\":p\":{\"S\":\"nothing\"}},\"ReturnConsumedCapacity\":\"TOTAL\"";
        assertThat(dynalog.call("Query", body + "}").body().path("ConsumedCapacity").toString())
                .isEqualTo("{\"TableName\":\"cc_events\",\"CapacityUnits\":0.5}");
        assertThat(units(dynalog.call("Query", body + ",\"ConsistentRead\":true}"))).isEqualTo(1);
    }

    @Test
    void batchGetItemChargesEachKeyOnItsOwnInOneEntryPerTable() {
        both.same("PutItem", put("bg1", 100, "NONE"));
        both.same("PutItem", put("bg2", 5000, "NONE"));
        for (String report : new String[] {"TOTAL", "INDEXES"}) {
            RawDynamoDb.Response r = both.sameWithCapacity("BatchGetItem", """
                    {"RequestItems":{
                      "cc_items":{"Keys":[{"id":{"S":"bg1"}},{"id":{"S":"bg2"}}],"ConsistentRead":true},
                      "cc_events":{"Keys":[{"pk":{"S":"q"},"sk":{"N":"0"}},{"pk":{"S":"q"},"sk":{"N":"1"}},{"pk":{"S":"q"},"sk":{"N":"2"}}]}},
                     "ReturnConsumedCapacity":"%s"}""".formatted(report));
            JsonNode capacity = Differential.capacity(r.body());
            assertThat(capacity.get(0).path("CapacityUnits").asDouble()).as("cc_events: 3 x 0.5").isEqualTo(1.5);
            assertThat(capacity.get(1).path("CapacityUnits").asDouble()).as("cc_items: 1 + 2").isEqualTo(3);
        }
    }

    /**
     * BatchGetItem's API reference: "Requests for nonexistent items consume the minimum read
     * capacity units according to the type of read." DynamoDB Local charges them nothing (here
     * 0.0 instead of 1.0).
     */
    @Test
    void batchGetItemChargesMissingKeysTheMinimum() {
        RawDynamoDb.Response r = dynalog.call("BatchGetItem", """
                {"RequestItems":{"cc_items":{"Keys":[{"id":{"S":"none1"}},{"id":{"S":"none2"}}]}},"ReturnConsumedCapacity":"TOTAL"}""");
        assertThat(r.body().path("ConsumedCapacity").toString()).isEqualTo("[{\"TableName\":\"cc_items\",\"CapacityUnits\":1.0}]");
    }

    @Test
    void batchWriteItemChargesEachWriteOnItsOwnInOneEntryPerTable() {
        both.same("PutItem", put("bw-old", 1500, "NONE"));
        for (String report : new String[] {"TOTAL", "INDEXES"}) {
            RawDynamoDb.Response r = both.sameWithCapacity("BatchWriteItem", """
                    {"RequestItems":{
                      "cc_items":[{"PutRequest":{"Item":%s}},{"PutRequest":{"Item":%s}}],
                      "cc_events":[{"PutRequest":{"Item":{"pk":{"S":"bw"},"sk":{"N":"1"}}}}]},
                     "ReturnConsumedCapacity":"%s","ReturnItemCollectionMetrics":"SIZE"}"""
                    .formatted(item("bw-new", 2500), item("bw-old", 10), report));
            JsonNode capacity = Differential.capacity(r.body());
            assertThat(capacity.get(1).path("CapacityUnits").asDouble()).as("cc_items: 3 + 2").isEqualTo(5);
            both.same("PutItem", put("bw-old", 1500, "NONE"));
        }
    }

    /**
     * A delete of an item that does not exist costs one write unit, in a batch as in DeleteItem.
     * DynamoDB Local charges 1.0 in DeleteItem but 2.0 in BatchWriteItem.
     */
    @Test
    void batchWriteDeleteOfAMissingItemChargesOneUnit() {
        RawDynamoDb.Response r = dynalog.call("BatchWriteItem", """
                {"RequestItems":{"cc_items":[{"DeleteRequest":{"Key":{"id":{"S":"never"}}}}]},"ReturnConsumedCapacity":"TOTAL"}""");
        assertThat(r.body().path("ConsumedCapacity").toString()).isEqualTo("[{\"TableName\":\"cc_items\",\"CapacityUnits\":1.0}]");
    }

    /** A failed condition still consumes capacity, but DynamoDB's error response has no member to report it. */
    @Test
    void failedConditionAnswersTheErrorAlone() {
        both.same("PutItem", put("cond", 100, "NONE"));
        both.sameWithCapacity("PutItem", "{\"TableName\":\"cc_items\",\"Item\":" + item("cond", 50)
                + ",\"ConditionExpression\":\"attribute_not_exists(id)\",\"ReturnConsumedCapacity\":\"TOTAL\"}");
        both.sameWithCapacity("UpdateItem", "{\"TableName\":\"cc_items\",\"Key\":{\"id\":{\"S\":\"cond\"}},"
                + "\"ConditionExpression\":\"attribute_not_exists(id)\",\"ReturnConsumedCapacity\":\"INDEXES\"}");
        both.sameWithCapacity("DeleteItem", "{\"TableName\":\"cc_items\",\"Key\":{\"id\":{\"S\":\"nothing\"}},"
                + "\"ConditionExpression\":\"attribute_exists(id)\",\"ReturnConsumedCapacity\":\"TOTAL\"}");
    }

    @Test
    void noneOrNoRequestGivesNoConsumedCapacity() {
        both.same("PutItem", put("quiet", 10, "NONE"));
        assertThat(dynalog.call("GetItem", get("quiet", true, "NONE")).body().has("ConsumedCapacity")).isFalse();
        assertThat(dynalog.call("PutItem", put("quiet", 10, "NONE")).body().has("ConsumedCapacity")).isFalse();
        assertThat(dynalog.call("Scan", "{\"TableName\":\"cc_events\"}").body().has("ConsumedCapacity")).isFalse();
    }

    /**
     * An unknown value is a model constraint violation in DynamoDB; DynamoDB Local, which does
     * not check the model's enums, answers "Cannot have null key for GetItem, DeleteItem, or
     * UpdateItem".
     */
    @Test
    void unknownReturnConsumedCapacityIsAConstraintViolation() {
        RawDynamoDb.Response r = dynalog.call("GetItem", get("quiet", true, "ALL"));
        assertThat(r.errorType()).isEqualTo("ValidationException");
        assertThat(r.message()).isEqualTo("1 validation error detected: Value 'ALL' at 'returnConsumedCapacity' failed "
                + "to satisfy constraint: Member must satisfy enum value set: [INDEXES, TOTAL, NONE]");
    }

    /** DynamoDB returns item collection metrics only for tables with local secondary indexes. */
    @Test
    void returnItemCollectionMetricsSizeReturnsNothingForATableWithoutLocalIndexes() {
        RawDynamoDb.Response r = both.sameWithCapacity("PutItem", "{\"TableName\":\"cc_items\",\"Item\":" + item("icm", 10)
                + ",\"ReturnItemCollectionMetrics\":\"SIZE\",\"ReturnConsumedCapacity\":\"TOTAL\"}");
        assertThat(r.body().has("ItemCollectionMetrics")).isFalse();
        both.same("DeleteItem", "{\"TableName\":\"cc_items\",\"Key\":{\"id\":{\"S\":\"icm\"}},\"ReturnItemCollectionMetrics\":\"SIZE\"}");
    }
}
