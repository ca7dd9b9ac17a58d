package dev.dynalog.app.it;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/**
 * The legacy parameters old SDK code still sends (Expected with ConditionalOperator,
 * AttributeUpdates, AttributesToGet, KeyConditions, QueryFilter, ScanFilter) and the rule that a
 * request uses either them or expressions, request for request against DynamoDB Local. Where
 * DynamoDB Local departs from DynamoDB, the test says so and pins dynalog's answer.
 */
class LegacyParametersDifferentialIT {
    private static Differential both;
    private static RawDynamoDb dynalog;

    @BeforeAll
    static void tables() {
        dynalog = new RawDynamoDb(TestNode.shared().endpoint());
        both = new Differential(dynalog, new RawDynamoDb(ReferenceDynamoDb.endpoint()));
        both.createTable("""
                {"TableName":"lp_items","BillingMode":"PAY_PER_REQUEST",
                 "KeySchema":[{"AttributeName":"id","KeyType":"HASH"}],
                 "AttributeDefinitions":[{"AttributeName":"id","AttributeType":"S"}]}""");
        both.createTable("""
                {"TableName":"lp_events","BillingMode":"PAY_PER_REQUEST",
                 "KeySchema":[{"AttributeName":"pk","KeyType":"HASH"},{"AttributeName":"sk","KeyType":"RANGE"}],
                 "AttributeDefinitions":[{"AttributeName":"pk","AttributeType":"S"},{"AttributeName":"sk","AttributeType":"N"}]}""");
        for (int p = 0; p < 3; p++) {
            for (int s = 0; s < 6; s++) {
                both.same("PutItem", "{\"TableName\":\"lp_events\",\"Item\":{\"pk\":{\"S\":\"p" + p + "\"},\"sk\":{\"N\":\"" + s
                        + "\"},\"kind\":{\"S\":\"" + (s % 3 == 0 ? "click" : "view") + "\"},\"n\":{\"N\":\"" + (s * p) + "\"}"
                        + (s % 2 == 0 ? ",\"tags\":{\"SS\":[\"a\",\"t" + s + "\"]}" : "") + "}}");
            }
        }
    }

    @BeforeEach
    void document() {
        both.same("PutItem", """
                {"TableName":"lp_items","Item":{"id":{"S":"doc"},"s":{"S":"hello"},"n":{"N":"10"},"ss":{"SS":["a","b"]},
                 "l":{"L":[{"S":"x"},{"N":"1"}]},"m":{"M":{"k":{"S":"v"}}},"m.k":{"S":"dotted"},"flag":{"BOOL":true}}}""");
    }

    /** Expected entries, each paired with whether it holds for the document. */
    private static final String[] EXPECTED = {
            "{\"id\":{\"Exists\":true,\"Value\":{\"S\":\"doc\"}}}",
            "{\"id\":{\"Value\":{\"S\":\"other\"}}}",
            "{\"nope\":{\"Exists\":false}}",
            "{\"n\":{\"Exists\":false}}",
            "{\"n\":{\"Value\":{\"N\":\"10.0\"}}}",
            "{\"n\":{\"ComparisonOperator\":\"EQ\",\"Value\":{\"N\":\"10\"}}}",
            "{\"n\":{\"ComparisonOperator\":\"GT\",\"AttributeValueList\":[{\"N\":\"5\"}]}}",
            "{\"n\":{\"ComparisonOperator\":\"LE\",\"AttributeValueList\":[{\"N\":\"5\"}]}}",
            "{\"n\":{\"ComparisonOperator\":\"NE\",\"AttributeValueList\":[{\"S\":\"10\"}]}}",
            "{\"nope\":{\"ComparisonOperator\":\"NE\",\"AttributeValueList\":[{\"S\":\"10\"}]}}",
            "{\"s\":{\"ComparisonOperator\":\"BEGINS_WITH\",\"AttributeValueList\":[{\"S\":\"he\"}]}}",
            "{\"ss\":{\"ComparisonOperator\":\"CONTAINS\",\"AttributeValueList\":[{\"S\":\"a\"}]}}",
            "{\"ss\":{\"ComparisonOperator\":\"NOT_CONTAINS\",\"AttributeValueList\":[{\"S\":\"a\"}]}}",
            "{\"nope\":{\"ComparisonOperator\":\"NOT_CONTAINS\",\"AttributeValueList\":[{\"S\":\"a\"}]}}",
            "{\"l\":{\"ComparisonOperator\":\"CONTAINS\",\"AttributeValueList\":[{\"N\":\"1\"}]}}",
            "{\"n\":{\"ComparisonOperator\":\"IN\",\"AttributeValueList\":[{\"N\":\"1\"},{\"N\":\"10\"}]}}",
            "{\"n\":{\"ComparisonOperator\":\"BETWEEN\",\"AttributeValueList\":[{\"N\":\"1\"},{\"N\":\"9\"}]}}",
            "{\"nope\":{\"ComparisonOperator\":\"NULL\"}}",
            "{\"flag\":{\"ComparisonOperator\":\"NOT_NULL\"}}",
            "{\"n\":{\"Value\":{\"N\":\"10\"}},\"s\":{\"Value\":{\"S\":\"nope\"}}}",
            "{\"n\":{\"Value\":{\"N\":\"11\"}},\"s\":{\"Value\":{\"S\":\"hello\"}}}",
            "{\"n\":{\"Value\":{\"N\":\"11\"}},\"s\":{\"Value\":{\"S\":\"nope\"}}}",
    };

