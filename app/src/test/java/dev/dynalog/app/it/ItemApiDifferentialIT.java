package dev.dynalog.app.it;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/**
 * Conditional writes, UpdateItem, batches, filters and parallel scans, request for request against
 * DynamoDB Local: a client must see the same items, counts, pagination keys and errors.
 */
class ItemApiDifferentialIT {
    private static Differential both;

    @BeforeAll
    static void tables() {
        both = new Differential(new RawDynamoDb(TestNode.shared().endpoint()), new RawDynamoDb(ReferenceDynamoDb.endpoint()));
        both.createTable("""
                {"TableName":"ia_items","BillingMode":"PAY_PER_REQUEST",
                 "KeySchema":[{"AttributeName":"id","KeyType":"HASH"}],
                 "AttributeDefinitions":[{"AttributeName":"id","AttributeType":"S"}]}""");
        both.createTable("""
                {"TableName":"ia_events","BillingMode":"PAY_PER_REQUEST",
                 "KeySchema":[{"AttributeName":"pk","KeyType":"HASH"},{"AttributeName":"sk","KeyType":"RANGE"}],
                 "AttributeDefinitions":[{"AttributeName":"pk","AttributeType":"S"},{"AttributeName":"sk","AttributeType":"N"}]}""");
        for (int p = 0; p < 4; p++) {
            for (int s = 0; s < 12; s++) {
                both.same("PutItem", "{\"TableName\":\"ia_events\",\"Item\":{\"pk\":{\"S\":\"p" + p + "\"},\"sk\":{\"N\":\"" + s
                        + "\"},\"kind\":{\"S\":\"" + (s % 3 == 0 ? "click" : "view") + "\"},\"n\":{\"N\":\"" + (s * p)
                        + "\"}" + (s % 4 == 0 ? ",\"tags\":{\"SS\":[\"a\",\"t" + s + "\"]}" : "") + "}}");
            }
        }
    }

    @BeforeEach
    void document() {
        both.same("PutItem", """
                {"TableName":"ia_items","Item":{"id":{"S":"doc"},"s":{"S":"hello"},"n":{"N":"10"},"ss":{"SS":["a","b"]},
                 "ns":{"NS":["1","2"]},"l":{"L":[{"S":"x"},{"N":"1"},{"S":"z"}]},
                 "m":{"M":{"k":{"S":"v"},"deep":{"M":{"d":{"N":"1"}}}}},"flag":{"BOOL":true}}}""");
    }

    private static String update(String expression, String values, String returnValues) {
        return "{\"TableName\":\"ia_items\",\"Key\":{\"id\":{\"S\":\"doc\"}},\"UpdateExpression\":\"" + expression + "\""
                + (values == null ? "" : ",\"ExpressionAttributeValues\":{" + values + "}")
                + ",\"ReturnValues\":\"" + returnValues + "\"}";
    }

    @Test
    void updateActionsProduceTheSameItem() {
        String[][] updates = {
                {"SET n = n + :v", "\":v\":{\"N\":\"5\"}"},
                {"SET n = :v - n", "\":v\":{\"N\":\"0.5\"}"},
                {"SET a = n, n = a", null},
                {"SET b = :v", "\":v\":{\"M\":{\"x\":{\"L\":[]}}}"},
                {"SET m.k = :v, m.deep.e = :w", "\":v\":{\"N\":\"5\"},\":w\":{\"S\":\"e\"}"},
                {"SET l[1] = :v, l[10] = :w", "\":v\":{\"N\":\"5\"},\":w\":{\"S\":\"end\"}"},
                {"SET l = list_append(l, :v)", "\":v\":{\"L\":[{\"N\":\"5\"}]}"},
                {"SET l = list_append(:v, l)", "\":v\":{\"L\":[{\"N\":\"5\"}]}"},
                {"SET x = if_not_exists(nope, :v), y = if_not_exists(n, :v)", "\":v\":{\"N\":\"7\"}"},
                {"REMOVE l[0], l[2], s, nope", null},
                {"REMOVE m.deep.d, l[1]", null},
                {"ADD n :v", "\":v\":{\"N\":\"-12.5\"}"},
                {"ADD newnum :v, ss :w", "\":v\":{\"N\":\"3\"},\":w\":{\"SS\":[\"c\",\"a\"]}"},
                {"ADD m.deep.d :v", "\":v\":{\"N\":\"1\"}"},
                {"DELETE ss :v", "\":v\":{\"SS\":[\"a\",\"q\"]}"},
                {"DELETE ss :v, ns :w", "\":v\":{\"SS\":[\"a\",\"b\"]},\":w\":{\"NS\":[\"2\"]}"},
                {"SET s = :v REMOVE flag ADD n :w DELETE ns :x", "\":v\":{\"S\":\"s\"},\":w\":{\"N\":\"1\"},\":x\":{\"NS\":[\"1\"]}"},
        };
        for (String[] u : updates) {
            document();
            both.same("UpdateItem", update(u[0], u[1], "ALL_NEW"));
            document();
            both.same("UpdateItem", update(u[0], u[1], "ALL_OLD"));
            both.same("GetItem", "{\"TableName\":\"ia_items\",\"Key\":{\"id\":{\"S\":\"doc\"}}}");
        }
    }

