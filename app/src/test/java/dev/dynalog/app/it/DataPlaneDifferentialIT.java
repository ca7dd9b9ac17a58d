package dev.dynalog.app.it;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/**
 * The data plane of the walking skeleton, request for request against DynamoDB Local: every
 * response a client sees (items, pagination keys, errors) must be the same.
 */
class DataPlaneDifferentialIT {
    private static Differential both;

    @BeforeAll
    static void tables() {
        both = new Differential(new RawDynamoDb(TestNode.shared().endpoint()), new RawDynamoDb(ReferenceDynamoDb.endpoint()));
        both.createTable("""
                {"TableName":"dp_orders","BillingMode":"PAY_PER_REQUEST",
                 "KeySchema":[{"AttributeName":"pk","KeyType":"HASH"},{"AttributeName":"sk","KeyType":"RANGE"}],
                 "AttributeDefinitions":[{"AttributeName":"pk","AttributeType":"S"},{"AttributeName":"sk","AttributeType":"N"}]}""");
        both.createTable("""
                {"TableName":"dp_docs","BillingMode":"PAY_PER_REQUEST",
                 "KeySchema":[{"AttributeName":"id","KeyType":"HASH"}],
                 "AttributeDefinitions":[{"AttributeName":"id","AttributeType":"S"}]}""");
        both.createTable("""
                {"TableName":"dp_blobs","BillingMode":"PAY_PER_REQUEST",
                 "KeySchema":[{"AttributeName":"b","KeyType":"HASH"},{"AttributeName":"s","KeyType":"RANGE"}],
                 "AttributeDefinitions":[{"AttributeName":"b","AttributeType":"B"},{"AttributeName":"s","AttributeType":"S"}]}""");
        // Sort keys chosen to stress numeric order: negatives, fractions, exponents.
        String[] sortKeys = {"-100", "-1.5", "-0.001", "0", "0.001", "1", "1.5", "2", "10", "99.99", "100", "1E+3", "123456789012345678901234567890"};
        for (String sk : sortKeys) {
            both.same("PutItem", "{\"TableName\":\"dp_orders\",\"Item\":{\"pk\":{\"S\":\"p1\"},\"sk\":{\"N\":\"" + sk
                    + "\"},\"v\":{\"S\":\"value " + sk + "\"}}}");
        }
        for (int i = 0; i < 30; i++) {
            both.same("PutItem", "{\"TableName\":\"dp_orders\",\"Item\":{\"pk\":{\"S\":\"p" + (i % 5 + 2) + "\"},\"sk\":{\"N\":\"" + i
                    + "\"},\"n\":{\"N\":\"" + (i * 7) + "\"}}}");
        }
        String[] strings = {"a", "ab", "abc", "b", "B", "a\\u0000", "é", "😀", "\\uffff", "z"};
        for (String s : strings) {
            both.same("PutItem", "{\"TableName\":\"dp_blobs\",\"Item\":{\"b\":{\"B\":\"AAEC\"},\"s\":{\"S\":\"" + s + "\"}}}");
        }
    }

    @Test
    void allTenAttributeTypesRoundTripExactly() {
        both.same("PutItem", """
                {"TableName":"dp_docs","Item":{"id":{"S":"all-types"},
                 "s":{"S":"text ünïcødé 😀"},"n":{"N":"-12.3400"},"b":{"B":"AAEC/w=="},"t":{"BOOL":true},"f":{"BOOL":false},
                 "nul":{"NULL":true},"m":{"M":{"inner":{"L":[{"S":"x"},{"N":"1"},{"M":{}}]}}},"l":{"L":[]},
                 "ss":{"SS":["b","a","c"]},"ns":{"NS":["3","1.0","-2"]},"bs":{"BS":["AQ==","Ag=="]},"empty":{"S":""}}}""");
        both.same("GetItem", "{\"TableName\":\"dp_docs\",\"Key\":{\"id\":{\"S\":\"all-types\"}}}");
        both.same("GetItem", "{\"TableName\":\"dp_docs\",\"Key\":{\"id\":{\"S\":\"all-types\"}},\"ConsistentRead\":true}");
    }

    @Test
    void numbersAreStoredInCanonicalForm() {
        both.same("PutItem", """
                {"TableName":"dp_docs","Item":{"id":{"S":"numbers"},"a":{"N":"001.500"},"b":{"N":"1e3"},"c":{"N":"-0"},
                 "d":{"N":"0.000001"},"e":{"N":"1E-130"},"f":{"N":"9.9999999999999999999999999999999999999E+125"},"g":{"N":"+5"}}}""");
        both.same("GetItem", "{\"TableName\":\"dp_docs\",\"Key\":{\"id\":{\"S\":\"numbers\"}}}");
    }