    @Test
    void expectedDecidesPutDeleteAndUpdateLikeItsCondition() {
        for (String expected : EXPECTED) {
            for (String joined : new String[] {"", ",\"ConditionalOperator\":\"OR\"", ",\"ConditionalOperator\":\"AND\""}) {
                if (!joined.isEmpty() && !expected.contains("},\"")) {
                    continue; // ConditionalOperator needs two entries
                }
                String legacy = ",\"Expected\":" + expected + joined;
                document();
                both.same("PutItem", "{\"TableName\":\"lp_items\",\"Item\":{\"id\":{\"S\":\"doc\"},\"v\":{\"N\":\"2\"}}"
                        + legacy + ",\"ReturnValues\":\"ALL_OLD\"}");
                document();
                both.same("DeleteItem", "{\"TableName\":\"lp_items\",\"Key\":{\"id\":{\"S\":\"doc\"}}" + legacy
                        + ",\"ReturnValuesOnConditionCheckFailure\":\"ALL_OLD\"}");
                document();
                both.same("UpdateItem", "{\"TableName\":\"lp_items\",\"Key\":{\"id\":{\"S\":\"doc\"}}" + legacy
                        + ",\"AttributeUpdates\":{\"n\":{\"Action\":\"ADD\",\"Value\":{\"N\":\"1\"}}},\"ReturnValues\":\"UPDATED_NEW\"}");
            }
        }
        both.same("PutItem", "{\"TableName\":\"lp_items\",\"Item\":{\"id\":{\"S\":\"fresh\"}},"
                + "\"Expected\":{\"id\":{\"Exists\":false}},\"ReturnValues\":\"ALL_OLD\"}");
        both.same("GetItem", "{\"TableName\":\"lp_items\",\"Key\":{\"id\":{\"S\":\"fresh\"}},\"ConsistentRead\":true}");
    }

