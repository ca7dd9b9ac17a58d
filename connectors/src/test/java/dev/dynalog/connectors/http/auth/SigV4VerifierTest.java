package dev.dynalog.connectors.http.auth;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.dynalog.core.error.DynamoDbException;
import io.netty.buffer.Unpooled;
import io.netty.handler.codec.http.DefaultFullHttpRequest;
import io.netty.handler.codec.http.FullHttpRequest;
import io.netty.handler.codec.http.HttpMethod;
import io.netty.handler.codec.http.HttpVersion;
import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.Map;
import org.junit.jupiter.api.Test;
import software.amazon.awssdk.http.ContentStreamProvider;
import software.amazon.awssdk.http.SdkHttpMethod;
import software.amazon.awssdk.http.SdkHttpRequest;
import software.amazon.awssdk.http.auth.aws.signer.AwsV4FamilyHttpSigner;
import software.amazon.awssdk.http.auth.aws.signer.AwsV4HttpSigner;
import software.amazon.awssdk.http.auth.spi.signer.HttpSigner;
import software.amazon.awssdk.identity.spi.AwsCredentialsIdentity;

/** Requests signed as the SDK signs them, then verified, tampered with, or signed wrongly. */
class SigV4VerifierTest {
    private static final Instant NOW = Instant.parse("2026-12-04T12:00:00Z");
    private static final AccessKey ALICE = new AccessKey("AKIDALICE", "alice-secret", "alice");
    private static final String BODY = "{\"TableName\":\"Books\"}";

    private final SigV4Verifier verifier = new SigV4Verifier("us-east-1", Map.of(ALICE.accessKeyId(), ALICE)::get,
            Clock.fixed(NOW, ZoneOffset.UTC));

    @Test
    void aRequestSignedWithAKnownKeyVerifiesAsThatKey() {
        assertThat(verifier.verify(signed(ALICE.accessKeyId(), ALICE.secretAccessKey(), "us-east-1", NOW, BODY)))
                .isEqualTo(ALICE);
    }

    /** Signed by botocore 1.43 (boto3, the AWS CLI), which signs only these four headers. */
    @Test
    void aRequestSignedByBotocoreVerifies() {
        FullHttpRequest request = new DefaultFullHttpRequest(HttpVersion.HTTP_1_1, HttpMethod.POST, "/",
                Unpooled.copiedBuffer("{\"TableName\": \"Books\"}", StandardCharsets.UTF_8));
        request.headers().set("X-Amz-Target", "DynamoDB_20120810.GetItem")
                .set("Content-Type", "application/x-amz-json-1.0")
                .set("User-Agent", "Botocore/1.43.11")
                .set("X-Amz-Date", "20261204T183725Z")
                .set("Host", "localhost:8000")
                .set("Authorization", "AWS4-HMAC-SHA256 Credential=AKIDADMIN/20261204/us-east-1/dynamodb/aws4_request, "
                        + "SignedHeaders=content-type;host;x-amz-date;x-amz-target, "
                        + "Signature=7cfc8adbd7516cb52ae7ee8bebe2c4ca6b7207e0ef7b4c5eb4708b212db611db");
        AccessKey admin = new AccessKey("AKIDADMIN", "admin-secret", "admin");
        SigV4Verifier at = new SigV4Verifier("us-east-1", Map.of(admin.accessKeyId(), admin)::get,
                Clock.fixed(Instant.parse("2026-12-04T18:40:00Z"), ZoneOffset.UTC));
        assertThat(at.verify(request)).isEqualTo(admin);
    }

    @Test
    void aWrongSecretIsAnInvalidSignature() {
        assertRejected(signed(ALICE.accessKeyId(), "not-the-secret", "us-east-1", NOW, BODY),
                "InvalidSignatureException", "The request signature we calculated does not match");
    }

    @Test
    void aTamperedBodyIsAnInvalidSignature() {
        FullHttpRequest request = signed(ALICE.accessKeyId(), ALICE.secretAccessKey(), "us-east-1", NOW, BODY);
        request.content().clear().writeBytes("{\"TableName\":\"Other\"}".getBytes(StandardCharsets.UTF_8));
        assertRejected(request, "InvalidSignatureException", "The request signature we calculated does not match");
    }

