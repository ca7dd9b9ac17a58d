package dev.dynalog.app.it;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import dev.dynalog.app.AdminClient;
import dev.dynalog.app.node.NodeConfig;
import java.io.IOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import software.amazon.awssdk.auth.credentials.AwsBasicCredentials;
import software.amazon.awssdk.auth.credentials.StaticCredentialsProvider;
import software.amazon.awssdk.core.retry.RetryPolicy;
import software.amazon.awssdk.http.ContentStreamProvider;
import software.amazon.awssdk.http.SdkHttpMethod;
import software.amazon.awssdk.http.SdkHttpRequest;
import software.amazon.awssdk.http.auth.aws.signer.AwsV4FamilyHttpSigner;
import software.amazon.awssdk.http.auth.aws.signer.AwsV4HttpSigner;
import software.amazon.awssdk.http.auth.spi.signer.HttpSigner;
import software.amazon.awssdk.http.urlconnection.UrlConnectionHttpClient;
import software.amazon.awssdk.identity.spi.AwsCredentialsIdentity;
import software.amazon.awssdk.regions.Region;
import software.amazon.awssdk.services.dynamodb.DynamoDbClient;
import software.amazon.awssdk.services.dynamodb.model.AttributeValue;
import software.amazon.awssdk.services.dynamodb.model.BillingMode;
import software.amazon.awssdk.services.dynamodb.model.DynamoDbException;
import software.amazon.awssdk.services.dynamodb.model.KeyType;
import software.amazon.awssdk.services.dynamodb.model.ScalarAttributeType;

/**
 * A node started with {@code --auth sigv4}, credentials and a policy file, called as users call
 * DynamoDB: by the AWS SDK v2, boto3 and the AWS CLI (each skipped, saying so, where it is not
 * installed), and by hand-signed requests for what no SDK sends (an old timestamp, a tampered
 * body).
 */
class FrontDoorIT {
    private static final String POLICY = """
            {"Version": "2012-10-17", "Statement": [
              {"Sid": "admin may do everything", "Effect": "Allow", "Principal": {"AWS": "admin"},
               "Action": ["dynamodb:*", "dynalog:*"], "Resource": "*"},
              {"Sid": "reader may read Books", "Effect": "Allow", "Principal": {"AWS": "reader"},
               "Action": "dynamodb:GetItem", "Resource": "arn:aws:dynamodb:*:*:table/Books"},
              {"Sid": "querier may SELECT from Books", "Effect": "Allow", "Principal": {"AWS": "querier"},
               "Action": "dynamodb:PartiQLSelect", "Resource": "arn:aws:dynamodb:*:*:table/Books"},
              {"Effect": "Allow", "Principal": {"AWS": "writer"}, "Action": "dynamodb:*",
               "Resource": "arn:aws:dynamodb:*:*:table/*"},
              {"Sid": "but writer may not delete", "Effect": "Deny", "Principal": {"AWS": "writer"},
               "Action": ["dynamodb:DeleteItem", "dynamodb:DeleteTable"], "Resource": "*"}]}
            """;
    private static Path dir;
    private static Path credentials;
    private static TestNode node;
    private static DynamoDbClient admin;

    @BeforeAll
    static void start() throws Exception {
        dir = Files.createTempDirectory("dynalog-front-door-");
        credentials = dir.resolve("credentials");
        Files.writeString(credentials, """
                # access key id      secret                  principal
                AKIDADMIN            admin-secret            admin
                AKIDREADER           reader-secret           reader
                AKIDWRITER           writer-secret           writer
                AKIDQUERIER          querier-secret          querier
                """);
        Path policy = dir.resolve("policy.json");
        Files.writeString(policy, POLICY);
        node = TestNode.start(dir.resolve("data"), c -> c.withFrontDoor(
                new NodeConfig.FrontDoor(true, credentials, policy, List.of("https://app.example.com"))));
        admin = client("AKIDADMIN", "admin-secret", Region.US_EAST_1);
        for (String table : List.of("Books", "Other")) {
            admin.createTable(b -> b.tableName(table).billingMode(BillingMode.PAY_PER_REQUEST)
                    .keySchema(k -> k.attributeName("isbn").keyType(KeyType.HASH))
                    .attributeDefinitions(a -> a.attributeName("isbn").attributeType(ScalarAttributeType.S)));
            Clients.waiter(admin).waitUntilTableExists(b -> b.tableName(table));
            admin.putItem(b -> b.tableName(table).item(Map.of("isbn", s("1"), "title", s("Dune"))));
        }
    }