    @Test
    void putAndDeleteReturnTheOldItemWhenAsked() {
        both.same("PutItem", "{\"TableName\":\"dp_docs\",\"Item\":{\"id\":{\"S\":\"rv\"},\"v\":{\"N\":\"1\"}},\"ReturnValues\":\"ALL_OLD\"}");
        both.same("PutItem", "{\"TableName\":\"dp_docs\",\"Item\":{\"id\":{\"S\":\"rv\"},\"v\":{\"N\":\"2\"}},\"ReturnValues\":\"ALL_OLD\"}");
        both.same("PutItem", "{\"TableName\":\"dp_docs\",\"Item\":{\"id\":{\"S\":\"rv\"},\"v\":{\"N\":\"3\"}},\"ReturnValues\":\"ALL_NEW\"}");
        both.same("DeleteItem", "{\"TableName\":\"dp_docs\",\"Key\":{\"id\":{\"S\":\"rv\"}},\"ReturnValues\":\"ALL_OLD\"}");
        both.same("DeleteItem", "{\"TableName\":\"dp_docs\",\"Key\":{\"id\":{\"S\":\"rv\"}},\"ReturnValues\":\"ALL_OLD\"}");
        both.same("GetItem", "{\"TableName\":\"dp_docs\",\"Key\":{\"id\":{\"S\":\"rv\"}}}");
    }

    @Test
    void queryWithEachSortKeyOperatorReturnsTheSameItemsInTheSameOrder() {
        String[] conditions = {
                "pk = :p", "pk = :p AND sk = :a", "pk = :p AND sk < :a", "pk = :p AND sk <= :a", "pk = :p AND sk > :a",
                "pk = :p AND sk >= :a", "pk = :p AND sk BETWEEN :lo AND :a", "pk = :p AND sk BETWEEN :lo AND :lo"};
        for (String c : conditions) {
            for (boolean forward : new boolean[] {true, false}) {
                String values = "\":p\":{\"S\":\"p1\"}"
                        + (c.contains(":a") ? ",\":a\":{\"N\":\"1.5\"}" : "")
                        + (c.contains(":lo") ? ",\":lo\":{\"N\":\"-1.5\"}" : "");
                both.same("Query", "{\"TableName\":\"dp_orders\",\"KeyConditionExpression\":\"" + c
                        + "\",\"ExpressionAttributeValues\":{" + values + "},\"ScanIndexForward\":" + forward + "}");
            }
        }
    }

    @Test
    void queryOnStringSortKeysFollowsUtf8ByteOrderAndBeginsWith() {
        for (String c : new String[] {"b = :b", "b = :b AND s > :s", "b = :b AND begins_with(s, :s)", "b = :b AND s <= :s"}) {
            String values = "\":b\":{\"B\":\"AAEC\"}" + (c.contains(":s") ? ",\":s\":{\"S\":\"a\"}" : "");
            both.same("Query", "{\"TableName\":\"dp_blobs\",\"KeyConditionExpression\":\"" + c
                    + "\",\"ExpressionAttributeValues\":{" + values + "}}");
            both.same("Query", "{\"TableName\":\"dp_blobs\",\"KeyConditionExpression\":\"" + c
                    + "\",\"ExpressionAttributeValues\":{" + values + "},\"ScanIndexForward\":false}");
        }
    }

    @Test
    void queryPagesWithLimitAndExclusiveStartKey() {
        for (boolean forward : new boolean[] {true, false}) {
            String start = null;
            int pages = 0;
            do {
                String body = "{\"TableName\":\"dp_orders\",\"KeyConditionExpression\":\"pk = :p\",\"Limit\":4,"
                        + "\"ExpressionAttributeValues\":{\":p\":{\"S\":\"p1\"}},\"ScanIndexForward\":" + forward
                        + (start == null ? "" : ",\"ExclusiveStartKey\":" + start) + "}";
                RawDynamoDb.Response r = both.same("Query", body);
                start = r.body().has("LastEvaluatedKey") ? r.body().get("LastEvaluatedKey").toString() : null;
                pages++;
            } while (start != null);
            assertThat(pages).isEqualTo(4);
        }
    }

    @Test
    void queryWithProjectionAndAttributeNames() {
        both.same("Query", """
                {"TableName":"dp_orders","KeyConditionExpression":"#k = :p AND sk > :z","ProjectionExpression":"sk, #v",
                 "ExpressionAttributeNames":{"#k":"pk","#v":"v"},"ExpressionAttributeValues":{":p":{"S":"p1"},":z":{"N":"0"}}}""");
        both.same("GetItem", """
                {"TableName":"dp_orders","Key":{"pk":{"S":"p1"},"sk":{"N":"1"}},"ProjectionExpression":"v, missing"}""");
    }

    @Test
    void scanReturnsEveryItemExactlyOnceAcrossPages() {
        both.sameScan("dp_orders", 7);
        both.sameScan("dp_orders", 1000);
    }