    @Test
    void invalidExpectedEntriesAreRejectedWithDynamoDbsMessages() {
        String[] invalid = {
                "\"ConditionalOperator\":\"OR\"",
                "\"Expected\":{\"n\":{\"Exists\":false}},\"ConditionalOperator\":\"OR\"",
                "\"Expected\":{}",
                "\"Expected\":{\"n\":{\"Value\":{\"N\":\"1\"},\"AttributeValueList\":[{\"N\":\"1\"}]}}",
                "\"Expected\":{\"n\":{\"Exists\":true,\"ComparisonOperator\":\"EQ\",\"AttributeValueList\":[{\"N\":\"1\"}]}}",
                "\"Expected\":{\"n\":{\"AttributeValueList\":[{\"N\":\"1\"}]}}",
                "\"Expected\":{\"n\":{\"ComparisonOperator\":\"EQ\"}}",
                "\"Expected\":{\"n\":{\"ComparisonOperator\":\"EQ\",\"AttributeValueList\":[{\"N\":\"1\"},{\"N\":\"2\"}]}}",
                "\"Expected\":{\"n\":{\"ComparisonOperator\":\"NULL\",\"AttributeValueList\":[{\"N\":\"1\"}]}}",
                "\"Expected\":{\"n\":{\"ComparisonOperator\":\"LT\",\"AttributeValueList\":[{\"BOOL\":true}]}}",
                "\"Expected\":{\"n\":{\"ComparisonOperator\":\"IN\",\"AttributeValueList\":[{\"N\":\"1\"},{\"S\":\"1\"}]}}",
                "\"Expected\":{\"n\":{\"ComparisonOperator\":\"BETWEEN\",\"AttributeValueList\":[{\"N\":\"9\"},{\"N\":\"1\"}]}}",
                "\"Expected\":{\"n\":{\"Exists\":false,\"Value\":{\"N\":\"1\"}}}",
                "\"Expected\":{\"n\":{\"Exists\":true}}",
        };
        for (String members : invalid) {
            both.same("PutItem", "{\"TableName\":\"lp_items\",\"Item\":{\"id\":{\"S\":\"doc\"}}," + members + "}");
            both.same("DeleteItem", "{\"TableName\":\"lp_items\",\"Key\":{\"id\":{\"S\":\"doc\"}}," + members + "}");
        }
        both.same("GetItem", "{\"TableName\":\"lp_items\",\"Key\":{\"id\":{\"S\":\"doc\"}}}");
    }

    @Test
    void attributeUpdatesProduceTheSameItemAsTheUpdateExpressionTheyStandFor() {
        String[] updates = {
                "{\"s\":{\"Value\":{\"S\":\"new\"}}}",
                "{\"s\":{\"Action\":\"PUT\",\"Value\":{\"M\":{\"x\":{\"L\":[]}}}}}",
                "{\"n\":{\"Action\":\"ADD\",\"Value\":{\"N\":\"-2.5\"}}}",
                "{\"fresh\":{\"Action\":\"ADD\",\"Value\":{\"N\":\"5\"}}}",
                "{\"ss\":{\"Action\":\"ADD\",\"Value\":{\"SS\":[\"c\",\"a\"]}}}",
                "{\"ss\":{\"Action\":\"DELETE\",\"Value\":{\"SS\":[\"a\",\"q\"]}}}",
                "{\"l\":{\"Action\":\"ADD\",\"Value\":{\"L\":[{\"S\":\"q\"}]}}}",
                "{\"newl\":{\"Action\":\"ADD\",\"Value\":{\"L\":[{\"S\":\"q\"}]}}}",
                "{\"s\":{\"Action\":\"DELETE\"}}",
                "{\"nope\":{\"Action\":\"DELETE\"}}",
                "{\"s\":{\"Action\":\"DELETE\"},\"n\":{\"Action\":\"ADD\",\"Value\":{\"N\":\"1\"}},\"m\":{\"Value\":{\"N\":\"1\"}},"
                        + "\"ss\":{\"Action\":\"DELETE\",\"Value\":{\"SS\":[\"b\"]}}}",
                "{}",
        };
        for (String u : updates) {
            for (String rv : new String[] {"ALL_NEW", "ALL_OLD", "UPDATED_OLD", "UPDATED_NEW", "NONE"}) {
                document();
                both.same("UpdateItem", "{\"TableName\":\"lp_items\",\"Key\":{\"id\":{\"S\":\"doc\"}},\"AttributeUpdates\":" + u
                        + ",\"ReturnValues\":\"" + rv + "\"}");
            }
            both.same("GetItem", "{\"TableName\":\"lp_items\",\"Key\":{\"id\":{\"S\":\"doc\"}},\"ConsistentRead\":true}");
        }
        both.same("UpdateItem", "{\"TableName\":\"lp_items\",\"Key\":{\"id\":{\"S\":\"created\"}},"
                + "\"AttributeUpdates\":{\"n\":{\"Action\":\"ADD\",\"Value\":{\"N\":\"1\"}}},\"ReturnValues\":\"ALL_NEW\"}");
    }

