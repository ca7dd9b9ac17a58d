package dev.dynalog.app.it;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/**
 * ReturnItemCollectionMetrics SIZE, as DynamoDB documents it: writes to a table with a local
 * secondary index return their item collection's key and a size estimate in GB; writes to other
 * tables return none. (DynamoDB Local 2.6.1 never returns ItemCollectionMetrics, so this is
 * checked against the documentation, not side by side.)
 */
class ItemCollectionMetricsIT {
    private static RawDynamoDb dynalog;

    @BeforeAll
    static void tables() {
        dynalog = new RawDynamoDb(TestNode.shared().endpoint());
        Differential.awaitActive(dynalog, dynalog.call("CreateTable", """
                {"TableName":"icm_local","BillingMode":"PAY_PER_REQUEST",
                 "KeySchema":[{"AttributeName":"pk","KeyType":"HASH"},{"AttributeName":"sk","KeyType":"RANGE"}],
                 "AttributeDefinitions":[{"AttributeName":"pk","AttributeType":"S"},{"AttributeName":"sk","AttributeType":"S"},
                                         {"AttributeName":"rank","AttributeType":"N"}],
                 "LocalSecondaryIndexes":[{"IndexName":"byRank","Projection":{"ProjectionType":"ALL"},
                   "KeySchema":[{"AttributeName":"pk","KeyType":"HASH"},{"AttributeName":"rank","KeyType":"RANGE"}]}]}"""));
        Differential.awaitActive(dynalog, dynalog.call("CreateTable", """
                {"TableName":"icm_plain","BillingMode":"PAY_PER_REQUEST",
                 "KeySchema":[{"AttributeName":"pk","KeyType":"HASH"},{"AttributeName":"sk","KeyType":"RANGE"}],
                 "AttributeDefinitions":[{"AttributeName":"pk","AttributeType":"S"},{"AttributeName":"sk","AttributeType":"S"}]}"""));
    }

    @Test
    void putUpdateAndDeleteOnATableWithALocalIndexReturnTheCollectionsKeyAndSizeRange() {
        String[][] writes = {
                {"PutItem", "{\"TableName\":\"icm_local\",\"Item\":{\"pk\":{\"S\":\"c1\"},\"sk\":{\"S\":\"a\"},\"rank\":{\"N\":\"3\"}},"
                        + "\"ReturnItemCollectionMetrics\":\"SIZE\"}"},
                {"UpdateItem", "{\"TableName\":\"icm_local\",\"Key\":{\"pk\":{\"S\":\"c1\"},\"sk\":{\"S\":\"b\"}},"
                        + "\"UpdateExpression\":\"SET #r = :r\",\"ExpressionAttributeNames\":{\"#r\":\"rank\"},"
                        + "\"ExpressionAttributeValues\":{\":r\":{\"N\":\"1\"}},\"ReturnItemCollectionMetrics\":\"SIZE\"}"},
                {"DeleteItem", "{\"TableName\":\"icm_local\",\"Key\":{\"pk\":{\"S\":\"c1\"},\"sk\":{\"S\":\"a\"}},"
                        + "\"ReturnItemCollectionMetrics\":\"SIZE\"}"},
        };
        for (String[] w : writes) {
            RawDynamoDb.Response r = dynalog.call(w[0], w[1]);
            assertThat(r.status()).as("%s: %s", w[0], r.body()).isEqualTo(200);
            JsonNode metrics = r.body().path("ItemCollectionMetrics");
            assertThat(metrics.path("ItemCollectionKey").toString()).as(w[0]).isEqualTo("{\"pk\":{\"S\":\"c1\"}}");
            assertThat(metrics.path("SizeEstimateRangeGB").toString()).as(w[0]).isEqualTo("[0.0,1.0]");
        }
    }

    @Test
    void writesToATableWithoutALocalIndexOrWithoutAskingReturnNoMetrics() {
        RawDynamoDb.Response plain = dynalog.call("PutItem", "{\"TableName\":\"icm_plain\",\"Item\":{\"pk\":{\"S\":\"c1\"},"
                + "\"sk\":{\"S\":\"a\"}},\"ReturnItemCollectionMetrics\":\"SIZE\"}");
        RawDynamoDb.Response notAsked = dynalog.call("PutItem", "{\"TableName\":\"icm_local\",\"Item\":{\"pk\":{\"S\":\"c2\"},"
                + "\"sk\":{\"S\":\"a\"}}}");

        assertThat(plain.body().has("ItemCollectionMetrics")).isFalse();
        assertThat(notAsked.status()).isEqualTo(200);
        assertThat(notAsked.body().has("ItemCollectionMetrics")).isFalse();
    }
}
