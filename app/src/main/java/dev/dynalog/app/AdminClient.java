package dev.dynalog.app;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.io.IOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Duration;
import java.util.Map;
import java.util.Optional;
import java.util.function.Consumer;

/**
 * Calls the node's disaster-recovery admin API ({@code DynalogAdmin_20261203.*}), which speaks the
 * AWS JSON 1.0 protocol on the node's DynamoDB endpoint exactly as the DynamoDB API does.
 */
public final class AdminClient {
    /** The X-Amz-Target prefix of every admin operation. */
    public static final String TARGET_PREFIX = "DynalogAdmin_20261203.";
    private static final ObjectMapper JSON = new ObjectMapper();
    private static final int MAX_SHOWN_BODY = 500;

    /** How often {@link #awaitEnd} asks again. */
    public static final Duration POLL_INTERVAL = Duration.ofMillis(500);

    private final URI endpoint;
    private final HttpClient http = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(10)).build();
    private final Optional<AdminSigner> signer;

    /** A client that signs with the environment's AWS key, if it has one (see {@link AdminSigner}). */
    public AdminClient(URI endpoint) {
        this(endpoint, System.getenv());
    }

    /** A client that signs with the key in {@code environment}, named as in the process environment. */
    public AdminClient(URI endpoint, Map<String, String> environment) {
        this.endpoint = endpoint;
        this.signer = AdminSigner.fromEnvironment(environment);
    }

    public URI endpoint() {
        return endpoint;
    }

    /** An empty request body to fill in. */
    public static ObjectNode newRequest() {
        return JSON.createObjectNode();
    }

    /**
     * Posts {@code operation} (e.g. {@code "ExportTable"}) with {@code request} and returns the
     * node's answer.
     *
     * @throws ErrorAnswer when the node answers with an error
     * @throws IOException when the node cannot be reached or answers something that is not JSON
     */
    public JsonNode post(String operation, ObjectNode request) throws IOException, InterruptedException, ErrorAnswer {
        URI uri = endpoint.resolve("/");
        byte[] bytes = JSON.writeValueAsBytes(request);
        Map<String, String> headers = Map.of("X-Amz-Target", TARGET_PREFIX + operation,
                "Content-Type", "application/x-amz-json-1.0");
        HttpRequest.Builder httpRequest = HttpRequest.newBuilder(uri)
                .timeout(Duration.ofSeconds(60))
                .POST(HttpRequest.BodyPublishers.ofByteArray(bytes));
        headers.forEach(httpRequest::header);
        signer.ifPresent(s -> s.sign(httpRequest, uri, headers, bytes));
        HttpResponse<String> response = http.send(httpRequest.build(), HttpResponse.BodyHandlers.ofString());
        JsonNode body = parse(response.body());
        if (response.statusCode() == 200 && body != null && body.isObject()) {
            return body;
        }
        if (body != null && body.hasNonNull("__type")) {
            // DynamoDB spells the message "message", some of its errors "Message".
            JsonNode message = body.hasNonNull("message") ? body.get("message") : body.path("Message");
            throw new ErrorAnswer(body.get("__type").asText(), message.asText(""));
        }
        if (response.statusCode() == 200) {
            throw new IOException(endpoint + " answered " + operation + " with something that is not a JSON object: "
                    + shorten(response.body()));
        }
        throw new ErrorAnswer("HTTP " + response.statusCode(), shorten(response.body()));
    }

    /**
     * Asks {@code describeOperation} with {@code request} every {@link #POLL_INTERVAL} until the
     * answer's {@code member} (e.g. {@code "Export"}) has Status COMPLETED or FAILED, the two ends
     * of every recovery operation, and returns that member. {@code progress} sees each answer's
     * member before it, starting with {@code first} (the start operation's answer).
     */
    public JsonNode awaitEnd(JsonNode first, String describeOperation, ObjectNode request, String member,
            Consumer<JsonNode> progress) throws IOException, InterruptedException, ErrorAnswer {
        JsonNode status = first;
        while (true) {
            if (!status.isObject()) {
                throw new IOException(endpoint + " answered " + describeOperation + " without " + member);
            }
            String state = status.path("Status").asText();
            if (state.equals("COMPLETED") || state.equals("FAILED")) {
                return status;
            }
            progress.accept(status);
            Thread.sleep(POLL_INTERVAL.toMillis());
            status = post(describeOperation, request).path(member);
        }
    }

    /**
     * Starts a job ({@code startOperation}, e.g. ExportTable) and follows it to its end with
     * {@code describeOperation} by the id the start answered ({@code idMember}, e.g. ExportId);
     * returns the job's last status (the answers' {@code member}, e.g. Export).
     */
    public JsonNode runToEnd(String startOperation, ObjectNode request, String member, String idMember,
                             String describeOperation, Consumer<JsonNode> progress)
            throws IOException, InterruptedException, ErrorAnswer {
        JsonNode first = post(startOperation, request).path(member);
        ObjectNode describe = newRequest();
        describe.put(idMember, first.path(idMember).asText());
        return awaitEnd(first, describeOperation, describe, member, progress);
    }

    /**
     * {@link #runToEnd} for a command line: the job's COMPLETED status, or null once the reason it
     * did not complete is printed to {@code err}. {@code what} names the job for the messages
     * ("Export", "Import"), {@code subject} what it was about ("of table T", "into table T").
     */
    public JsonNode completed(String what, String subject, String startOperation, ObjectNode request, String member,
                              String idMember, String describeOperation, java.io.PrintWriter err,
                              Consumer<JsonNode> progress) throws InterruptedException {
        JsonNode job;
        try {
            job = runToEnd(startOperation, request, member, idMember, describeOperation, progress);
        } catch (ErrorAnswer e) {
            err.println(what + " " + subject + " failed: " + e.describe());
            err.flush();
            return null;
        } catch (IOException e) {
            err.println("Could not " + what.toLowerCase(java.util.Locale.ROOT) + " " + subject.replaceFirst("^of ", "")
                    + " through " + endpoint + ": " + e);
            err.flush();
            return null;
        }
        if (!"COMPLETED".equals(job.path("Status").asText())) {
            err.println(what + " " + job.path(idMember).asText() + " " + subject + " FAILED: "
                    + job.path("FailureMessage").asText("the node gave no reason"));
            err.flush();
            return null;
        }
        return job;
    }

    private static JsonNode parse(String body) {
        try {
            return JSON.readTree(body);
        } catch (JsonProcessingException e) {
            return null;
        }
    }

    private static String shorten(String body) {
        return body.length() <= MAX_SHOWN_BODY ? body : body.substring(0, MAX_SHOWN_BODY) + "...";
    }

    /** An error the node answered: DynamoDB's {@code __type} and message. */
    public static final class ErrorAnswer extends Exception {
        private final String type;

        public ErrorAnswer(String type, String message) {
            super(message);
            this.type = type;
        }

        /** The full {@code __type}, e.g. {@code com.amazonaws.dynamodb.v20120810#ResourceNotFoundException}. */
        public String type() {
            return type;
        }

        /** The error's name without its namespace, e.g. {@code ResourceNotFoundException}. */
        public String shortType() {
            return type.substring(type.indexOf('#') + 1);
        }

        /** What a user reads: {@code ResourceNotFoundException: Table not found: T}. */
        public String describe() {
            return getMessage().isEmpty() ? shortType() : shortType() + ": " + getMessage();
        }
    }
}