    @Test
    void invalidAttributeUpdatesAreRejectedAndChangeNothing() {
        String[] invalid = {
                "{\"id\":{\"Value\":{\"S\":\"other\"}}}",
                "{\"x\":{\"Action\":\"ADD\",\"Value\":{\"S\":\"a\"}}}",
                "{\"x\":{\"Action\":\"ADD\"}}",
                "{\"x\":{\"Action\":\"PUT\"}}",
                "{\"x\":{\"Value\":{\"S\":\"a\"},\"Action\":\"DELETE\"}}",
                "{\"x\":{\"Value\":{\"BOOL\":true},\"Action\":\"ADD\"}}",
        };
        for (String u : invalid) {
            both.same("UpdateItem", "{\"TableName\":\"lp_items\",\"Key\":{\"id\":{\"S\":\"doc\"}},\"AttributeUpdates\":" + u + "}");
        }
        both.same("GetItem", "{\"TableName\":\"lp_items\",\"Key\":{\"id\":{\"S\":\"doc\"}},\"ConsistentRead\":true}");
    }

    /**
     * A legacy ADD or DELETE that meets an attribute of another type fails in DynamoDB with "Type
     * mismatch for attribute to update", not the UpdateExpression's "An operand in the update
     * expression has an incorrect data type", and changes nothing.
     */
    @Test
    void attributeUpdatesOnAnAttributeOfAnotherTypeFailAndChangeNothing() {
        both.same("UpdateItem", "{\"TableName\":\"lp_items\",\"Key\":{\"id\":{\"S\":\"doc\"}},"
                + "\"AttributeUpdates\":{\"s\":{\"Action\":\"ADD\",\"Value\":{\"N\":\"1\"}}}}");
        both.same("UpdateItem", "{\"TableName\":\"lp_items\",\"Key\":{\"id\":{\"S\":\"doc\"}},"
                + "\"AttributeUpdates\":{\"ss\":{\"Action\":\"DELETE\",\"Value\":{\"NS\":[\"1\"]}}}}");
        both.same("UpdateItem", "{\"TableName\":\"lp_items\",\"Key\":{\"id\":{\"S\":\"doc\"}},"
                + "\"AttributeUpdates\":{\"s\":{\"Action\":\"ADD\",\"Value\":{\"SS\":[\"x\"]}}}}");
        both.same("GetItem", "{\"TableName\":\"lp_items\",\"Key\":{\"id\":{\"S\":\"doc\"}},\"ConsistentRead\":true}");
    }

    @Test
    void attributesToGetReturnsTheNamedTopLevelAttributes() {
        both.same("GetItem", "{\"TableName\":\"lp_items\",\"Key\":{\"id\":{\"S\":\"doc\"}},\"AttributesToGet\":[\"s\",\"m\",\"nope\"]}");
        both.same("GetItem", "{\"TableName\":\"lp_items\",\"Key\":{\"id\":{\"S\":\"doc\"}},\"AttributesToGet\":[\"m.k\"]}");
        both.same("BatchGetItem", """
                {"RequestItems":{"lp_items":{"Keys":[{"id":{"S":"doc"}}],"AttributesToGet":["l","flag"],"ConsistentRead":true},
                                 "lp_events":{"Keys":[{"pk":{"S":"p1"},"sk":{"N":"2"}}],"AttributesToGet":["tags"]}}}""");
        both.same("Query", "{\"TableName\":\"lp_events\",\"KeyConditionExpression\":\"pk = :p\","
                + "\"ExpressionAttributeValues\":{\":p\":{\"S\":\"p1\"}},\"AttributesToGet\":[\"n\"]}");
        both.same("Query", "{\"TableName\":\"lp_events\",\"KeyConditions\":{\"pk\":{\"ComparisonOperator\":\"EQ\","
                + "\"AttributeValueList\":[{\"S\":\"p1\"}]}},\"AttributesToGet\":[\"n\",\"sk\"],\"Select\":\"SPECIFIC_ATTRIBUTES\"}");
        both.sameScanPage("{\"TableName\":\"lp_events\",\"AttributesToGet\":[\"kind\"]}");
        for (String select : new String[] {"ALL_ATTRIBUTES", "COUNT", "ALL_PROJECTED_ATTRIBUTES"}) {
            both.same("Scan", "{\"TableName\":\"lp_events\",\"AttributesToGet\":[\"kind\"],\"Select\":\"" + select + "\"}");
        }
        both.same("BatchGetItem", "{\"RequestItems\":{\"lp_items\":{\"Keys\":[{\"id\":{\"S\":\"doc\"}}],\"AttributesToGet\":[\"s\",\"s\"]}}}");
    }

