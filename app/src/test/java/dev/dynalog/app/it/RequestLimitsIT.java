package dev.dynalog.app.it;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.net.Socket;
import java.nio.charset.StandardCharsets;
import java.util.Arrays;
import java.util.HashMap;
import java.util.Locale;
import java.util.Map;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import software.amazon.awssdk.services.dynamodb.DynamoDbClient;
import software.amazon.awssdk.services.dynamodb.model.AttributeValue;
import software.amazon.awssdk.services.dynamodb.model.BillingMode;
import software.amazon.awssdk.services.dynamodb.model.DynamoDbException;
import software.amazon.awssdk.services.dynamodb.model.KeyType;
import software.amazon.awssdk.services.dynamodb.model.ScalarAttributeType;

/**
 * DynamoDB's limits at the front door, each answered with DynamoDB's error on a connection that
 * stays usable: 16 MB bodies (with a length or chunked), 32 levels of nesting, 64 KB attribute
 * names, and expressions whose parentheses are nested thousands deep.
 */
class RequestLimitsIT {
    private static final String TABLE = "limits";
    private static DynamoDbClient db;

    @BeforeAll
    static void table() {
        db = TestNode.shared().client();
        db.createTable(b -> b.tableName(TABLE).billingMode(BillingMode.PAY_PER_REQUEST)
                .keySchema(k -> k.attributeName("id").keyType(KeyType.HASH))
                .attributeDefinitions(a -> a.attributeName("id").attributeType(ScalarAttributeType.S)));
        Clients.waiter(db).waitUntilTableExists(b -> b.tableName(TABLE));
    }

    @Test
    void aBodyOverSixteenMegabytesIs413AndTheConnectionServesTheNextRequest() throws Exception {
        try (Socket socket = new Socket(TestNode.shared().endpoint().getHost(), TestNode.shared().endpoint().getPort())) {
            byte[] body = new byte[17 * 1024 * 1024];
            Arrays.fill(body, (byte) ' ');
            send(socket, "Content-Length: " + body.length + "\r\n", body);
            Reply tooLarge = read(socket.getInputStream());
            assertThat(tooLarge.status()).isEqualTo(413);
            assertThat(tooLarge.body()).contains("RequestEntityTooLarge");
            send(socket, "Content-Length: 2\r\n", "{}".getBytes(StandardCharsets.UTF_8));
            Reply next = read(socket.getInputStream());
            assertThat(next.status()).isEqualTo(200);
            assertThat(next.body()).contains("TableNames");
        }
    }

    @Test
    void aChunkedBodyOverSixteenMegabytesIs413AndTheConnectionServesTheNextRequest() throws Exception {
        try (Socket socket = new Socket(TestNode.shared().endpoint().getHost(), TestNode.shared().endpoint().getPort())) {
            ByteArrayOutputStream chunked = new ByteArrayOutputStream();
            byte[] chunk = new byte[1024 * 1024];
            Arrays.fill(chunk, (byte) ' ');
            for (int i = 0; i < 17; i++) {
                chunked.write((Integer.toHexString(chunk.length) + "\r\n").getBytes(StandardCharsets.US_ASCII));
                chunked.write(chunk);
                chunked.write("\r\n".getBytes(StandardCharsets.US_ASCII));
            }
            chunked.write("0\r\n\r\n".getBytes(StandardCharsets.US_ASCII));
            send(socket, "Transfer-Encoding: chunked\r\n", chunked.toByteArray());
            assertThat(read(socket.getInputStream()).status()).isEqualTo(413);
            send(socket, "Content-Length: 2\r\n", "{}".getBytes(StandardCharsets.UTF_8));
            assertThat(read(socket.getInputStream()).status()).isEqualTo(200);
        }
    }

    /**
     * Read back raw: the SDK v2 writes such a name but cannot read one (its shaded Jackson stops
     * names at 50,000 characters), a limit of that client, not of DynamoDB's API.
     */
    @Test
    void anAttributeNameOf65535BytesIsStoredAndReadBack() {
        String name = "n".repeat(65535);
        db.putItem(b -> b.tableName(TABLE).item(Map.of("id", s("long-name"), name, s("x"))));
        RawDynamoDb.Response r = new RawDynamoDb(TestNode.shared().endpoint()).call("GetItem",
                "{\"TableName\":\"" + TABLE + "\",\"Key\":{\"id\":{\"S\":\"long-name\"}},\"ConsistentRead\":true}");
        assertThat(r.status()).isEqualTo(200);
        assertThat(r.body().path("Item").path(name).path("S").asText()).isEqualTo("x");
    }