    @Test
    void aTamperedSignedHeaderIsAnInvalidSignature() {
        FullHttpRequest request = signed(ALICE.accessKeyId(), ALICE.secretAccessKey(), "us-east-1", NOW, BODY);
        request.headers().set("X-Amz-Target", "DynamoDB_20120810.DeleteTable");
        assertRejected(request, "InvalidSignatureException", "The request signature we calculated does not match");
    }

    @Test
    void anUnknownKeyIsAnUnrecognizedClient() {
        assertRejected(signed("AKIDNOBODY", "x", "us-east-1", NOW, BODY), "UnrecognizedClientException",
                "The security token included in the request is invalid.");
    }

    @Test
    void anotherRegionIsAnInvalidSignature() {
        assertRejected(signed(ALICE.accessKeyId(), ALICE.secretAccessKey(), "eu-west-1", NOW, BODY),
                "InvalidSignatureException", "Credential should be scoped to a valid region. ");
    }

    @Test
    void aSignatureOverFifteenMinutesOldHasExpired() {
        assertRejected(signed(ALICE.accessKeyId(), ALICE.secretAccessKey(), "us-east-1",
                        NOW.minus(Duration.ofMinutes(16)), BODY), "InvalidSignatureException",
                "Signature expired: 20261204T114400Z is now earlier than 20261204T114500Z (20261204T120000Z - 15 min.)");
    }

    @Test
    void aSignatureFourteenMinutesOldIsStillGood() {
        assertThat(verifier.verify(signed(ALICE.accessKeyId(), ALICE.secretAccessKey(), "us-east-1",
                NOW.minus(Duration.ofMinutes(14)), BODY))).isEqualTo(ALICE);
    }

    @Test
    void noAuthorizationHeaderIsAMissingToken() {
        FullHttpRequest request = signed(ALICE.accessKeyId(), ALICE.secretAccessKey(), "us-east-1", NOW, BODY);
        request.headers().remove("Authorization");
        assertRejected(request, "MissingAuthenticationTokenException", "Request is missing Authentication Token");
    }

    @Test
    void anAuthorizationHeaderWithoutItsPartsIsIncomplete() {
        FullHttpRequest request = signed(ALICE.accessKeyId(), ALICE.secretAccessKey(), "us-east-1", NOW, BODY);
        request.headers().set("Authorization", "AWS4-HMAC-SHA256 Credential=AKIDALICE/20261204/us-east-1/dynamodb/aws4_request");
        assertRejected(request, "IncompleteSignatureException", "Authorization header requires 'Signature' parameter.");
    }

    private void assertRejected(FullHttpRequest request, String type, String messageStart) {
        assertThatThrownBy(() -> verifier.verify(request))
                .isInstanceOfSatisfying(DynamoDbException.class, e -> {
                    assertThat(e.type()).endsWith("#" + type);
                    assertThat(e.status()).isEqualTo(400);
                    assertThat(e.getMessage()).startsWith(messageStart);
                });
    }

    /** A DynamoDB call as the SDK client sends it, signed by the SDK's signer at {@code at}. */
    private static FullHttpRequest signed(String keyId, String secret, String region, Instant at, String body) {
        SdkHttpRequest unsigned = SdkHttpRequest.builder().method(SdkHttpMethod.POST)
                .uri(URI.create("http://localhost:8000/"))
                .putHeader("Content-Type", "application/x-amz-json-1.0")
                .putHeader("X-Amz-Target", "DynamoDB_20120810.DescribeTable")
                .build();
        SdkHttpRequest signed = AwsV4HttpSigner.create().sign(r -> r
                .identity(AwsCredentialsIdentity.create(keyId, secret))
                .request(unsigned)
                .payload(ContentStreamProvider.fromUtf8String(body))
                .putProperty(AwsV4HttpSigner.REGION_NAME, region)
                .putProperty(AwsV4FamilyHttpSigner.SERVICE_SIGNING_NAME, "dynamodb")
                .putProperty(HttpSigner.SIGNING_CLOCK, Clock.fixed(at, ZoneOffset.UTC))).request();
        FullHttpRequest request = new DefaultFullHttpRequest(HttpVersion.HTTP_1_1, HttpMethod.POST, "/",
                Unpooled.copiedBuffer(body, StandardCharsets.UTF_8));
        signed.forEachHeader((name, values) -> values.forEach(v -> request.headers().add(name, v)));
        request.headers().set("Host", "localhost:8000");
        return request;
    }
}