    @AfterAll
    static void stop() {
        if (node != null) {
            node.close();
        }
    }

    @Test
    void requestsSignedByTheSdkWithAKnownKeyAreServed() {
        assertThat(admin.getItem(b -> b.tableName("Books").key(Map.of("isbn", s("1"))).consistentRead(true)).item())
                .containsEntry("title", s("Dune"));
    }

    @Test
    void aWrongSecretIsAnInvalidSignature() {
        assertRefused(client("AKIDADMIN", "not-the-secret", Region.US_EAST_1), "InvalidSignatureException",
                "The request signature we calculated does not match the signature you provided. Check your AWS Secret "
                        + "Access Key and signing method. Consult the service documentation for details.");
    }

    @Test
    void anUnknownAccessKeyIsAnUnrecognizedClient() {
        assertRefused(client("AKIDNOBODY", "x", Region.US_EAST_1), "UnrecognizedClientException",
                "The security token included in the request is invalid.");
    }

    @Test
    void aSignatureForAnotherRegionIsAnInvalidSignature() {
        assertRefused(client("AKIDADMIN", "admin-secret", Region.EU_WEST_1), "InvalidSignatureException",
                "Credential should be scoped to a valid region. ");
    }

    @Test
    void aTamperedBodyIsAnInvalidSignature() throws Exception {
        String body = "{\"TableName\":\"Books\",\"Key\":{\"isbn\":{\"S\":\"1\"}}}";
        HttpRequest.Builder signed = signedByHand("AKIDADMIN", "admin-secret", Instant.now(), "GetItem", body);
        HttpResponse<String> r = send(signed.POST(HttpRequest.BodyPublishers.ofString(body.replace("Books", "Other"))));
        assertThat(r.statusCode()).isEqualTo(400);
        assertThat(r.body()).contains("InvalidSignatureException").contains("does not match the signature you provided");
    }

    @Test
    void aRequestSignedSixteenMinutesAgoHasExpired() throws Exception {
        String body = "{\"TableName\":\"Books\",\"Key\":{\"isbn\":{\"S\":\"1\"}}}";
        HttpResponse<String> r = send(signedByHand("AKIDADMIN", "admin-secret", Instant.now().minus(Duration.ofMinutes(16)),
                "GetItem", body).POST(HttpRequest.BodyPublishers.ofString(body)));
        assertThat(r.statusCode()).isEqualTo(400);
        assertThat(r.body()).contains("InvalidSignatureException").contains("Signature expired: ")
                .contains(" - 15 min.)");
    }

    @Test
    void anUnsignedRequestIsMissingItsToken() throws Exception {
        HttpResponse<String> r = send(HttpRequest.newBuilder(node.endpoint())
                .header("X-Amz-Target", "DynamoDB_20120810.ListTables")
                .header("Content-Type", "application/x-amz-json-1.0")
                .POST(HttpRequest.BodyPublishers.ofString("{}")));
        assertThat(r.statusCode()).isEqualTo(400);
        assertThat(r.body()).contains("MissingAuthenticationTokenException").contains("Request is missing Authentication Token");
    }

    @Test
    void aPrincipalAllowedOnlyGetItemOnOneTableIsRefusedEverythingElse() {
        DynamoDbClient reader = client("AKIDREADER", "reader-secret", Region.US_EAST_1);
        assertThat(reader.getItem(b -> b.tableName("Books").key(Map.of("isbn", s("1")))).item()).isNotEmpty();
        assertThatThrownBy(() -> reader.putItem(b -> b.tableName("Books").item(Map.of("isbn", s("2")))))
                .isInstanceOfSatisfying(DynamoDbException.class, e -> {
                    assertThat(e.awsErrorDetails().errorCode()).isEqualTo("AccessDeniedException");
                    assertThat(e.statusCode()).isEqualTo(400);
                    assertThat(e.awsErrorDetails().errorMessage()).isEqualTo("User: arn:aws:iam::000000000000:user/reader "
                            + "is not authorized to perform: dynamodb:PutItem on resource: "
                            + "arn:aws:dynamodb:us-east-1:000000000000:table/Books because no resource-based policy "
                            + "allows the dynamodb:PutItem action");
                });
        assertThatThrownBy(() -> reader.getItem(b -> b.tableName("Other").key(Map.of("isbn", s("1")))))
                .isInstanceOfSatisfying(DynamoDbException.class, e -> assertThat(e.awsErrorDetails().errorMessage())
                        .contains("dynamodb:GetItem on resource: arn:aws:dynamodb:us-east-1:000000000000:table/Other"));
        assertThatThrownBy(() -> reader.batchGetItem(b -> b.requestItems(Map.of("Books",
                software.amazon.awssdk.services.dynamodb.model.KeysAndAttributes.builder()
                        .keys(Map.of("isbn", s("1"))).build()))))
                .isInstanceOfSatisfying(DynamoDbException.class, e -> assertThat(e.awsErrorDetails().errorCode())
                        .isEqualTo("AccessDeniedException"));
        assertThat(admin.getItem(b -> b.tableName("Books").key(Map.of("isbn", s("2"))).consistentRead(true)).hasItem())
                .isFalse();
    }

