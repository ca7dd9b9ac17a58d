package dev.dynalog.app;

import java.net.URI;
import java.net.http.HttpRequest;
import java.util.Map;
import java.util.Optional;
import software.amazon.awssdk.http.ContentStreamProvider;
import software.amazon.awssdk.http.SdkHttpMethod;
import software.amazon.awssdk.http.SdkHttpRequest;
import software.amazon.awssdk.http.auth.aws.signer.AwsV4FamilyHttpSigner;
import software.amazon.awssdk.http.auth.aws.signer.AwsV4HttpSigner;
import software.amazon.awssdk.identity.spi.AwsCredentialsIdentity;

/**
 * Signs the admin commands' requests with Signature Version 4, as the AWS CLI signs its own, from
 * the same environment variables ({@code AWS_ACCESS_KEY_ID}, {@code AWS_SECRET_ACCESS_KEY},
 * {@code AWS_REGION} or {@code AWS_DEFAULT_REGION}, us-east-1 if neither): so {@code dynalog
 * export}, {@code restore} and the others work against a node run with {@code --auth sigv4}.
 * Without a key in the environment requests go unsigned, as a node with {@code --auth none} takes them.
 */
final class AdminSigner {
    private static final AwsV4HttpSigner SIGNER = AwsV4HttpSigner.create();

    private final AwsCredentialsIdentity identity;
    private final String region;

    private AdminSigner(AwsCredentialsIdentity identity, String region) {
        this.identity = identity;
        this.region = region;
    }

    /** The signer the environment's key makes, or empty if it has none. */
    static Optional<AdminSigner> fromEnvironment(Map<String, String> env) {
        String key = env.get("AWS_ACCESS_KEY_ID");
        String secret = env.get("AWS_SECRET_ACCESS_KEY");
        if (key == null || key.isBlank() || secret == null) {
            return Optional.empty();
        }
        String region = env.getOrDefault("AWS_REGION", env.getOrDefault("AWS_DEFAULT_REGION", "us-east-1"));
        return Optional.of(new AdminSigner(AwsCredentialsIdentity.create(key, secret), region));
    }

    /** Adds the signature's headers (Authorization, X-Amz-Date, X-Amz-Content-Sha256) for this POST. */
    void sign(HttpRequest.Builder request, URI uri, Map<String, String> headers, byte[] body) {
        SdkHttpRequest.Builder unsigned = SdkHttpRequest.builder().method(SdkHttpMethod.POST).uri(uri);
        headers.forEach(unsigned::putHeader);
        SdkHttpRequest signed = SIGNER.sign(r -> r.identity(identity)
                .request(unsigned.build())
                .payload(ContentStreamProvider.fromByteArrayUnsafe(body))
                .putProperty(AwsV4HttpSigner.REGION_NAME, region)
                .putProperty(AwsV4FamilyHttpSigner.SERVICE_SIGNING_NAME, "dynamodb")).request();
        signed.forEachHeader((name, values) -> {
            // The JDK's client sets Host itself and refuses to be given it.
            if (!name.equalsIgnoreCase("Host") && !headers.containsKey(name)) {
                values.forEach(v -> request.header(name, v));
            }
        });
    }
}
