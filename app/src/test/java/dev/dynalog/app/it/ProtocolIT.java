package dev.dynalog.app.it;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.net.http.HttpRequest;
import java.util.zip.GZIPOutputStream;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/**
 * The JSON 1.0 protocol as DynamoDB speaks it: error types and statuses for what no SDK would
 * send, gzip request bodies, and signed requests accepted.
 */
class ProtocolIT {
    private static RawDynamoDb raw;

    @BeforeAll
    static void table() {
        raw = new RawDynamoDb(TestNode.shared().endpoint());
        RawDynamoDb.Response r = raw.call("CreateTable", """
                {"TableName":"proto","BillingMode":"PAY_PER_REQUEST","KeySchema":[{"AttributeName":"id","KeyType":"HASH"}],
                 "AttributeDefinitions":[{"AttributeName":"id","AttributeType":"S"}]}""");
        assertThat(r.status()).isEqualTo(200);
        Clients.waiter(TestNode.shared().client()).waitUntilTableExists(b -> b.tableName("proto"));
    }

    /** With {@code --auth none} (the default) a request needs no signature at all, as on DynamoDB Local. */
    @Test
    void anUnsignedRequestIsServedWhenAuthenticationIsOff() {
        RawDynamoDb.Response r = raw.send(HttpRequest.newBuilder(TestNode.shared().endpoint())
                .header("X-Amz-Target", "DynamoDB_20120810.DescribeTable")
                .header("Content-Type", "application/x-amz-json-1.0")
                .POST(HttpRequest.BodyPublishers.ofString("{\"TableName\":\"proto\"}"))
                .build());
        assertThat(r.status()).isEqualTo(200);
        assertThat(r.body().path("Table").path("TableName").asText()).isEqualTo("proto");
    }

    /** A header that is not a signature at all is not looked at either. */
    @Test
    void aMeaninglessAuthorizationHeaderIsIgnoredWhenAuthenticationIsOff() {
        RawDynamoDb.Response r = raw.send(HttpRequest.newBuilder(TestNode.shared().endpoint())
                .header("X-Amz-Target", "DynamoDB_20120810.DescribeTable")
                .header("Content-Type", "application/x-amz-json-1.0")
                .header("Authorization", "Basic Zm9vOmJhcg==")
                .POST(HttpRequest.BodyPublishers.ofString("{\"TableName\":\"proto\"}"))
                .build());
        assertThat(r.status()).isEqualTo(200);
    }

    @Test
    void malformedJsonIsASerializationExceptionWith400() {
        // Real DynamoDB answers 400; DynamoDB Local answers 500. We follow DynamoDB.
        RawDynamoDb.Response r = raw.call("PutItem", "{\"TableName\": \"proto\", \"Item\": {");
        assertThat(r.status()).isEqualTo(400);
        assertThat(r.body().path("__type").asText()).isEqualTo("com.amazon.coral.service#SerializationException");
    }

    @Test
    void unknownTargetIsAnUnknownOperationException() {
        RawDynamoDb.Response r = raw.call("MakeCoffee", "{}");
        assertThat(r.status()).isEqualTo(400);
        assertThat(r.body().path("__type").asText()).isEqualTo("com.amazon.coral.service#UnknownOperationException");
    }

    @Test
    void validationErrorsUseTheDynamoDbTypePrefix() {
        RawDynamoDb.Response r = raw.call("GetItem", "{\"TableName\":\"proto\",\"Key\":{\"id\":{\"N\":\"1\"}}}");
        assertThat(r.status()).isEqualTo(400);
        assertThat(r.body().path("__type").asText()).isEqualTo("com.amazonaws.dynamodb.v20120810#ValidationException");
        assertThat(r.message()).isEqualTo("The provided key element does not match the schema");
    }

    @Test
    void missingTableNameListsTheConstraintViolation() {
        RawDynamoDb.Response r = raw.call("DescribeTable", "{}");
        assertThat(r.status()).isEqualTo(400);
        assertThat(r.errorType()).isEqualTo("ValidationException");
        assertThat(r.message()).isEqualTo(
                "1 validation error detected: Value null at 'tableName' failed to satisfy constraint: Member must not be null");
    }

    @Test
    void gzipRequestBodiesAreAccepted() throws IOException {
        byte[] json = "{\"TableName\":\"proto\",\"Item\":{\"id\":{\"S\":\"gz\"},\"v\":{\"N\":\"42\"}}}".getBytes();
        ByteArrayOutputStream zipped = new ByteArrayOutputStream();
        try (GZIPOutputStream gz = new GZIPOutputStream(zipped)) {
            gz.write(json);
        }
        RawDynamoDb.Response put = raw.send(HttpRequest.newBuilder(raw.endpoint())
                .header("X-Amz-Target", "DynamoDB_20120810.PutItem")
                .header("Content-Type", "application/x-amz-json-1.0")
                .header("Content-Encoding", "gzip")
                .POST(HttpRequest.BodyPublishers.ofByteArray(zipped.toByteArray()))
                .build());
        assertThat(put.status()).isEqualTo(200);
        RawDynamoDb.Response get = raw.call("GetItem", "{\"TableName\":\"proto\",\"Key\":{\"id\":{\"S\":\"gz\"}},\"ConsistentRead\":true}");
        assertThat(get.body().path("Item").path("v").path("N").asText()).isEqualTo("42");
    }

    @Test
    void rejectedWriteChangesNothing() {
        raw.call("PutItem", "{\"TableName\":\"proto\",\"Item\":{\"id\":{\"S\":\"keep\"},\"v\":{\"S\":\"original\"}}}");
        RawDynamoDb.Response bad = raw.call("PutItem",
                "{\"TableName\":\"proto\",\"Item\":{\"id\":{\"S\":\"keep\"},\"v\":{\"SS\":[\"dup\",\"dup\"]}}}");
        assertThat(bad.status()).isEqualTo(400);
        RawDynamoDb.Response get = raw.call("GetItem", "{\"TableName\":\"proto\",\"Key\":{\"id\":{\"S\":\"keep\"}},\"ConsistentRead\":true}");
        assertThat(get.body().path("Item").path("v").path("S").asText()).isEqualTo("original");
    }

    @Test
    void writesToAMissingTableAreResourceNotFound() {
        RawDynamoDb.Response r = raw.call("PutItem", "{\"TableName\":\"no_such_table\",\"Item\":{\"id\":{\"S\":\"x\"}}}");
        assertThat(r.status()).isEqualTo(400);
        assertThat(r.errorType()).isEqualTo("ResourceNotFoundException");
        assertThat(r.message()).isEqualTo("Requested resource not found");
    }

    @Test
    void healthCheckAnswersGet() {
        RawDynamoDb.Response r = raw.send(HttpRequest.newBuilder(raw.endpoint()).GET().build());
        assertThat(r.status()).isEqualTo(200);
    }
}