    @Test
    void updatedOldAndNewReturnTheTopLevelAttributesTheUpdateWrote() {
        // Top-level paths only: for nested paths DynamoDB returns just the nested part, while
        // DynamoDB Local returns the whole top-level attribute (dynalog follows DynamoDB).
        String[][] updates = {
                {"SET n = n + :v, s = :w", "\":v\":{\"N\":\"5\"},\":w\":{\"S\":\"new\"}"},
                {"REMOVE s ADD ss :v", "\":v\":{\"SS\":[\"q\"]}"},
                {"SET fresh = :v", "\":v\":{\"BOOL\":false}"},
        };
        for (String[] u : updates) {
            for (String rv : new String[] {"UPDATED_OLD", "UPDATED_NEW", "NONE"}) {
                document();
                both.same("UpdateItem", update(u[0], u[1], rv));
            }
        }
    }

    @Test
    void updateOfAMissingItemCreatesItFromItsKey() {
        both.same("UpdateItem", "{\"TableName\":\"ia_events\",\"Key\":{\"pk\":{\"S\":\"new\"},\"sk\":{\"N\":\"1\"}},"
                + "\"UpdateExpression\":\"ADD hits :one\",\"ExpressionAttributeValues\":{\":one\":{\"N\":\"1\"}},\"ReturnValues\":\"ALL_NEW\"}");
        both.same("UpdateItem", "{\"TableName\":\"ia_events\",\"Key\":{\"pk\":{\"S\":\"new\"},\"sk\":{\"N\":\"2\"}},\"ReturnValues\":\"ALL_NEW\"}");
        both.same("GetItem", "{\"TableName\":\"ia_events\",\"Key\":{\"pk\":{\"S\":\"new\"},\"sk\":{\"N\":\"2\"}}}");
        both.same("DeleteItem", "{\"TableName\":\"ia_events\",\"Key\":{\"pk\":{\"S\":\"new\"},\"sk\":{\"N\":\"1\"}}}");
        both.same("DeleteItem", "{\"TableName\":\"ia_events\",\"Key\":{\"pk\":{\"S\":\"new\"},\"sk\":{\"N\":\"2\"}}}");
    }

    @Test
    void updatesThatCannotApplyToTheItemFailAndChangeNothing() {
        String[][] updates = {
                {"SET s = s + :v", "\":v\":{\"N\":\"5\"}"},
                {"SET x = nope + :v", "\":v\":{\"N\":\"5\"}"},
                {"SET x = nope", null},
                {"SET nope.a = :v", "\":v\":{\"N\":\"5\"}"},
                {"SET s[0] = :v", "\":v\":{\"N\":\"5\"}"},
                {"REMOVE nope.x", null},
                {"REMOVE s.x", null},
                {"ADD s :v", "\":v\":{\"N\":\"5\"}"},
                {"ADD ss :v", "\":v\":{\"NS\":[\"5\"]}"},
                {"DELETE s :v", "\":v\":{\"SS\":[\"a\"]}"},
                {"SET l = list_append(:v, s)", "\":v\":{\"L\":[{\"N\":\"5\"}]}"},
                {"SET l = list_append(nope, :v)", "\":v\":{\"L\":[{\"N\":\"5\"}]}"},
                {"ADD n :v", "\":v\":{\"S\":\"5\"}"},
                {"SET id = :v", "\":v\":{\"S\":\"other\"}"},
                {"SET a = :v, a = :v", "\":v\":{\"S\":\"x\"}"},
                {"SET m.k = :v REMOVE m", "\":v\":{\"S\":\"x\"}"},
        };
        for (String[] u : updates) {
            both.same("UpdateItem", update(u[0], u[1], "ALL_NEW"));
        }
        both.same("GetItem", "{\"TableName\":\"ia_items\",\"Key\":{\"id\":{\"S\":\"doc\"}}}");
    }

