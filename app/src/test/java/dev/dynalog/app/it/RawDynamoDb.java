package dev.dynalog.app.it;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.IOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Duration;

/**
 * Sends DynamoDB JSON protocol requests as raw bytes, for what an SDK would not send (malformed
 * JSON, unknown targets) and for comparing whole responses with DynamoDB Local.
 */
final class RawDynamoDb {
    /** Attribute names may be 64 KB, past Jackson's default name limit. */
    static final ObjectMapper JSON = new ObjectMapper(com.fasterxml.jackson.core.JsonFactory.builder()
            .streamReadConstraints(com.fasterxml.jackson.core.StreamReadConstraints.builder().maxNameLength(1 << 20).build())
            .build());
    private static final HttpClient HTTP = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(5)).build();

    private final URI endpoint;

    RawDynamoDb(URI endpoint) {
        this.endpoint = endpoint;
    }

    record Response(int status, JsonNode body) {
        String errorType() {
            String type = body.path("__type").asText("");
            return type.substring(type.indexOf('#') + 1);
        }

        String message() {
            JsonNode m = body.has("message") ? body.get("message") : body.get("Message");
            return m == null ? null : m.asText();
        }
    }

    Response call(String operation, String body) {
        return send(HttpRequest.newBuilder(endpoint)
                .header("X-Amz-Target", "DynamoDB_20120810." + operation)
                .header("Content-Type", "application/x-amz-json-1.0")
                .header("Authorization", "AWS4-HMAC-SHA256 Credential=AKIDLOCAL/20260101/us-east-1/dynamodb/aws4_request, "
                        + "SignedHeaders=host;x-amz-date, Signature=0123456789abcdef")
                .POST(HttpRequest.BodyPublishers.ofString(body))
                .build());
    }

    Response send(HttpRequest request) {
        try {
            HttpResponse<String> r = HTTP.send(request, HttpResponse.BodyHandlers.ofString());
            return new Response(r.statusCode(), parse(r.body()));
        } catch (IOException e) {
            throw new IllegalStateException(e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException(e);
        }
    }

    private static JsonNode parse(String body) {
        if (body.isEmpty()) {
            return JSON.createObjectNode();
        }
        try {
            return JSON.readTree(body);
        } catch (IOException notJson) {
            return JSON.getNodeFactory().textNode(body);
        }
    }

    URI endpoint() {
        return endpoint;
    }
}
