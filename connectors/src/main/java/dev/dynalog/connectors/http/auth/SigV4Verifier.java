package dev.dynalog.connectors.http.auth;

import dev.dynalog.core.error.Errors;
import io.netty.handler.codec.http.FullHttpRequest;
import io.netty.handler.codec.http.HttpHeaderNames;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.LocalDateTime;
import java.time.ZoneOffset;
import java.time.format.DateTimeFormatter;
import java.time.format.DateTimeParseException;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.function.Function;

/**
 * Checks a request's AWS Signature Version 4 ({@code Authorization: AWS4-HMAC-SHA256 ...}) and
 * answers the access key it was signed with, or throws DynamoDB's error for it.
 *
 * <p>The signature is recomputed ({@link SigV4Signature}) over the headers the client says it
 * signed, at the time it says it signed, and compared in constant time. The order of checks follows DynamoDB's: the header's form, the key, the scope's date, region
 * and service, the clock skew (15 minutes either way), then the signature itself.
 */
public final class SigV4Verifier {
    static final Duration MAX_SKEW = Duration.ofMinutes(15);
    private static final String ALGORITHM = "AWS4-HMAC-SHA256";
    private static final String SERVICE = "dynamodb";
    private static final DateTimeFormatter AMZ_DATE = DateTimeFormatter.ofPattern("yyyyMMdd'T'HHmmss'Z'");
    private static final String MISMATCH = "The request signature we calculated does not match the signature you "
            + "provided. Check your AWS Secret Access Key and signing method. Consult the service documentation for "
            + "details.";

    private final String region;
    private final Function<String, AccessKey> keys;
    private final Clock clock;

    /** @param keys the access key of an id, or null for an id the node does not know */
    public SigV4Verifier(String region, Function<String, AccessKey> keys, Clock clock) {
        this.region = region;
        this.keys = keys;
        this.clock = clock;
    }

    /** The access key that signed {@code request}; throws DynamoDB's error if none did. */
    public AccessKey verify(FullHttpRequest request) {
        String authorization = request.headers().get(HttpHeaderNames.AUTHORIZATION);
        if (authorization == null) {
            throw Errors.missingAuthenticationToken();
        }
        Authorization auth = Authorization.parse(authorization);
        AccessKey key = keys.apply(auth.accessKeyId());
        if (key == null) {
            throw Errors.unrecognizedClient();
        }
        String amzDate = request.headers().get("X-Amz-Date");
        if (amzDate == null) {
            throw Errors.incompleteSignature("Authorization header requires existence of either a 'X-Amz-Date' or a "
                    + "'Date' header. Authorization=" + authorization);
        }
        Instant signedAt;
        try {
            signedAt = LocalDateTime.parse(amzDate, AMZ_DATE).toInstant(ZoneOffset.UTC);
        } catch (DateTimeParseException e) {
            throw Errors.incompleteSignature("Date must be in ISO-8601 'basic format'. Got '" + amzDate
                    + "'. See http://en.wikipedia.org/wiki/ISO_8601");
        }
        if (!amzDate.startsWith(auth.date())) {
            throw Errors.invalidSignature("Date in Credential scope does not match YYYYMMDD from ISO-8601 version of "
                    + "date from HTTP: '" + auth.date() + "' != '" + amzDate.substring(0, 8) + "', from '" + amzDate + "'.");
        }
        if (!auth.region().equals(region)) {
            throw Errors.invalidSignature("Credential should be scoped to a valid region. ");
        }
        if (!auth.service().equals(SERVICE)) {
            throw Errors.invalidSignature("Credential should be scoped to correct service: '" + SERVICE + "'. ");
        }
        Instant now = clock.instant();
        if (signedAt.isBefore(now.minus(MAX_SKEW))) {
            throw Errors.invalidSignature("Signature expired: " + amzDate + " is now earlier than "
                    + format(now.minus(MAX_SKEW)) + " (" + format(now) + " - 15 min.)");
        }
        if (signedAt.isAfter(now.plus(MAX_SKEW))) {
            throw Errors.invalidSignature("Signature not yet current: " + amzDate + " is still later than "
                    + format(now.plus(MAX_SKEW)) + " (" + format(now) + " + 15 min.)");
        }
        byte[] expected = recompute(request, auth, key, amzDate).getBytes(StandardCharsets.US_ASCII);
        if (!MessageDigest.isEqual(expected, auth.signature().getBytes(StandardCharsets.US_ASCII))) {
            throw Errors.invalidSignature(MISMATCH);
        }
        return key;
    }

    /** The signature of the request over the headers the client says it signed, at the time it says. */
    private static String recompute(FullHttpRequest request, Authorization auth, AccessKey key, String amzDate) {
        String uri = request.uri();
        int q = uri.indexOf('?');
        String path = q < 0 ? uri : uri.substring(0, q);
        String query = q < 0 ? null : uri.substring(q + 1);
        for (String name : auth.signedHeaders()) {
            if (!request.headers().contains(name)) {
                throw Errors.invalidSignature(MISMATCH);
            }
        }
        return SigV4Signature.compute(request.method().name(), path, query, request.headers()::getAll,
                auth.signedHeaders(), request.content(), amzDate, auth.date(), auth.region(), auth.service(),
                key.secretAccessKey());
    }

    private static String format(Instant instant) {
        return AMZ_DATE.format(instant.atOffset(ZoneOffset.UTC));
    }

    /**
     * The parts of {@code AWS4-HMAC-SHA256 Credential=KEY/DATE/REGION/SERVICE/aws4_request,
     * SignedHeaders=a;b;c, Signature=hex}.
     */
    record Authorization(String accessKeyId, String date, String region, String service, List<String> signedHeaders,
                         String signature) {
        static Authorization parse(String header) {
            if (!header.startsWith(ALGORITHM + " ")) {
                throw Errors.incompleteSignature("Authorization header requires 'Credential' parameter. Authorization header "
                        + "requires 'Signature' parameter. Authorization header requires 'SignedHeaders' parameter. "
                        + "Authorization=" + header);
            }
            Map<String, String> parts = new HashMap<>();
            for (String part : header.substring(ALGORITHM.length() + 1).split(",")) {
                int eq = part.indexOf('=');
                if (eq > 0) {
                    parts.put(part.substring(0, eq).strip(), part.substring(eq + 1).strip());
                }
            }
            StringBuilder missing = new StringBuilder();
            for (String name : List.of("Credential", "Signature", "SignedHeaders")) {
                if (parts.get(name) == null || parts.get(name).isEmpty()) {
                    missing.append("Authorization header requires '").append(name).append("' parameter. ");
                }
            }
            if (!missing.isEmpty()) {
                throw Errors.incompleteSignature(missing + "Authorization=" + header);
            }
            String[] scope = parts.get("Credential").split("/", -1);
            if (scope.length != 5 || !scope[4].equals("aws4_request") || scope[0].isEmpty()) {
                throw Errors.incompleteSignature("Credential must have exactly 5 slash-delimited elements, e.g. "
                        + "keyid/date/region/service/term, got '" + parts.get("Credential") + "'");
            }
            return new Authorization(scope[0], scope[1], scope[2], scope[3],
                    List.of(parts.get("SignedHeaders").toLowerCase(java.util.Locale.ROOT).split(";")),
                    parts.get("Signature"));
        }
    }
}