    @Test
    void invalidRequestsGetDynamoDbsErrors() {
        // DynamoDB Local words these two differently from DynamoDB; dynalog uses DynamoDB's words
        // ("Missing the key id in the item", "Type mismatch for key id expected: S actual: N").
        both.sameErrorType("PutItem", "{\"TableName\":\"dp_docs\",\"Item\":{\"other\":{\"S\":\"x\"}}}");
        both.sameErrorType("PutItem", "{\"TableName\":\"dp_docs\",\"Item\":{\"id\":{\"N\":\"1\"}}}");
        // Keys that do not match the schema: DynamoDB says "The provided key element does not match the
        // schema"; DynamoDB Local has its own words for each case.
        both.sameErrorType("GetItem", "{\"TableName\":\"dp_orders\",\"Key\":{\"pk\":{\"S\":\"x\"}}}");
        both.sameErrorType("GetItem", "{\"TableName\":\"dp_orders\",\"Key\":{\"pk\":{\"S\":\"x\"},\"sk\":{\"N\":\"1\"},"
                + "\"extra\":{\"S\":\"y\"}}}");
        both.sameErrorType("GetItem", "{\"TableName\":\"dp_orders\",\"Key\":{\"pk\":{\"S\":\"x\"},\"sk\":{\"S\":\"1\"}}}");
        // DynamoDB Local: "Cannot do operations on a non-existent table"; DynamoDB: "Requested resource not found".
        both.sameErrorType("PutItem", "{\"TableName\":\"missing_table\",\"Item\":{\"id\":{\"S\":\"x\"}}}");
        // DynamoDB Local: "Limit must be greater than or equal to 1"; DynamoDB reports the model constraint.
        both.sameErrorType("Query", "{\"TableName\":\"dp_orders\",\"KeyConditionExpression\":\"pk = :a\",\"Limit\":0,"
                + "\"ExpressionAttributeValues\":{\":a\":{\"S\":\"1\"}}}");
        String[][] cases = {
                {"PutItem", "{\"TableName\":\"dp_docs\",\"Item\":{\"id\":{\"S\":\"\"}}}"},
                {"PutItem", "{\"TableName\":\"dp_docs\",\"Item\":{\"id\":{\"S\":\"x\"},\"s\":{\"SS\":[]}}}"},
                {"PutItem", "{\"TableName\":\"dp_docs\",\"Item\":{\"id\":{\"S\":\"x\"},\"s\":{\"SS\":[\"a\",\"a\"]}}}"},
                {"PutItem", "{\"TableName\":\"dp_docs\",\"Item\":{\"id\":{\"S\":\"x\"},\"n\":{\"N\":\"abc\"}}}"},
                {"PutItem", "{\"TableName\":\"dp_docs\",\"Item\":{\"id\":{\"S\":\"x\"},\"n\":{\"N\":\"1E+126\"}}}"},
                {"PutItem", "{\"TableName\":\"dp_docs\",\"Item\":{\"id\":{\"S\":\"x\"},\"n\":{\"N\":\"1234567890123456789012345678901234567890\"}}}"},
                {"PutItem", "{\"TableName\":\"dp_docs\",\"Item\":{\"id\":{\"S\":\"" + "k".repeat(2049) + "\"}}}"},
                {"PutItem", "{\"TableName\":\"dp_orders\",\"Item\":{\"pk\":{\"S\":\"x\"},\"sk\":{\"N\":\"1\"}},\"ExpressionAttributeValues\":{\":v\":{\"S\":\"x\"}}}"},
                {"GetItem", "{\"TableName\":\"dp_docs\",\"Key\":{\"id\":{\"S\":\"x\"}},\"ProjectionExpression\":\"a,,b\"}"},
                {"DeleteItem", "{\"TableName\":\"dp_docs\",\"Key\":{\"id\":{\"S\":\"\"}}}"},
                {"Query", "{\"TableName\":\"dp_orders\",\"KeyConditionExpression\":\"sk = :a\",\"ExpressionAttributeValues\":{\":a\":{\"N\":\"1\"}}}"},
                {"Query", "{\"TableName\":\"dp_orders\",\"KeyConditionExpression\":\"pk = :a\",\"ExpressionAttributeValues\":{\":a\":{\"N\":\"1\"}}}"},
                {"Query", "{\"TableName\":\"dp_orders\",\"KeyConditionExpression\":\"pk = :a AND\",\"ExpressionAttributeValues\":{\":a\":{\"S\":\"1\"}}}"},
                {"Query", "{\"TableName\":\"dp_orders\",\"KeyConditionExpression\":\"pk = :a\",\"ExpressionAttributeValues\":{\":a\":{\"S\":\"1\"},\":b\":{\"S\":\"1\"}}}"},
                {"Query", "{\"TableName\":\"dp_orders\",\"KeyConditionExpression\":\"pk = :undefined\"}"},
                {"Query", "{\"TableName\":\"dp_orders\",\"KeyConditionExpression\":\"#p = :a\",\"ExpressionAttributeValues\":{\":a\":{\"S\":\"1\"}}}"},
                {"Query", "{\"TableName\":\"dp_orders\",\"KeyConditionExpression\":\"pk = :a AND sk BETWEEN :h AND :l\",\"ExpressionAttributeValues\":{\":a\":{\"S\":\"1\"},\":h\":{\"N\":\"5\"},\":l\":{\"N\":\"1\"}}}"},
        };
        for (String[] c : cases) {
            both.same(c[0], c[1]);
        }
        both.same("GetItem", "{\"TableName\":\"dp_docs\",\"Key\":{\"id\":{\"S\":\"x\"}}}");
    }
}
