package dev.dynalog.connectors.http;

import io.netty.handler.codec.http.HttpHeaderNames;
import io.netty.handler.codec.http.HttpHeaders;
import java.util.List;

/**
 * Cross-origin access for browser clients ({@code --cors-allowed-origins}): which page origins
 * may call the endpoint, {@code *} for any. A preflight ({@code OPTIONS} with an Origin) from an
 * allowed origin is answered as DynamoDB answers it, allowing POST with the headers the browser
 * asks for (the SDKs' {@code Authorization}, {@code X-Amz-Target}, {@code X-Amz-Date}, ...) and
 * letting the page read the response headers the SDKs look at. With no origins configured no
 * CORS header is ever sent, so browsers refuse cross-origin calls.
 */
public final class CorsPolicy {
    /** The response headers the browser SDKs read: the request id, the checksum, the error type. */
    static final String EXPOSED_HEADERS = "x-amzn-RequestId,x-amzn-ErrorType,x-amzn-ErrorMessage,x-amz-crc32,Date";
    static final String ALLOWED_METHODS = "GET,POST,OPTIONS";
    /** How long a browser may reuse a preflight's answer: DynamoDB's two days. */
    static final String MAX_AGE_SECONDS = "172800";

    private static final CorsPolicy NONE = new CorsPolicy(List.of());

    private final List<String> origins;

    private CorsPolicy(List<String> origins) {
        this.origins = List.copyOf(origins);
    }

    public static CorsPolicy none() {
        return NONE;
    }

    /** @param origins exact origins ({@code https://app.example.com}) or {@code *} */
    public static CorsPolicy allowing(List<String> origins) {
        return origins.isEmpty() ? NONE : new CorsPolicy(origins);
    }

    public boolean enabled() {
        return !origins.isEmpty();
    }

    /** The Access-Control-Allow-Origin value for a request's Origin header, or null to send none. */
    String allowedOrigin(String origin) {
        if (origin == null || origins.isEmpty()) {
            return null;
        }
        if (origins.contains("*")) {
            return "*";
        }
        return origins.contains(origin) ? origin : null;
    }

    /** The headers of a preflight's answer for an allowed origin. */
    void writePreflight(HttpHeaders request, HttpHeaders response, String allowedOrigin) {
        writeActual(response, allowedOrigin);
        response.set(HttpHeaderNames.ACCESS_CONTROL_ALLOW_METHODS, ALLOWED_METHODS)
                .set(HttpHeaderNames.ACCESS_CONTROL_MAX_AGE, MAX_AGE_SECONDS);
        String asked = request.get(HttpHeaderNames.ACCESS_CONTROL_REQUEST_HEADERS);
        if (asked != null) {
            response.set(HttpHeaderNames.ACCESS_CONTROL_ALLOW_HEADERS, asked);
        }
    }

    /** The headers of an actual cross-origin request's answer. */
    void writeActual(HttpHeaders response, String allowedOrigin) {
        response.set(HttpHeaderNames.ACCESS_CONTROL_ALLOW_ORIGIN, allowedOrigin)
                .set(HttpHeaderNames.ACCESS_CONTROL_EXPOSE_HEADERS, EXPOSED_HEADERS);
        if (!allowedOrigin.equals("*")) {
            response.add(HttpHeaderNames.VARY, HttpHeaderNames.ORIGIN);
        }
    }
}