    @Test
    void conditionsDecideAgainstTheStoredItem() {
        String[][] conditions = {
                {"attribute_exists(id)", null},
                {"attribute_not_exists(id)", null},
                {"n = :v", "\":v\":{\"N\":\"10.0\"}"},
                {"n <> :v", "\":v\":{\"S\":\"10\"}"},
                {"nope <> :v", "\":v\":{\"S\":\"10\"}"},
                {"n BETWEEN :a AND :b", "\":a\":{\"N\":\"1\"},\":b\":{\"N\":\"10\"}"},
                {"n IN (:a, :b)", "\":a\":{\"S\":\"10\"},\":b\":{\"N\":\"10\"}"},
                {"size(s) = :v AND size(l) = :w", "\":v\":{\"N\":\"5\"},\":w\":{\"N\":\"3\"}"},
                {"contains(ss, :v) OR contains(s, :w)", "\":v\":{\"S\":\"q\"},\":w\":{\"S\":\"ell\"}"},
                {"contains(l, :v)", "\":v\":{\"N\":\"1.00\"}"},
                {"begins_with(s, :v) AND NOT attribute_type(n, :t)", "\":v\":{\"S\":\"he\"},\":t\":{\"S\":\"S\"}"},
                {"m.deep.d = :v AND l[1] < :w", "\":v\":{\"N\":\"1\"},\":w\":{\"N\":\"2\"}"},
                {"ss = :v", "\":v\":{\"SS\":[\"b\",\"a\"]}"},
                {"flag = :v OR NOT (n > :w)", "\":v\":{\"BOOL\":false},\":w\":{\"N\":\"1\"}"},
        };
        for (String[] c : conditions) {
            String values = c[1] == null ? "" : ",\"ExpressionAttributeValues\":{" + c[1] + "}";
            document();
            both.same("PutItem", "{\"TableName\":\"ia_items\",\"Item\":{\"id\":{\"S\":\"doc\"},\"v\":{\"N\":\"2\"}},"
                    + "\"ConditionExpression\":\"" + c[0] + "\"" + values + ",\"ReturnValues\":\"ALL_OLD\"}");
            document();
            both.same("DeleteItem", "{\"TableName\":\"ia_items\",\"Key\":{\"id\":{\"S\":\"doc\"}},"
                    + "\"ConditionExpression\":\"" + c[0] + "\"" + values
                    + ",\"ReturnValuesOnConditionCheckFailure\":\"ALL_OLD\"}");
            document();
            String updateValues = ",\"ExpressionAttributeValues\":{\":z\":{\"N\":\"1\"}" + (c[1] == null ? "" : "," + c[1]) + "}";
            both.same("UpdateItem", "{\"TableName\":\"ia_items\",\"Key\":{\"id\":{\"S\":\"doc\"}},\"UpdateExpression\":\"ADD n :z\","
                    + "\"ConditionExpression\":\"" + c[0] + "\"" + updateValues + ",\"ReturnValues\":\"UPDATED_NEW\"}");
        }
        both.same("PutItem", "{\"TableName\":\"ia_items\",\"Item\":{\"id\":{\"S\":\"absent\"}},"
                + "\"ConditionExpression\":\"attribute_exists(id)\",\"ReturnValuesOnConditionCheckFailure\":\"ALL_OLD\"}");
        both.same("GetItem", "{\"TableName\":\"ia_items\",\"Key\":{\"id\":{\"S\":\"absent\"}}}");
    }