    /**
     * The model requires AttributesToGet to name at least one attribute and DynamoDB reports an
     * empty list as a constraint violation; DynamoDB Local answers "AttributesToGet cannot be
     * empty" in GetItem and BatchGetItem and returns empty items in Scan and Query.
     */
    @Test
    void emptyAttributesToGetIsAConstraintViolation() {
        RawDynamoDb.Response r = dynalog.call("GetItem",
                "{\"TableName\":\"lp_items\",\"Key\":{\"id\":{\"S\":\"doc\"}},\"AttributesToGet\":[]}");
        assertThat(r.errorType()).isEqualTo("ValidationException");
        assertThat(r.message()).isEqualTo("1 validation error detected: Value '[]' at 'attributesToGet' failed to satisfy "
                + "constraint: Member must have length greater than or equal to 1");
        r = dynalog.call("Scan", "{\"TableName\":\"lp_events\",\"AttributesToGet\":[]}");
        assertThat(r.message()).isEqualTo("1 validation error detected: Value '[]' at 'attributesToGet' failed to satisfy "
                + "constraint: Member must have length greater than or equal to 1");
    }

    /**
     * A name twice in AttributesToGet: DynamoDB Local's BatchGetItem gives the service's message
     * ("Duplicate value in attribute name"), its GetItem, Query and Scan a message of its own
     * ("Cannot have two attributes with the same name"); dynalog gives the service's everywhere.
     */
    @Test
    void duplicateAttributesToGetAreRejected() {
        both.sameErrorType("GetItem", "{\"TableName\":\"lp_items\",\"Key\":{\"id\":{\"S\":\"doc\"}},\"AttributesToGet\":[\"s\",\"s\"]}");
        RawDynamoDb.Response r = dynalog.call("Scan", "{\"TableName\":\"lp_events\",\"AttributesToGet\":[\"n\",\"n\"]}");
        assertThat(r.message()).isEqualTo("One or more parameter values were invalid: Duplicate value in attribute name: n");
    }

    @Test
    void keyConditionsAndQueryFilterSelectLikeTheirExpressions() {
        String pk = "\"pk\":{\"ComparisonOperator\":\"EQ\",\"AttributeValueList\":[{\"S\":\"p2\"}]}";
        String[] sortKeys = {
                "",
                ",\"sk\":{\"ComparisonOperator\":\"EQ\",\"AttributeValueList\":[{\"N\":\"2\"}]}",
                ",\"sk\":{\"ComparisonOperator\":\"LT\",\"AttributeValueList\":[{\"N\":\"2\"}]}",
                ",\"sk\":{\"ComparisonOperator\":\"LE\",\"AttributeValueList\":[{\"N\":\"2\"}]}",
                ",\"sk\":{\"ComparisonOperator\":\"GT\",\"AttributeValueList\":[{\"N\":\"2\"}]}",
                ",\"sk\":{\"ComparisonOperator\":\"GE\",\"AttributeValueList\":[{\"N\":\"2\"}]}",
                ",\"sk\":{\"ComparisonOperator\":\"BETWEEN\",\"AttributeValueList\":[{\"N\":\"1\"},{\"N\":\"4\"}]}",
        };
        String[] filters = {
                "",
                ",\"QueryFilter\":{\"kind\":{\"ComparisonOperator\":\"EQ\",\"AttributeValueList\":[{\"S\":\"click\"}]}}",
                ",\"QueryFilter\":{\"kind\":{\"ComparisonOperator\":\"EQ\",\"AttributeValueList\":[{\"S\":\"click\"}]},"
                        + "\"tags\":{\"ComparisonOperator\":\"CONTAINS\",\"AttributeValueList\":[{\"S\":\"t2\"}]}},\"ConditionalOperator\":\"OR\"",
                ",\"QueryFilter\":{\"n\":{\"ComparisonOperator\":\"GE\",\"AttributeValueList\":[{\"N\":\"4\"}]},"
                        + "\"tags\":{\"ComparisonOperator\":\"NOT_NULL\"}}",
                ",\"FilterExpression\":\"n > :n\",\"ExpressionAttributeValues\":{\":n\":{\"N\":\"3\"}}",
        };
        for (String sk : sortKeys) {
            for (String filter : filters) {
                for (String page : new String[] {"", ",\"Limit\":2,\"ScanIndexForward\":false"}) {
                    both.same("Query", "{\"TableName\":\"lp_events\",\"KeyConditions\":{" + pk + sk + "}" + filter + page + "}");
                }
            }
        }
    }

