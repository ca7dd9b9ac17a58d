package dev.dynalog.bench;

import java.net.URI;
import java.nio.charset.StandardCharsets;
import software.amazon.awssdk.http.ContentStreamProvider;
import software.amazon.awssdk.http.SdkHttpMethod;
import software.amazon.awssdk.http.SdkHttpRequest;
import software.amazon.awssdk.http.auth.aws.signer.AwsV4FamilyHttpSigner;
import software.amazon.awssdk.http.auth.aws.signer.AwsV4HttpSigner;
import software.amazon.awssdk.identity.spi.AwsCredentialsIdentity;

/**
 * Real Signature Version 4 headers for the lean client's requests ({@code --sign-requests}), by
 * the AWS SDK's own signer, with the bench's key {@code AKIDBENCH}/{@code secret}: what a node
 * with {@code --auth sigv4} and that key in its credentials file verifies. Off, the lean client
 * sends a fixed header that only nodes that check nothing accept.
 */
final class RequestSigner {
    static final String ACCESS_KEY_ID = "AKIDBENCH";
    static final String SECRET = "secret";
    private static final AwsV4HttpSigner SIGNER = AwsV4HttpSigner.create();
    private static final AwsCredentialsIdentity IDENTITY = AwsCredentialsIdentity.create(ACCESS_KEY_ID, SECRET);
    private static volatile boolean enabled;

    private RequestSigner() {
    }

    /** Every lean client of this process signs from now on. */
    static void enable() {
        enabled = true;
    }

    static boolean enabled() {
        return enabled;
    }

    /** The header lines the signature adds (Authorization, X-Amz-Date, ...), CRLF-terminated. */
    static byte[] headers(URI endpoint, String target, byte[] body) {
        SdkHttpRequest signed = SIGNER.sign(r -> r.identity(IDENTITY)
                .request(SdkHttpRequest.builder().method(SdkHttpMethod.POST).uri(endpoint)
                        .putHeader("Content-Type", "application/x-amz-json-1.0")
                        .putHeader("X-Amz-Target", target).build())
                .payload(ContentStreamProvider.fromByteArrayUnsafe(body))
                .putProperty(AwsV4HttpSigner.REGION_NAME, "us-east-1")
                .putProperty(AwsV4FamilyHttpSigner.SERVICE_SIGNING_NAME, "dynamodb")).request();
        StringBuilder lines = new StringBuilder();
        signed.forEachHeader((name, values) -> {
            if (!name.equalsIgnoreCase("Host") && !name.equalsIgnoreCase("Content-Type")
                    && !name.equalsIgnoreCase("X-Amz-Target")) {
                values.forEach(v -> lines.append(name).append(": ").append(v).append("\r\n"));
            }
        });
        return lines.toString().getBytes(StandardCharsets.US_ASCII);
    }
}
