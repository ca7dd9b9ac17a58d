package dev.dynalog.connectors.http.auth;

import io.netty.buffer.ByteBuf;
import java.nio.charset.StandardCharsets;
import java.security.GeneralSecurityException;
import java.security.MessageDigest;
import java.util.ArrayList;
import java.util.HexFormat;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.function.Function;
import javax.crypto.Mac;
import javax.crypto.spec.SecretKeySpec;

/**
 * The Signature Version 4 of a request, computed as AWS's specification defines it: canonical
 * request (method, path encoded once more, sorted query, the signed headers with values trimmed
 * and joined, the SHA-256 of the body), string to sign over the credential scope, and the HMAC
 * chain of the secret over date, region, service and {@code aws4_request}.
 *
 * <p>Why not the AWS SDK's signer: it chooses which headers to sign itself (it adds and signs
 * {@code x-amz-content-sha256}), so it cannot recompute a signature over the set of headers
 * another client chose (botocore and the AWS CLI sign four). Verifying needs the computation over
 * the client's own list, and this is all of it; the tests check it against signatures made by the
 * SDK v2, botocore and the AWS CLI.
 */
final class SigV4Signature {
    private static final HexFormat HEX = HexFormat.of();
    /**
     * Signing keys by secret and scope: a key is the same all day for a client, and deriving it
     * is four of the six HMACs a verification costs. Bounded by clearing, which only costs a
     * recomputation.
     */
    private static final Map<String, byte[]> SIGNING_KEYS = new ConcurrentHashMap<>();
    private static final int MAX_SIGNING_KEYS = 10_000;
    /** Looking up the JDK's providers costs more than an HMAC of a short string: one of each per thread. */
    private static final ThreadLocal<Mac> HMAC = ThreadLocal.withInitial(() -> {
        try {
            return Mac.getInstance("HmacSHA256");
        } catch (GeneralSecurityException e) {
            throw new IllegalStateException("the JDK has no HmacSHA256", e);
        }
    });
    private static final ThreadLocal<MessageDigest> SHA256 = ThreadLocal.withInitial(() -> {
        try {
            return MessageDigest.getInstance("SHA-256");
        } catch (GeneralSecurityException e) {
            throw new IllegalStateException("the JDK has no SHA-256", e);
        }
    });

    private SigV4Signature() {
    }

    /**
     * @param headers       all values of a header by its lower-case name, empty if absent
     * @param signedHeaders the lower-case names the client signed, in its order
     */
    static String compute(String method, String rawPath, String rawQuery, Function<String, List<String>> headers,
                          List<String> signedHeaders, ByteBuf payload, String amzDate, String scopeDate, String region,
                          String service, String secret) {
        String scope = scopeDate + "/" + region + "/" + service + "/aws4_request";
        String canonicalRequest = method + "\n"
                + canonicalPath(rawPath) + "\n"
                + canonicalQuery(rawQuery) + "\n"
                + canonicalHeaders(headers, signedHeaders) + "\n"
                + String.join(";", signedHeaders) + "\n"
                + HEX.formatHex(sha256(payload));
        String stringToSign = "AWS4-HMAC-SHA256\n" + amzDate + "\n" + scope + "\n"
                + HEX.formatHex(sha256(canonicalRequest.getBytes(StandardCharsets.UTF_8)));
        return HEX.formatHex(hmac(signingKey(secret, scopeDate, region, service), stringToSign));
    }

    private static byte[] signingKey(String secret, String scopeDate, String region, String service) {
        String id = scopeDate + "/" + region + "/" + service + "\n" + secret;
        byte[] key = SIGNING_KEYS.get(id);
        if (key == null) {
            key = hmac(("AWS4" + secret).getBytes(StandardCharsets.UTF_8), scopeDate);
            key = hmac(key, region);
            key = hmac(key, service);
            key = hmac(key, "aws4_request");
            if (SIGNING_KEYS.size() >= MAX_SIGNING_KEYS) {
                SIGNING_KEYS.clear();
            }
            SIGNING_KEYS.put(id, key);
        }
        return key;
    }