    @Test
    void invalidKeyConditionsAndQueryFiltersAreRejectedWithDynamoDbsMessages() {
        String pk = "\"pk\":{\"ComparisonOperator\":\"EQ\",\"AttributeValueList\":[{\"S\":\"p2\"}]}";
        String[] invalid = {
                "\"KeyConditions\":{}",
                "\"KeyConditions\":{\"kind\":{\"ComparisonOperator\":\"EQ\",\"AttributeValueList\":[{\"S\":\"p2\"}]}}",
                "\"KeyConditions\":{\"pk\":{\"ComparisonOperator\":\"BEGINS_WITH\",\"AttributeValueList\":[{\"S\":\"p\"}]}}",
                "\"KeyConditions\":{\"pk\":{\"ComparisonOperator\":\"EQ\",\"AttributeValueList\":[{\"N\":\"2\"}]}}",
                "\"KeyConditions\":{" + pk + ",\"sk\":{\"ComparisonOperator\":\"IN\",\"AttributeValueList\":[{\"N\":\"2\"}]}}",
                "\"KeyConditions\":{" + pk + ",\"sk\":{\"ComparisonOperator\":\"NOT_NULL\"}}",
                "\"KeyConditions\":{" + pk + ",\"sk\":{\"ComparisonOperator\":\"GT\",\"AttributeValueList\":[{\"S\":\"2\"}]}}",
                "\"KeyConditions\":{" + pk + ",\"kind\":{\"ComparisonOperator\":\"GT\",\"AttributeValueList\":[{\"S\":\"2\"}]}}",
                "\"KeyConditions\":{" + pk + "},\"QueryFilter\":{\"sk\":{\"ComparisonOperator\":\"GT\",\"AttributeValueList\":[{\"N\":\"2\"}]}}",
                "\"KeyConditions\":{" + pk + "},\"QueryFilter\":{\"n\":{\"ComparisonOperator\":\"GT\",\"AttributeValueList\":[{\"N\":\"2\"}]}},"
                        + "\"ConditionalOperator\":\"OR\"",
                "\"KeyConditions\":{" + pk + "},\"ConditionalOperator\":\"AND\"",
                "\"KeyConditions\":{" + pk + "},\"FilterExpression\":\"sk > :n\",\"ExpressionAttributeValues\":{\":n\":{\"N\":\"3\"}}",
                "\"KeyConditions\":{" + pk + "},\"Select\":\"SPECIFIC_ATTRIBUTES\"",
                "\"ScanIndexForward\":true",
        };
        for (String members : invalid) {
            both.same("Query", "{\"TableName\":\"lp_events\"," + members + "}");
        }
    }