    @Test
    void batchWritesAndGetsAcrossTables() {
        both.same("BatchWriteItem", """
                {"RequestItems":{
                  "ia_items":[{"PutRequest":{"Item":{"id":{"S":"b1"},"v":{"N":"1"}}}},
                              {"PutRequest":{"Item":{"id":{"S":"b2"},"v":{"L":[{"S":"x"}]}}}},
                              {"DeleteRequest":{"Key":{"id":{"S":"doc"}}}}],
                  "ia_events":[{"PutRequest":{"Item":{"pk":{"S":"b"},"sk":{"N":"1"}}}},
                               {"DeleteRequest":{"Key":{"pk":{"S":"p0"},"sk":{"N":"11"}}}}]}}""");
        both.same("BatchGetItem", """
                {"RequestItems":{
                  "ia_items":{"Keys":[{"id":{"S":"b1"}},{"id":{"S":"doc"}},{"id":{"S":"nothing"}}],"ConsistentRead":true},
                  "ia_events":{"Keys":[{"pk":{"S":"b"},"sk":{"N":"1"}}],"ProjectionExpression":"#s","ExpressionAttributeNames":{"#s":"sk"}}}}""");
        both.same("BatchGetItem", "{\"RequestItems\":{\"ia_items\":{\"Keys\":[{\"id\":{\"S\":\"b2\"}}]}}}");
        String[] invalid = {
                "{\"RequestItems\":{}}",
                "{\"RequestItems\":{\"ia_items\":[]}}",
                "{\"RequestItems\":{\"ia_items\":[{\"PutRequest\":{\"Item\":{\"id\":{\"S\":\"d\"}}}},{\"DeleteRequest\":{\"Key\":{\"id\":{\"S\":\"d\"}}}}]}}",
                "{\"RequestItems\":{\"ia_items\":[" + "{\"PutRequest\":{\"Item\":{\"id\":{\"S\":\"x\"}}}},".repeat(25)
                        + "{\"PutRequest\":{\"Item\":{\"id\":{\"S\":\"y\"}}}}]}}",
        };
        for (String body : invalid) {
            both.same("BatchWriteItem", body);
        }
        both.same("BatchGetItem", "{\"RequestItems\":{\"ia_items\":{\"Keys\":[{\"id\":{\"S\":\"a\"}},{\"id\":{\"S\":\"a\"}}]}}}");
        both.same("BatchGetItem", "{\"RequestItems\":{\"ia_items\":{\"Keys\":[]}}}");
        // DynamoDB Local words these differently from DynamoDB ("Type mismatch for key id expected: S
        // actual: N", "Requested resource not found"); dynalog uses DynamoDB's words.
        both.sameErrorType("BatchWriteItem", "{\"RequestItems\":{\"ia_items\":[{\"PutRequest\":{\"Item\":{\"id\":{\"N\":\"1\"}}}}]}}");
        both.sameErrorType("BatchWriteItem", "{\"RequestItems\":{\"ia_none\":[{\"PutRequest\":{\"Item\":{\"id\":{\"S\":\"x\"}}}}]}}");
    }

    @Test
    void filtersApplyAfterTheLimitAndSelectCountCounts() {
        String[] queries = {
                "{\"TableName\":\"ia_events\",\"KeyConditionExpression\":\"pk = :p\",\"FilterExpression\":\"kind = :k\","
                        + "\"ExpressionAttributeValues\":{\":p\":{\"S\":\"p2\"},\":k\":{\"S\":\"click\"}}}",
                "{\"TableName\":\"ia_events\",\"KeyConditionExpression\":\"pk = :p\",\"FilterExpression\":\"kind = :k\",\"Limit\":5,"
                        + "\"ExpressionAttributeValues\":{\":p\":{\"S\":\"p2\"},\":k\":{\"S\":\"click\"}}}",
                "{\"TableName\":\"ia_events\",\"KeyConditionExpression\":\"pk = :p\",\"FilterExpression\":\"contains(tags, :t)\",\"Select\":\"COUNT\","
                        + "\"ExpressionAttributeValues\":{\":p\":{\"S\":\"p1\"},\":t\":{\"S\":\"a\"}}}",
                "{\"TableName\":\"ia_events\",\"KeyConditionExpression\":\"pk = :p\",\"Select\":\"SPECIFIC_ATTRIBUTES\",\"ProjectionExpression\":\"n\","
                        + "\"ExpressionAttributeValues\":{\":p\":{\"S\":\"p3\"}},\"ScanIndexForward\":false,\"Limit\":3}",
                "{\"TableName\":\"ia_events\",\"KeyConditionExpression\":\"pk = :p\",\"FilterExpression\":\"sk > :n\","
                        + "\"ExpressionAttributeValues\":{\":p\":{\"S\":\"p2\"},\":n\":{\"N\":\"1\"}}}",
                "{\"TableName\":\"ia_events\",\"KeyConditionExpression\":\"pk = :p\",\"Select\":\"COUNT\",\"ProjectionExpression\":\"n\","
                        + "\"ExpressionAttributeValues\":{\":p\":{\"S\":\"p3\"}}}",
                "{\"TableName\":\"ia_events\",\"KeyConditionExpression\":\"pk = :p\",\"Select\":\"SPECIFIC_ATTRIBUTES\","
                        + "\"ExpressionAttributeValues\":{\":p\":{\"S\":\"p3\"}}}",
                "{\"TableName\":\"ia_events\",\"KeyConditionExpression\":\"pk = :z\",\"FilterExpression\":\"x > :y\",\"ProjectionExpression\":\"#q\"}",
        };
        for (String q : queries) {
            both.same("Query", q);
        }
        both.same("Scan", "{\"TableName\":\"ia_events\",\"Select\":\"COUNT\",\"FilterExpression\":\"n >= :v\","
                + "\"ExpressionAttributeValues\":{\":v\":{\"N\":\"10\"}}}");
        both.same("Scan", "{\"TableName\":\"ia_events\",\"Select\":\"ALL_ATTRIBUTES\",\"ProjectionExpression\":\"n\"}");
        both.same("Scan", "{\"TableName\":\"ia_events\",\"Segment\":1}");
        both.same("Scan", "{\"TableName\":\"ia_events\",\"TotalSegments\":2}");
        both.same("Scan", "{\"TableName\":\"ia_events\",\"Segment\":2,\"TotalSegments\":2}");
    }