    @Test
    void aPartiQlStatementNeedsThePartiQlActionOfItsKindOnItsTable() {
        DynamoDbClient querier = client("AKIDQUERIER", "querier-secret", Region.US_EAST_1);
        assertThat(querier.executeStatement(b -> b.statement("SELECT title FROM Books WHERE isbn = '1'")).items())
                .containsExactly(Map.of("title", s("Dune")));
        assertThatThrownBy(() -> querier.executeStatement(b -> b.statement("INSERT INTO Books VALUE {'isbn': 'q'}")))
                .isInstanceOfSatisfying(DynamoDbException.class, e -> assertThat(e.awsErrorDetails().errorMessage())
                        .isEqualTo("User: arn:aws:iam::000000000000:user/querier is not authorized to perform: "
                                + "dynamodb:PartiQLInsert on resource: arn:aws:dynamodb:us-east-1:000000000000:table/Books "
                                + "because no resource-based policy allows the dynamodb:PartiQLInsert action"));
        assertThatThrownBy(() -> querier.executeStatement(b -> b.statement("SELECT * FROM Other WHERE isbn = '1'")))
                .isInstanceOfSatisfying(DynamoDbException.class, e -> assertThat(e.awsErrorDetails().errorMessage())
                        .contains("dynamodb:PartiQLSelect on resource: arn:aws:dynamodb:us-east-1:000000000000:table/Other"));
        DynamoDbClient reader = client("AKIDREADER", "reader-secret", Region.US_EAST_1);
        assertThatThrownBy(() -> reader.executeStatement(b -> b.statement("SELECT * FROM Books WHERE isbn = '1'")))
                .as("GetItem does not allow a SELECT").isInstanceOfSatisfying(DynamoDbException.class,
                        e -> assertThat(e.awsErrorDetails().errorCode()).isEqualTo("AccessDeniedException"));
        assertThat(admin.getItem(b -> b.tableName("Books").key(Map.of("isbn", s("q"))).consistentRead(true)).hasItem())
                .isFalse();
    }

    @Test
    void theAdminCommandsSignWithTheEnvironmentsKeyAsTheAwsCliDoes() throws Exception {
        URI endpoint = node.endpoint();
        AdminClient signed = new AdminClient(endpoint, Map.of("AWS_ACCESS_KEY_ID", "AKIDADMIN",
                "AWS_SECRET_ACCESS_KEY", "admin-secret", "AWS_REGION", "us-east-1"));
        assertThat(signed.post("ListSnapshots", AdminClient.newRequest()).isObject()).isTrue();

        AdminClient unsigned = new AdminClient(endpoint, Map.of());
        assertThatThrownBy(() -> unsigned.post("ListSnapshots", AdminClient.newRequest()))
                .isInstanceOfSatisfying(AdminClient.ErrorAnswer.class,
                        e -> assertThat(e.type()).endsWith("MissingAuthenticationTokenException"));
        AdminClient reader = new AdminClient(endpoint, Map.of("AWS_ACCESS_KEY_ID", "AKIDREADER",
                "AWS_SECRET_ACCESS_KEY", "reader-secret"));
        assertThatThrownBy(() -> reader.post("ListSnapshots", AdminClient.newRequest()))
                .isInstanceOfSatisfying(AdminClient.ErrorAnswer.class,
                        e -> assertThat(e.type()).endsWith("AccessDeniedException"));
    }