    @Test
    void scanFilterSelectsLikeItsExpression() {
        String[] filters = {
                "\"ScanFilter\":{}",
                "\"ScanFilter\":{\"kind\":{\"ComparisonOperator\":\"EQ\",\"AttributeValueList\":[{\"S\":\"click\"}]}}",
                "\"ScanFilter\":{\"n\":{\"ComparisonOperator\":\"IN\",\"AttributeValueList\":[{\"N\":\"4\"},{\"N\":\"10\"}]},"
                        + "\"sk\":{\"ComparisonOperator\":\"LE\",\"AttributeValueList\":[{\"N\":\"0\"}]}},\"ConditionalOperator\":\"OR\"",
                "\"ScanFilter\":{\"n\":{\"ComparisonOperator\":\"IN\",\"AttributeValueList\":[{\"N\":\"4\"},{\"N\":\"10\"}]},"
                        + "\"sk\":{\"ComparisonOperator\":\"LE\",\"AttributeValueList\":[{\"N\":\"2\"}]}}",
                "\"ScanFilter\":{\"tags\":{\"ComparisonOperator\":\"NOT_CONTAINS\",\"AttributeValueList\":[{\"S\":\"t0\"}]}},"
                        + "\"AttributesToGet\":[\"pk\",\"tags\"]",
                "\"ScanFilter\":{\"tags\":{\"ComparisonOperator\":\"NULL\"},\"pk\":{\"ComparisonOperator\":\"BEGINS_WITH\","
                        + "\"AttributeValueList\":[{\"S\":\"p1\"}]}}",
        };
        for (String filter : filters) {
            both.sameScanPage("{\"TableName\":\"lp_events\"," + filter + "}");
            both.same("Scan", "{\"TableName\":\"lp_events\"," + filter.replace("\"AttributesToGet\":[\"pk\",\"tags\"]", "\"Limit\":100")
                    + ",\"Select\":\"COUNT\"}");
        }
        both.same("Scan", "{\"TableName\":\"lp_events\",\"ConditionalOperator\":\"OR\"}");
        both.same("Scan", "{\"TableName\":\"lp_events\",\"ScanFilter\":{\"n\":{\"ComparisonOperator\":\"BETWEEN\","
                + "\"AttributeValueList\":[{\"N\":\"4\"}]}}}");
    }