    /**
     * Regression: DynamoDB reports a projection next to ALL_PROJECTED_ATTRIBUTES before it reports
     * that the request names no index.
     */
    @Test
    void allProjectedAttributesWithAProjectionIsRejectedForTheProjectionFirst() {
        both.same("Scan", "{\"TableName\":\"ia_events\",\"Select\":\"ALL_PROJECTED_ATTRIBUTES\",\"ProjectionExpression\":\"n\"}");
        both.same("Query", "{\"TableName\":\"ia_events\",\"Select\":\"ALL_PROJECTED_ATTRIBUTES\",\"ProjectionExpression\":\"n\","
                + "\"KeyConditionExpression\":\"pk = :p\",\"ExpressionAttributeValues\":{\":p\":{\"S\":\"p1\"}}}");
        both.same("Scan", "{\"TableName\":\"ia_events\",\"Select\":\"ALL_PROJECTED_ATTRIBUTES\"}");
    }

    /** Regression: GetItem ignores ExpressionAttributeValues, which no projection can use. */
    @Test
    void getItemIgnoresExpressionAttributeValues() {
        String key = "{\"TableName\":\"ia_items\",\"Key\":{\"id\":{\"S\":\"doc\"}}";
        both.same("GetItem", key + ",\"ExpressionAttributeValues\":{\":a\":{\"S\":\"a\"}}}");
        both.same("GetItem", key + ",\"ExpressionAttributeValues\":{\"bad\":{\"S\":\"a\"}},\"ProjectionExpression\":\"s\"}");
        both.same("GetItem", key + ",\"ExpressionAttributeValues\":{},\"ProjectionExpression\":\"s\"}");
    }

    @Test
    void parallelScanSegmentsTogetherReturnEveryItemOnce() {
        RawDynamoDb dynalog = new RawDynamoDb(TestNode.shared().endpoint());
        for (int total : new int[] {1, 3, 4, 7}) {
            List<String> items = new ArrayList<>();
            for (int segment = 0; segment < total; segment++) {
                JsonNode start = null;
                do {
                    RawDynamoDb.Response r = dynalog.call("Scan", "{\"TableName\":\"ia_events\",\"Limit\":5,\"Segment\":" + segment
                            + ",\"TotalSegments\":" + total + (start == null ? "" : ",\"ExclusiveStartKey\":" + start) + "}");
                    assertThat(r.status()).as("%s", r.body()).isEqualTo(200);
                    r.body().path("Items").forEach(i -> items.add(Differential.normalize(i).toString()));
                    start = r.body().get("LastEvaluatedKey");
                } while (start != null);
            }
            List<String> whole = new ArrayList<>();
            dynalog.call("Scan", "{\"TableName\":\"ia_events\"}").body().path("Items")
                    .forEach(i -> whole.add(Differential.normalize(i).toString()));
            assertThat(items).as("%d segments", total).hasSameSizeAs(whole).containsExactlyInAnyOrderElementsOf(whole);
        }
    }
}
