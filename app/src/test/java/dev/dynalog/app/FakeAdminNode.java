package dev.dynalog.app;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.sun.net.httpserver.HttpServer;
import java.io.IOException;
import java.io.OutputStream;
import java.io.UncheckedIOException;
import java.net.InetSocketAddress;
import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.Deque;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

/** A node's admin endpoint that answers what a test scripted and keeps what it was asked. */
final class FakeAdminNode implements AutoCloseable {
    private static final ObjectMapper JSON = new ObjectMapper();

    record Request(String target, JsonNode body) {
    }

    private record Answer(int status, String body) {
    }

    private final HttpServer server;
    private final Map<String, Deque<Answer>> answers = new HashMap<>();
    private final List<Request> requests = new ArrayList<>();

    FakeAdminNode() {
        try {
            server = HttpServer.create(new InetSocketAddress("127.0.0.1", 0), 0);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        server.createContext("/", exchange -> {
            String target = exchange.getRequestHeaders().getFirst("X-Amz-Target");
            JsonNode body = JSON.readTree(exchange.getRequestBody());
            Answer answer;
            synchronized (this) {
                requests.add(new Request(target, body));
                Deque<Answer> scripted = answers.get(target);
                // The last answer repeats, as a node keeps reporting a finished operation.
                answer = scripted == null ? new Answer(400, "{\"__type\":\"com.amazonaws.dynamodb.v20120810#"
                        + "UnknownOperationException\",\"message\":\"" + target + "\"}")
                        : scripted.size() > 1 ? scripted.poll() : scripted.peek();
            }
            byte[] bytes = answer.body().getBytes(StandardCharsets.UTF_8);
            exchange.getResponseHeaders().set("Content-Type", "application/x-amz-json-1.0");
            exchange.sendResponseHeaders(answer.status(), bytes.length);
            try (OutputStream out = exchange.getResponseBody()) {
                out.write(bytes);
            }
        });
        server.start();
    }

    /** Scripts the next answer to {@code DynalogAdmin_20261203.<operation>}. */
    synchronized FakeAdminNode answer(String operation, int status, String body) {
        answers.computeIfAbsent(AdminClient.TARGET_PREFIX + operation, k -> new ArrayDeque<>())
                .add(new Answer(status, body));
        return this;
    }

    synchronized FakeAdminNode answer(String operation, String body) {
        return answer(operation, 200, body);
    }

    synchronized List<Request> requests() {
        return List.copyOf(requests);
    }

    URI endpoint() {
        return URI.create("http://127.0.0.1:" + server.getAddress().getPort());
    }

    @Override
    public void close() {
        server.stop(0);
    }
}