    @Test
    void legacyParametersAndExpressionsDoNotMixInOneRequest() {
        String[][] requests = {
                {"PutItem", "{\"TableName\":\"lp_items\",\"Item\":{\"id\":{\"S\":\"x\"}},\"Expected\":{\"a\":{\"Exists\":false}},"
                        + "\"ConditionExpression\":\"attribute_exists(id)\"}"},
                {"PutItem", "{\"TableName\":\"lp_items\",\"Item\":{\"id\":{\"S\":\"x\"}},\"ConditionalOperator\":\"OR\","
                        + "\"ConditionExpression\":\"attribute_exists(id)\"}"},
                {"PutItem", "{\"TableName\":\"lp_items\",\"Item\":{\"id\":{\"S\":\"x\"}},\"Expected\":{\"a\":{\"Exists\":false}},"
                        + "\"ExpressionAttributeValues\":{\":a\":{\"S\":\"a\"}}}"},
                {"PutItem", "{\"TableName\":\"lp_items\",\"Item\":{\"id\":{\"S\":\"x\"}},\"Expected\":{\"a\":{\"Exists\":false}},"
                        + "\"ExpressionAttributeNames\":{\"#a\":\"a\"}}"},
                {"DeleteItem", "{\"TableName\":\"lp_items\",\"Key\":{\"id\":{\"S\":\"x\"}},\"Expected\":{},"
                        + "\"ConditionExpression\":\"attribute_exists(id)\"}"},
                {"UpdateItem", "{\"TableName\":\"lp_items\",\"Key\":{\"id\":{\"S\":\"x\"}},\"AttributeUpdates\":{},"
                        + "\"UpdateExpression\":\"REMOVE a\"}"},
                {"UpdateItem", "{\"TableName\":\"lp_items\",\"Key\":{\"id\":{\"S\":\"x\"}},\"AttributeUpdates\":{\"a\":{\"Action\":\"DELETE\"}},"
                        + "\"ConditionExpression\":\"attribute_exists(id)\"}"},
                {"UpdateItem", "{\"TableName\":\"lp_items\",\"Key\":{\"id\":{\"S\":\"x\"}},\"Expected\":{\"a\":{\"Exists\":false}},"
                        + "\"UpdateExpression\":\"REMOVE a\"}"},
                {"UpdateItem", "{\"TableName\":\"lp_items\",\"Key\":{\"id\":{\"S\":\"x\"}},\"AttributeUpdates\":{},"
                        + "\"ExpressionAttributeValues\":{\":a\":{\"S\":\"a\"}}}"},
                {"GetItem", "{\"TableName\":\"lp_items\",\"Key\":{\"id\":{\"S\":\"x\"}},\"AttributesToGet\":[\"a\"],\"ProjectionExpression\":\"a\"}"},
                {"GetItem", "{\"TableName\":\"lp_items\",\"Key\":{\"id\":{\"S\":\"x\"}},\"AttributesToGet\":[\"a\"],"
                        + "\"ExpressionAttributeNames\":{\"#a\":\"a\"}}"},
                {"BatchGetItem", "{\"RequestItems\":{\"lp_items\":{\"Keys\":[{\"id\":{\"S\":\"x\"}}],\"AttributesToGet\":[\"a\"],"
                        + "\"ProjectionExpression\":\"a\"}}}"},
                {"Query", "{\"TableName\":\"lp_events\",\"KeyConditions\":{\"pk\":{\"ComparisonOperator\":\"EQ\",\"AttributeValueList\":"
                        + "[{\"S\":\"p1\"}]}},\"KeyConditionExpression\":\"pk = :p\",\"ExpressionAttributeValues\":{\":p\":{\"S\":\"p1\"}}}"},
                {"Query", "{\"TableName\":\"lp_events\",\"KeyConditionExpression\":\"pk = :p\",\"ExpressionAttributeValues\":"
                        + "{\":p\":{\"S\":\"p1\"}},\"QueryFilter\":{\"n\":{\"ComparisonOperator\":\"NOT_NULL\"}}}"},
                {"Query", "{\"TableName\":\"lp_events\",\"KeyConditions\":{\"pk\":{\"ComparisonOperator\":\"EQ\",\"AttributeValueList\":"
                        + "[{\"S\":\"p1\"}]}},\"ExpressionAttributeValues\":{\":p\":{\"S\":\"p1\"}}}"},
                {"Query", "{\"TableName\":\"lp_events\",\"KeyConditions\":{\"pk\":{\"ComparisonOperator\":\"EQ\",\"AttributeValueList\":"
                        + "[{\"S\":\"p1\"}]}},\"QueryFilter\":{\"n\":{\"ComparisonOperator\":\"NOT_NULL\"}},\"ProjectionExpression\":\"n\"}"},
                {"Scan", "{\"TableName\":\"lp_events\",\"ScanFilter\":{},\"FilterExpression\":\"attribute_exists(n)\"}"},
                {"Scan", "{\"TableName\":\"lp_events\",\"AttributesToGet\":[\"n\"],\"FilterExpression\":\"attribute_exists(n)\"}"},
                {"Scan", "{\"TableName\":\"lp_events\",\"ScanFilter\":{},\"ExpressionAttributeNames\":{\"#n\":\"n\"}}"},
        };
        for (String[] r : requests) {
            both.same(r[0], r[1]);
        }
    }

    /**
     * An unknown ComparisonOperator is a model constraint violation in DynamoDB; DynamoDB Local
     * checks mixing first and otherwise answers "Comparison type does not exist in DynamoDB".
     */
    @Test
    void unknownComparisonOperatorIsAConstraintViolation() {
        RawDynamoDb.Response r = dynalog.call("PutItem", "{\"TableName\":\"lp_items\",\"Item\":{\"id\":{\"S\":\"x\"}},"
                + "\"Expected\":{\"a\":{\"ComparisonOperator\":\"LIKE\"}}}");
        assertThat(r.errorType()).isEqualTo("ValidationException");
        assertThat(r.message()).isEqualTo("1 validation error detected: Value 'LIKE' at 'expected.a.member.comparisonOperator' "
                + "failed to satisfy constraint: Member must satisfy enum value set: "
                + "[IN, NULL, BETWEEN, LT, NOT_CONTAINS, EQ, GT, NOT_NULL, NE, LE, BEGINS_WITH, GE, CONTAINS]");
    }
}