    @Test
    void anExplicitDenyBeatsAnAllow() {
        DynamoDbClient writer = client("AKIDWRITER", "writer-secret", Region.US_EAST_1);
        writer.putItem(b -> b.tableName("Other").item(Map.of("isbn", s("w"))));
        assertThatThrownBy(() -> writer.deleteItem(b -> b.tableName("Other").key(Map.of("isbn", s("w")))))
                .isInstanceOfSatisfying(DynamoDbException.class, e -> assertThat(e.awsErrorDetails().errorMessage())
                        .isEqualTo("User: arn:aws:iam::000000000000:user/writer is not authorized to perform: "
                                + "dynamodb:DeleteItem on resource: arn:aws:dynamodb:us-east-1:000000000000:table/Other "
                                + "with an explicit deny in a resource-based policy"));
        assertThat(admin.getItem(b -> b.tableName("Other").key(Map.of("isbn", s("w"))).consistentRead(true)).hasItem())
                .isTrue();
    }

    @Test
    void aKeyAddedToTheCredentialsFileIsKnownWithoutARestart() throws Exception {
        Files.writeString(credentials, "AKIDLATER later-secret admin\n", StandardOpenOption.APPEND);
        DynamoDbClient later = client("AKIDLATER", "later-secret", Region.US_EAST_1);
        long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(10);
        while (true) {
            try {
                assertThat(later.listTables().tableNames()).contains("Books");
                return;
            } catch (DynamoDbException e) {
                if (System.nanoTime() > deadline || !e.awsErrorDetails().errorCode().equals("UnrecognizedClientException")) {
                    throw e;
                }
                Thread.sleep(100);
            }
        }
    }

    @Test
    void aPreflightFromAnAllowedOriginIsAnsweredAndOthersGetNoCorsHeaders() throws Exception {
        HttpResponse<String> allowed = send(preflight("https://app.example.com"));
        assertThat(allowed.statusCode()).isEqualTo(200);
        assertThat(allowed.headers().firstValue("Access-Control-Allow-Origin")).hasValue("https://app.example.com");
        assertThat(allowed.headers().firstValue("Access-Control-Allow-Methods").orElse("")).contains("POST");
        assertThat(allowed.headers().firstValue("Access-Control-Allow-Headers").orElse(""))
                .contains("authorization").contains("x-amz-target");
        HttpResponse<String> other = send(preflight("https://evil.example.com"));
        assertThat(other.headers().firstValue("Access-Control-Allow-Origin")).isEmpty();

        String body = "{\"TableName\":\"Books\",\"Key\":{\"isbn\":{\"S\":\"1\"}}}";
        HttpResponse<String> actual = send(signedByHand("AKIDADMIN", "admin-secret", Instant.now(), "GetItem", body)
                .header("Origin", "https://app.example.com").POST(HttpRequest.BodyPublishers.ofString(body)));
        assertThat(actual.statusCode()).isEqualTo(200);
        assertThat(actual.headers().firstValue("Access-Control-Allow-Origin")).hasValue("https://app.example.com");
        assertThat(actual.headers().firstValue("Access-Control-Expose-Headers").orElse("")).contains("x-amzn-RequestId");
    }