    /** The path as sent (already percent-encoded once), encoded again, as for every service but S3. */
    private static String canonicalPath(String rawPath) {
        return rawPath == null || rawPath.isEmpty() ? "/" : encode(rawPath, false);
    }

    private static String canonicalQuery(String rawQuery) {
        if (rawQuery == null || rawQuery.isEmpty()) {
            return "";
        }
        List<String[]> pairs = new ArrayList<>();
        for (String pair : rawQuery.split("&")) {
            if (pair.isEmpty()) {
                continue;
            }
            int eq = pair.indexOf('=');
            String name = eq < 0 ? pair : pair.substring(0, eq);
            String value = eq < 0 ? "" : pair.substring(eq + 1);
            pairs.add(new String[] {encode(decode(name), true), encode(decode(value), true)});
        }
        pairs.sort((a, b) -> a[0].equals(b[0]) ? a[1].compareTo(b[1]) : a[0].compareTo(b[0]));
        StringBuilder out = new StringBuilder();
        for (String[] p : pairs) {
            if (!out.isEmpty()) {
                out.append('&');
            }
            out.append(p[0]).append('=').append(p[1]);
        }
        return out.toString();
    }

    private static String canonicalHeaders(Function<String, List<String>> headers, List<String> signedHeaders) {
        StringBuilder out = new StringBuilder();
        for (String name : signedHeaders) {
            out.append(name).append(':');
            List<String> values = headers.apply(name);
            for (int i = 0; i < values.size(); i++) {
                if (i > 0) {
                    out.append(',');
                }
                out.append(values.get(i).strip().replaceAll(" +", " "));
            }
            out.append('\n');
        }
        return out.toString();
    }

    /** RFC 3986 percent-encoding of everything but the unreserved characters (and '/' in paths). */
    private static String encode(String s, boolean encodeSlash) {
        StringBuilder out = new StringBuilder(s.length() + 8);
        for (byte b : s.getBytes(StandardCharsets.UTF_8)) {
            char c = (char) (b & 0xff);
            if ((c >= 'A' && c <= 'Z') || (c >= 'a' && c <= 'z') || (c >= '0' && c <= '9') || c == '-' || c == '_'
                    || c == '.' || c == '~' || (c == '/' && !encodeSlash)) {
                out.append(c);
            } else {
                out.append('%').append(Character.toUpperCase(Character.forDigit((c >> 4) & 0xf, 16)))
                        .append(Character.toUpperCase(Character.forDigit(c & 0xf, 16)));
            }
        }
        return out.toString();
    }

    /** Percent-decoding only ('+' stays '+': SigV4 clients encode a space as %20). */
    private static String decode(String s) {
        if (s.indexOf('%') < 0) {
            return s;
        }
        byte[] bytes = s.getBytes(StandardCharsets.UTF_8);
        java.io.ByteArrayOutputStream out = new java.io.ByteArrayOutputStream(bytes.length);
        for (int i = 0; i < bytes.length; i++) {
            if (bytes[i] == '%' && i + 2 < bytes.length
                    && Character.digit(bytes[i + 1], 16) >= 0 && Character.digit(bytes[i + 2], 16) >= 0) {
                out.write(Character.digit(bytes[i + 1], 16) * 16 + Character.digit(bytes[i + 2], 16));
                i += 2;
            } else {
                out.write(bytes[i]);
            }
        }
        return out.toString(StandardCharsets.UTF_8);
    }

    private static byte[] sha256(ByteBuf payload) {
        MessageDigest digest = SHA256.get();
        digest.reset();
        digest.update(payload.nioBuffer());
        return digest.digest();
    }

    private static byte[] sha256(byte[] bytes) {
        MessageDigest digest = SHA256.get();
        digest.reset();
        return digest.digest(bytes);
    }

    private static byte[] hmac(byte[] key, String data) {
        try {
            Mac mac = HMAC.get();
            mac.init(new SecretKeySpec(key, "HmacSHA256"));
            return mac.doFinal(data.getBytes(StandardCharsets.UTF_8));
        } catch (GeneralSecurityException e) {
            throw new IllegalStateException("an HMAC key was refused", e);
        }
    }
}
