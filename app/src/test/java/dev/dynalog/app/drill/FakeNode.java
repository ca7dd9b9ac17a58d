package dev.dynalog.app.drill;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import com.sun.net.httpserver.HttpServer;
import java.io.IOException;
import java.io.OutputStream;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.util.ArrayDeque;
import java.util.Deque;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;

/**
 * A node's endpoint as the restore commands use it, answering from a script: StartRestore and
 * each DescribeRestore answer the next status in turn (the last one again when the script runs
 * out), with the TargetTableName of the request; DeleteTable succeeds. Every request is kept.
 */
final class FakeNode implements AutoCloseable {
    private static final ObjectMapper JSON = new ObjectMapper();

    /** X-Amz-Target and body (as sent, and read) of a request the node received. */
    record Request(String target, String text, JsonNode body) {
    }

    private final HttpServer server;
    private final Deque<ObjectNode> statuses = new ArrayDeque<>();
    private final List<Request> requests = new CopyOnWriteArrayList<>();
    private volatile String startRestoreError;
    private volatile String targetTableName;

    FakeNode() throws IOException {
        server = HttpServer.create(new InetSocketAddress(InetAddress.getLoopbackAddress(), 0), 0);
        server.createContext("/", exchange -> {
            String target = exchange.getRequestHeaders().getFirst("X-Amz-Target");
            String text = new String(exchange.getRequestBody().readAllBytes(), StandardCharsets.UTF_8);
            JsonNode body = JSON.readTree(text);
            requests.add(new Request(target, text, body));
            int code = 200;
            String answer;
            if (target.endsWith(".StartRestore") && startRestoreError != null) {
                code = 400;
                answer = startRestoreError;
            } else if (target.endsWith(".StartRestore") || target.endsWith(".DescribeRestore")) {
                if (target.endsWith(".StartRestore")) {
                    targetTableName = body.get("TargetTableName").asText();
                }
                ObjectNode status = (statuses.size() > 1 ? statuses.poll() : statuses.peek()).deepCopy();
                status.put("TargetTableName", targetTableName);
                answer = JSON.createObjectNode().set("Restore", status).toString();
            } else {
                answer = "{}";
            }
            byte[] bytes = answer.getBytes(StandardCharsets.UTF_8);
            exchange.getResponseHeaders().add("Content-Type", "application/x-amz-json-1.0");
            exchange.sendResponseHeaders(code, bytes.length);
            try (OutputStream out = exchange.getResponseBody()) {
                out.write(bytes);
            }
        });
        server.start();
    }

    /** The statuses to answer, in turn. */
    FakeNode answering(ObjectNode... script) {
        statuses.clear();
        statuses.addAll(List.of(script));
        return this;
    }

    /** StartRestore answers this DynamoDB error. */
    FakeNode refusingRestoresWith(String type, String message) {
        startRestoreError = JSON.createObjectNode().put("__type", "com.amazonaws.dynamodb.v20120810#" + type)
                .put("message", message).toString();
        return this;
    }

    URI endpoint() {
        return URI.create("http://" + server.getAddress().getHostString() + ":" + server.getAddress().getPort());
    }

    List<Request> requests() {
        return List.copyOf(requests);
    }

    @Override
    public void close() {
        server.stop(0);
    }
}
