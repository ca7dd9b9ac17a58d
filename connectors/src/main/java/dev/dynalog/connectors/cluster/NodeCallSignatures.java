package dev.dynalog.connectors.cluster;

import java.net.http.HttpRequest;
import java.nio.charset.StandardCharsets;
import java.security.GeneralSecurityException;
import java.security.MessageDigest;
import java.time.Clock;
import java.util.HexFormat;
import java.util.List;
import java.util.function.Supplier;
import javax.crypto.Mac;
import javax.crypto.spec.SecretKeySpec;

/**
 * Signatures on the calls nodes of a cluster make to each other ({@code POST /internal/...}):
 * an HMAC-SHA256, under the cluster's key ({@link ClusterKeys}), of the path, the sender's clock
 * and the body's SHA-256. A receiver accepts a call signed with a key it knows, sent within five
 * minutes of its own clock (DynamoDB's own limit for a signed request's age), so that no client
 * can hand a node forged results or read past the front door's authentication and permissions.
 */
public final class NodeCallSignatures {
    public static final String SIGNATURE_HEADER = "X-Dynalog-Node-Signature";
    public static final String TIME_HEADER = "X-Dynalog-Node-Time";
    static final long MAX_SKEW_MILLIS = 5 * 60_000;
    private static final HexFormat HEX = HexFormat.of();

    private final Supplier<byte[]> signingKey;
    private final Supplier<List<byte[]>> verifyingKeys;
    private final Clock clock;

    public NodeCallSignatures(Supplier<byte[]> signingKey, Supplier<List<byte[]>> verifyingKeys, Clock clock) {
        this.signingKey = signingKey;
        this.verifyingKeys = verifyingKeys;
        this.clock = clock;
    }

    public static NodeCallSignatures of(ClusterKeys keys) {
        return new NodeCallSignatures(keys::signing, keys::verifying, Clock.systemUTC());
    }

    /** A POST of {@code body} to {@code path} of a node, signed. */
    public HttpRequest.Builder post(java.net.URI node, String path, byte[] body) {
        String time = Long.toString(clock.millis());
        return HttpRequest.newBuilder(node.resolve(path))
                .header(TIME_HEADER, time)
                .header(SIGNATURE_HEADER, HEX.formatHex(mac(signingKey.get(), path, time, body)))
                .POST(HttpRequest.BodyPublishers.ofByteArray(body));
    }

    /** Whether a call to {@code path} with these headers (null when missing) was signed by a node of the cluster. */
    public boolean verify(String path, String time, String signature, byte[] body) {
        if (time == null || signature == null) {
            return false;
        }
        long sent;
        byte[] given;
        try {
            sent = Long.parseLong(time);
            given = HEX.parseHex(signature);
        } catch (IllegalArgumentException e) {
            return false;
        }
        if (Math.abs(clock.millis() - sent) > MAX_SKEW_MILLIS) {
            return false;
        }
        for (byte[] key : verifyingKeys.get()) {
            if (MessageDigest.isEqual(mac(key, path, time, body), given)) {
                return true;
            }
        }
        return false;
    }

    private static byte[] mac(byte[] key, String path, String time, byte[] body) {
        try {
            Mac mac = Mac.getInstance("HmacSHA256");
            mac.init(new SecretKeySpec(key, "HmacSHA256"));
            mac.update((path + "\n" + time + "\n").getBytes(StandardCharsets.UTF_8));
            mac.update(HEX.formatHex(MessageDigest.getInstance("SHA-256").digest(body)).getBytes(StandardCharsets.US_ASCII));
            return mac.doFinal();
        } catch (GeneralSecurityException e) {
            throw new IllegalStateException("HmacSHA256 and SHA-256 are part of every Java runtime", e);
        }
    }
}