    @Test
    void substitutionVariablesOverTwoMegabytesAreAValidationExceptionAndChangeNothing() {
        StringBuilder values = new StringBuilder();
        StringBuilder condition = new StringBuilder();
        for (int i = 0; i < 6; i++) {
            values.append(i == 0 ? "" : ",").append("\":v").append(i).append("\":{\"S\":\"")
                    .append("x".repeat(400_000)).append("\"}");
            condition.append(i == 0 ? "" : " OR ").append("attribute_not_exists(id) OR v <> :v").append(i);
        }
        RawDynamoDb.Response r = new RawDynamoDb(TestNode.shared().endpoint()).call("PutItem",
                "{\"TableName\":\"" + TABLE + "\",\"Item\":{\"id\":{\"S\":\"too-many-values\"}},"
                        + "\"ConditionExpression\":\"" + condition + "\",\"ExpressionAttributeValues\":{" + values + "}}");

        assertThat(r.status()).isEqualTo(400);
        assertThat(r.body().path("__type").asText()).endsWith("#ValidationException");
        assertThat(r.body().path("message").asText()).contains("2 MB");
        assertThat(db.getItem(b -> b.tableName(TABLE).key(Map.of("id", s("too-many-values"))).consistentRead(true))
                .hasItem()).isFalse();
    }

    @Test
    void aConditionOf4096OpenParenthesesIsAValidationException() {
        assertThatThrownBy(() -> db.updateItem(b -> b.tableName(TABLE).key(Map.of("id", s("p")))
                .updateExpression("SET a = :v").conditionExpression("(".repeat(4096))
                .expressionAttributeValues(Map.of(":v", s("x")))))
                .isInstanceOfSatisfying(DynamoDbException.class, e -> {
                    assertThat(e.awsErrorDetails().errorCode()).isEqualTo("ValidationException");
                    assertThat(e.awsErrorDetails().errorMessage())
                            .isEqualTo("Invalid ConditionExpression: Syntax error; token: \"<EOF>\", near: \"(\"");
                });
        assertThat(db.getItem(b -> b.tableName(TABLE).key(Map.of("id", s("p"))).consistentRead(true)).hasItem()).isFalse();
    }

    @Test
    void anItemNestedThirtyThreeLevelsDeepIsAValidationException() {
        AttributeValue value = s("leaf");
        for (int i = 0; i < 32; i++) {
            value = AttributeValue.fromM(Map.of("m", value));
        }
        AttributeValue deep = value;
        assertThatThrownBy(() -> db.putItem(b -> b.tableName(TABLE).item(Map.of("id", s("deep"), "d", deep))))
                .isInstanceOfSatisfying(DynamoDbException.class, e -> assertThat(e.awsErrorDetails().errorMessage())
                        .isEqualTo("Nesting Levels have exceeded supported limits: Attributes in the item have nested "
                                + "levels beyond supported limit"));
        assertThat(db.getItem(b -> b.tableName(TABLE).key(Map.of("id", s("deep"))).consistentRead(true)).hasItem()).isFalse();
    }

    private record Reply(int status, String body) {
    }

    private static void send(Socket socket, String bodyHeader, byte[] body) throws IOException {
        OutputStream out = socket.getOutputStream();
        out.write(("POST / HTTP/1.1\r\nHost: localhost\r\nX-Amz-Target: DynamoDB_20120810.ListTables\r\n"
                + "Content-Type: application/x-amz-json-1.0\r\nConnection: keep-alive\r\n" + bodyHeader + "\r\n")
                .getBytes(StandardCharsets.US_ASCII));
        out.write(body);
        out.flush();
    }

    /** One HTTP/1.1 response with a Content-Length body. */
    private static Reply read(InputStream in) throws IOException {
        String statusLine = line(in);
        Map<String, String> headers = new HashMap<>();
        for (String h = line(in); !h.isEmpty(); h = line(in)) {
            int colon = h.indexOf(':');
            headers.put(h.substring(0, colon).strip().toLowerCase(Locale.ROOT), h.substring(colon + 1).strip());
        }
        byte[] body = in.readNBytes(Integer.parseInt(headers.getOrDefault("content-length", "0")));
        return new Reply(Integer.parseInt(statusLine.split(" ")[1]), new String(body, StandardCharsets.UTF_8));
    }

    private static String line(InputStream in) throws IOException {
        StringBuilder s = new StringBuilder();
        for (int c = in.read(); c != '\n'; c = in.read()) {
            if (c < 0) {
                throw new IOException("connection closed after: " + s);
            }
            if (c != '\r') {
                s.append((char) c);
            }
        }
        return s.toString();
    }

    private static AttributeValue s(String value) {
        return AttributeValue.fromS(value);
    }
}