    @Test
    void boto3SignedRequestsAreServedAndAWrongSecretIsRefused() throws Exception {
        assumeTrue(runs("python3", "-c", "import boto3"), "boto3 is not installed here: skipped");
        String script = """
                import boto3, sys
                def db(secret):
                    return boto3.client("dynamodb", endpoint_url=sys.argv[1], region_name="us-east-1",
                                        aws_access_key_id="AKIDADMIN", aws_secret_access_key=secret)
                print(db("admin-secret").get_item(TableName="Books", Key={"isbn": {"S": "1"}})["Item"]["title"]["S"])
                try:
                    db("wrong").get_item(TableName="Books", Key={"isbn": {"S": "1"}})
                except Exception as e:
                    print(e.response["Error"]["Code"])
                """;
        Process p = new ProcessBuilder("python3", "-c", script, node.endpoint().toString()).redirectErrorStream(true).start();
        String out = new String(p.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
        assertThat(p.waitFor()).as(out).isZero();
        assertThat(out.lines()).containsExactly("Dune", "InvalidSignatureException");
    }

    @Test
    void awsCliSignedRequestsAreServed() throws Exception {
        assumeTrue(runs("aws", "--version"), "the AWS CLI is not installed here: skipped");
        ProcessBuilder pb = new ProcessBuilder("aws", "dynamodb", "get-item", "--table-name", "Books",
                "--key", "{\"isbn\": {\"S\": \"1\"}}", "--endpoint-url", node.endpoint().toString(), "--output", "text",
                "--query", "Item.title.S").redirectErrorStream(true);
        pb.environment().putAll(Map.of("AWS_ACCESS_KEY_ID", "AKIDREADER", "AWS_SECRET_ACCESS_KEY", "reader-secret",
                "AWS_DEFAULT_REGION", "us-east-1"));
        Process p = pb.start();
        String out = new String(p.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
        assertThat(p.waitFor()).as(out).isZero();
        assertThat(out.strip()).isEqualTo("Dune");
        pb.environment().put("AWS_SECRET_ACCESS_KEY", "wrong");
        Process wrong = pb.start();
        String refused = new String(wrong.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
        assertThat(wrong.waitFor()).isNotZero();
        assertThat(refused).contains("InvalidSignatureException");
    }

    private static boolean runs(String... command) {
        try {
            Process p = new ProcessBuilder(command).redirectErrorStream(true).start();
            p.getInputStream().readAllBytes();
            return p.waitFor() == 0;
        } catch (IOException e) {
            return false;
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            return false;
        }
    }

    private static HttpRequest.Builder preflight(String origin) {
        return HttpRequest.newBuilder(node.endpoint())
                .header("Origin", origin)
                .header("Access-Control-Request-Method", "POST")
                .header("Access-Control-Request-Headers", "authorization,content-type,x-amz-date,x-amz-target")
                .method("OPTIONS", HttpRequest.BodyPublishers.noBody());
    }

    private static void assertRefused(DynamoDbClient client, String code, String message) {
        assertThatThrownBy(client::listTables).isInstanceOfSatisfying(DynamoDbException.class, e -> {
            assertThat(e.awsErrorDetails().errorCode()).isEqualTo(code);
            assertThat(e.statusCode()).isEqualTo(400);
            assertThat(e.awsErrorDetails().errorMessage()).isEqualTo(message);
        });
    }

    /** A request signed by the SDK's signer as of {@code at}, before its body is (maybe) swapped. */
    private static HttpRequest.Builder signedByHand(String keyId, String secret, Instant at, String operation,
                                                    String body) {
        URI endpoint = node.endpoint();
        SdkHttpRequest signed = AwsV4HttpSigner.create().sign(r -> r
                .identity(AwsCredentialsIdentity.create(keyId, secret))
                .request(SdkHttpRequest.builder().method(SdkHttpMethod.POST).uri(endpoint)
                        .putHeader("Content-Type", "application/x-amz-json-1.0")
                        .putHeader("X-Amz-Target", "DynamoDB_20120810." + operation).build())
                .payload(ContentStreamProvider.fromUtf8String(body))
                .putProperty(AwsV4HttpSigner.REGION_NAME, "us-east-1")
                .putProperty(AwsV4FamilyHttpSigner.SERVICE_SIGNING_NAME, "dynamodb")
                .putProperty(HttpSigner.SIGNING_CLOCK, Clock.fixed(at, ZoneOffset.UTC))).request();
        HttpRequest.Builder request = HttpRequest.newBuilder(endpoint);
        signed.forEachHeader((name, values) -> {
            if (!name.equalsIgnoreCase("Host")) {
                values.forEach(v -> request.header(name, v));
            }
        });
        return request;
    }

    private static HttpResponse<String> send(HttpRequest.Builder request) throws Exception {
        return HttpClient.newHttpClient().send(request.build(), HttpResponse.BodyHandlers.ofString());
    }

    private static DynamoDbClient client(String keyId, String secret, Region region) {
        return DynamoDbClient.builder()
                .endpointOverride(node.endpoint())
                .region(region)
                .credentialsProvider(StaticCredentialsProvider.create(AwsBasicCredentials.create(keyId, secret)))
                .httpClient(UrlConnectionHttpClient.builder().socketTimeout(Duration.ofSeconds(60)).build())
                .overrideConfiguration(o -> o.retryPolicy(RetryPolicy.none()))
                .build();
    }

    private static AttributeValue s(String value) {
        return AttributeValue.fromS(value);
    }
}
