package dev.dynalog.bench;

import java.io.BufferedInputStream;
import java.io.BufferedOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.io.UncheckedIOException;
import java.net.Socket;
import java.net.URI;
import java.nio.charset.StandardCharsets;

/**
 * A minimal DynamoDB client: one keep-alive HTTP/1.1 connection, request bytes assembled from
 * prebuilt pieces, responses read by Content-Length. It costs a fraction of the SDK's CPU, so on
 * a small machine more of the CPU goes to the server under test. Not thread-safe: one per thread.
 */
final class LeanClient implements DynamoDbClientApi {
    private static final byte[] AUTH = ("Authorization: AWS4-HMAC-SHA256 Credential=AKIDBENCH/20260101/us-east-1/dynamodb/"
            + "aws4_request, SignedHeaders=host, Signature=0\r\n").getBytes(StandardCharsets.US_ASCII);

    private final URI endpoint;
    private final byte[] requestLine;
    /** Reused by every batchWrite: a 25-item body is ~26 KB, worth not regrowing per call. */
    private final StringBuilder batchBody = new StringBuilder(32 * 1024);
    /** What follows an item's pk up to its version, payload included; rebuilt only if the payload changes. */
    private String batchPayload;
    private String batchItemMiddle;
    private Socket socket;
    private OutputStream out;
    private InputStream in;

    LeanClient(URI endpoint) {
        this.endpoint = endpoint;
        this.requestLine = ("POST / HTTP/1.1\r\nHost: " + endpoint.getHost() + ":" + endpoint.getPort()
                + "\r\nContent-Type: application/x-amz-json-1.0\r\n").getBytes(StandardCharsets.US_ASCII);
    }

    @Override
    public void createTable(String table) {
        create(table, "");
    }

    /** A table like {@link #createTable}'s, with a NEW_IMAGE stream. */
    void createTableWithStream(String table) {
        create(table, ",\"StreamSpecification\":{\"StreamEnabled\":true,\"StreamViewType\":\"NEW_IMAGE\"}");
    }

    /**
     * A table like {@link #createTable}'s with a global secondary index whose hash key is the
     * string attribute {@code g}, projecting all attributes (the index holds a copy of each 1 KB
     * item, as most applications' indexes do).
     */
    void createTableWithIndex(String table, String index) {
        createTableWithIndex(table, index, "ALL");
    }

    /** {@link #createTableWithIndex(String, String)} with the index's ProjectionType ALL or KEYS_ONLY. */
    void createTableWithIndex(String table, String index, String projectionType) {
        create(table, ",\"GlobalSecondaryIndexes\":[{\"IndexName\":\"" + index + "\",\"KeySchema\":["
                + "{\"AttributeName\":\"g\",\"KeyType\":\"HASH\"}],\"Projection\":{\"ProjectionType\":\""
                + projectionType + "\"}}]", ",{\"AttributeName\":\"g\",\"AttributeType\":\"S\"}");
    }

    private void create(String table, String extraMembers) {
        create(table, extraMembers, "");
    }

    private void create(String table, String extraMembers, String extraAttributes) {
        call("CreateTable", "{\"TableName\":\"" + table + "\",\"BillingMode\":\"PAY_PER_REQUEST\",\"KeySchema\":["
                + "{\"AttributeName\":\"pk\",\"KeyType\":\"HASH\"},{\"AttributeName\":\"sk\",\"KeyType\":\"RANGE\"}],"
                + "\"AttributeDefinitions\":[{\"AttributeName\":\"pk\",\"AttributeType\":\"S\"},"
                + "{\"AttributeName\":\"sk\",\"AttributeType\":\"N\"}" + extraAttributes + "]" + extraMembers + "}");
        long deadline = System.currentTimeMillis() + 120_000;
        String description;
        // An index created with its table is usable once the table and the index are both ACTIVE.
        while (!(description = call("DescribeTable", "{\"TableName\":\"" + table + "\"}")).contains("\"TableStatus\":\"ACTIVE\"")
                || description.contains("\"IndexStatus\":\"CREATING\"")) {
            if (System.currentTimeMillis() > deadline) {
                throw new IllegalStateException("table " + table + " did not become ACTIVE");
            }
            try {
                Thread.sleep(50);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                return;
            }
        }
    }

    @Override
    public void put(String table, String pk, long sk, String payload, long version) {
        call("PutItem", "{\"TableName\":\"" + table + "\",\"Item\":{\"pk\":{\"S\":\"" + pk + "\"},\"sk\":{\"N\":\"" + sk
                + "\"},\"payload\":{\"S\":\"" + payload + "\"},\"ver\":{\"N\":\"" + version + "\"}}}");
    }

    @Override
    public void update(String table, String pk, long sk, String payload) {
        call("UpdateItem", "{\"TableName\":\"" + table + "\",\"Key\":{\"pk\":{\"S\":\"" + pk + "\"},\"sk\":{\"N\":\"" + sk
                + "\"}},\"UpdateExpression\":\"SET ver = ver + :one, payload = :p\","
                + "\"ConditionExpression\":\"attribute_exists(pk)\",\"ExpressionAttributeValues\":{\":one\":{\"N\":\"1\"},"
                + "\":p\":{\"S\":\"" + payload + "\"}}}");
    }

    /** Puts item {@code pk} (sort key 0) with index key {@code g}. */
    void putIndexed(String table, String pk, String g, String payload) {
        call("PutItem", "{\"TableName\":\"" + table + "\",\"Item\":{\"pk\":{\"S\":\"" + pk + "\"},\"sk\":{\"N\":\"0\"},"
                + "\"g\":{\"S\":\"" + g + "\"},\"payload\":{\"S\":\"" + payload + "\"}}}");
    }

    /** How many items of the index have index key {@code g} (a Query that returns only the count). */
    int queryIndexCount(String table, String index, String g) {
        return count(call("Query", "{\"TableName\":\"" + table + "\",\"IndexName\":\"" + index + "\",\"Select\":\"COUNT\","
                + "\"KeyConditionExpression\":\"g = :g\",\"ExpressionAttributeValues\":{\":g\":{\"S\":\"" + g + "\"}}}"));
    }

    /** Writes items {@code pk + n} (sort key 0) for n in [from, to), at most 25 per BatchWriteItem. */
    void batchPut(String table, String pk, long from, long to, String payload) {
        batchPut(table, pk, from, to, payload, 0);
    }

    /**
     * {@link #batchPut(String, String, long, long, String)}; with {@code indexKeys} > 0 each item
     * also has the index key {@code g} = {@code "g" + n % indexKeys}.
     */
    void batchPut(String table, String pk, long from, long to, String payload, int indexKeys) {
        StringBuilder body = new StringBuilder(32 * 1024);
        for (long n = from; n < to; ) {
            long end = Math.min(to, n + 25);
            body.setLength(0);
            body.append("{\"RequestItems\":{\"").append(table).append("\":[");
            for (long k = n; k < end; k++) {
                body.append(k == n ? "" : ",").append("{\"PutRequest\":{\"Item\":{\"pk\":{\"S\":\"").append(pk).append(k)
                        .append("\"},\"sk\":{\"N\":\"0\"},\"payload\":{\"S\":\"").append(payload)
                        .append("\"},\"ver\":{\"N\":\"0\"}");
                if (indexKeys > 0) {
                    body.append(",\"g\":{\"S\":\"g").append(k % indexKeys).append("\"}");
                }
                body.append("}}}");
            }
            body.append("]}}");
            String response = call("BatchWriteItem", body.toString());
            if (response.contains("\"PutRequest\"")) {
                throw new IllegalStateException("BatchWriteItem left items unprocessed");
            }
            n = end;
        }
    }

    @Override
    public int batchWrite(String table, String[] pks, String payload, long firstVersion) {
        if (!payload.equals(batchPayload)) {
            batchPayload = payload;
            batchItemMiddle = "\"},\"sk\":{\"N\":\"0\"},\"payload\":{\"S\":\"" + payload + "\"},\"ver\":{\"N\":\"";
        }
        StringBuilder body = batchBody;
        body.setLength(0);
        body.append("{\"RequestItems\":{\"").append(table).append("\":[");
        for (int i = 0; i < pks.length; i++) {
            body.append(i == 0 ? "{\"PutRequest\":{\"Item\":{\"pk\":{\"S\":\"" : ",{\"PutRequest\":{\"Item\":{\"pk\":{\"S\":\"")
                    .append(pks[i]).append(batchItemMiddle).append(firstVersion + i).append("\"}}}}");
        }
        String request = body.append("]}}").toString();
        int resent = 0;
        for (int attempt = 0; ; attempt++) {
            String response = call("BatchWriteItem", request);
            int left = occurrences(response, "\"PutRequest\"");
            if (left == 0) {
                return resent;
            }
            if (attempt == BATCH_RESENDS) {
                throw new IllegalStateException("BatchWriteItem left " + left + " items unprocessed after "
                        + BATCH_RESENDS + " resends");
            }
            resent += left;
            DynamoDbClientApi.backOff(attempt);
            // UnprocessedItems has the shape of RequestItems, so it is the next request as it stands.
            request = "{\"RequestItems\":" + object(response, "\"UnprocessedItems\"") + "}";
        }
    }

    private static int occurrences(String text, String marker) {
        int n = 0;
        for (int at = text.indexOf(marker); at >= 0; at = text.indexOf(marker, at + marker.length())) {
            n++;
        }
        return n;
    }

    /** The JSON object that is the value of member {@code name} (quoted), braces inside strings skipped. */
    private static String object(String json, String name) {
        int start = json.indexOf('{', json.indexOf(name) + name.length());
        int depth = 0;
        boolean inString = false;
        for (int i = start; i < json.length(); i++) {
            char ch = json.charAt(i);
            if (inString) {
                if (ch == '\\') {
                    i++;
                } else if (ch == '"') {
                    inString = false;
                }
            } else if (ch == '"') {
                inString = true;
            } else if (ch == '{') {
                depth++;
            } else if (ch == '}' && --depth == 0) {
                return json.substring(start, i + 1);
            }
        }
        throw new IllegalStateException("unterminated " + name + " in " + json);
    }

    @Override
    public long get(String table, String pk, long sk, boolean consistent) {
        String body = call("GetItem", "{\"TableName\":\"" + table + "\",\"ConsistentRead\":" + consistent
                + ",\"Key\":{\"pk\":{\"S\":\"" + pk + "\"},\"sk\":{\"N\":\"" + sk + "\"}}}");
        int at = body.indexOf("\"ver\":{\"N\":\"");
        if (at < 0) {
            return -1;
        }
        int start = at + 12;
        return Long.parseLong(body.substring(start, body.indexOf('"', start)));
    }

    @Override
    public long selectByKey(String table, String pk, long sk) {
        String body = call("ExecuteStatement", "{\"Statement\":\"SELECT * FROM \\\"" + table
                + "\\\" WHERE pk = ? AND sk = ?\",\"Parameters\":[{\"S\":\"" + pk + "\"},{\"N\":\"" + sk + "\"}]}");
        int at = body.indexOf("\"ver\":{\"N\":\"");
        if (at < 0) {
            return -1;
        }
        int start = at + 12;
        return Long.parseLong(body.substring(start, body.indexOf('"', start)));
    }

    @Override
    public int query(String table, String pk) {
        return count(call("Query", "{\"TableName\":\"" + table + "\",\"KeyConditionExpression\":\"pk = :p\","
                + "\"ExpressionAttributeValues\":{\":p\":{\"S\":\"" + pk + "\"}}}"));
    }

    /** The Count of a Query response. */
    private static int count(String body) {
        int at = body.indexOf("\"Count\":");
        int end = at + 8;
        while (end < body.length() && Character.isDigit(body.charAt(end))) {
            end++;
        }
        return Integer.parseInt(body.substring(at + 8, end));
    }

    @Override
    public String scanPage(String table, int limit, String startAfter) {
        String start = "";
        if (startAfter != null) {
            int bar = startAfter.lastIndexOf('|');
            start = ",\"ExclusiveStartKey\":{\"pk\":{\"S\":\"" + startAfter.substring(0, bar) + "\"},\"sk\":{\"N\":\""
                    + startAfter.substring(bar + 1) + "\"}}";
        }
        String body = call("Scan", "{\"TableName\":\"" + table + "\",\"Limit\":" + limit + start + "}");
        int at = body.indexOf("\"LastEvaluatedKey\":");
        if (at < 0) {
            return null;
        }
        String key = body.substring(at);
        String pk = field(key, "\"pk\":{\"S\":\"");
        String sk = field(key, "\"sk\":{\"N\":\"");
        return pk + "|" + sk;
    }

    private static String field(String json, String marker) {
        int start = json.indexOf(marker) + marker.length();
        return json.substring(start, json.indexOf('"', start));
    }

    @Override
    public void transfer(String table, String[] pks, long[] sks) {
        StringBuilder body = new StringBuilder(256 * pks.length).append("{\"TransactItems\":[");
        for (int i = 0; i < pks.length; i++) {
            body.append(i == 0 ? "" : ",").append("{\"Update\":{\"TableName\":\"").append(table).append("\",\"Key\":");
            key(body, pks[i], sks[i]);
            if (i == 0) {
                body.append(",\"UpdateExpression\":\"SET bal = bal - :a\",\"ConditionExpression\":\"bal >= :a\","
                        + "\"ExpressionAttributeValues\":{\":a\":{\"N\":\"").append(pks.length - 1).append("\"}}}}");
            } else {
                body.append(",\"UpdateExpression\":\"SET bal = bal + :a\",\"ExpressionAttributeValues\":{\":a\":{\"N\":\"1\"}}}}");
            }
        }
        transactional("TransactWriteItems", body.append("]}").toString());
    }

    @Override
    public int transactGet(String table, String[] pks, long[] sks) {
        StringBuilder body = new StringBuilder(96 * pks.length).append("{\"TransactItems\":[");
        for (int i = 0; i < pks.length; i++) {
            body.append(i == 0 ? "" : ",").append("{\"Get\":{\"TableName\":\"").append(table).append("\",\"Key\":");
            key(body, pks[i], sks[i]);
            body.append("}}");
        }
        String response = transactional("TransactGetItems", body.append("]}").toString());
        int found = 0;
        for (int at = response.indexOf("\"Item\":{"); at >= 0; at = response.indexOf("\"Item\":{", at + 1)) {
            found++;
        }
        return found;
    }

    private static void key(StringBuilder body, String pk, long sk) {
        body.append("{\"pk\":{\"S\":\"").append(pk).append("\"},\"sk\":{\"N\":\"").append(sk).append("\"}}");
    }

    /** {@link #call}, with the server's cancellations of a transaction as {@link Transactions.Cancelled}. */
    private String transactional(String operation, String json) {
        try {
            return call(operation, json);
        } catch (IllegalStateException e) {
            String message = e.getMessage();
            if (message.contains("TransactionCanceledException")) {
                throw new Transactions.Cancelled(message.contains("ConditionalCheckFailed"), message);
            }
            if (message.contains("TransactionConflictException")) {
                throw new Transactions.Cancelled(false, message);
            }
            throw e;
        }
    }

    /** Sends one request and returns the body of a 200 response; anything else throws. */
    String call(String operation, String json) {
        return send("DynamoDB_20120810.", operation, json);
    }

    /** {@link #call} for an operation of dynalog's admin API, which shares the endpoint and protocol. */
    String callAdmin(String operation, String json) {
        return send("DynalogAdmin_20261203.", operation, json);
    }

    private String send(String targetPrefix, String operation, String json) {
        byte[] body = json.getBytes(StandardCharsets.UTF_8);
        try {
            connect();
            out.write(requestLine);
            out.write(("X-Amz-Target: " + targetPrefix + operation + "\r\nContent-Length: " + body.length + "\r\n")
                    .getBytes(StandardCharsets.US_ASCII));
            out.write(RequestSigner.enabled() ? RequestSigner.headers(endpoint, targetPrefix + operation, body) : AUTH);
            out.write('\r');
            out.write('\n');
            out.write(body);
            out.flush();
            return readResponse(operation);
        } catch (IOException e) {
            closeSocket();
            throw new UncheckedIOException(e);
        }
    }

    private String readResponse(String operation) throws IOException {
        String status = readLine();
        int contentLength = -1;
        boolean close = false;
        for (String h = readLine(); !h.isEmpty(); h = readLine()) {
            int colon = h.indexOf(':');
            String name = h.substring(0, colon).trim();
            if (name.equalsIgnoreCase("Content-Length")) {
                contentLength = Integer.parseInt(h.substring(colon + 1).trim());
            } else if (name.equalsIgnoreCase("Connection") && h.substring(colon + 1).trim().equalsIgnoreCase("close")) {
                close = true;
            }
        }
        if (contentLength < 0) {
            throw new IOException("response without Content-Length: " + status);
        }
        byte[] body = in.readNBytes(contentLength);
        if (close) {
            closeSocket();
        }
        String text = new String(body, StandardCharsets.UTF_8);
        if (!status.startsWith("HTTP/1.1 200")) {
            throw new IllegalStateException(operation + " failed: " + status + " " + text);
        }
        return text;
    }

    private String readLine() throws IOException {
        StringBuilder sb = new StringBuilder(64);
        int c;
        while ((c = in.read()) != '\n') {
            if (c < 0) {
                throw new IOException("connection closed");
            }
            if (c != '\r') {
                sb.append((char) c);
            }
        }
        return sb.toString();
    }

    private void connect() throws IOException {
        if (socket == null) {
            socket = new Socket(endpoint.getHost(), endpoint.getPort());
            socket.setTcpNoDelay(true);
            out = new BufferedOutputStream(socket.getOutputStream(), 64 * 1024);
            in = new BufferedInputStream(socket.getInputStream(), 64 * 1024);
        }
    }

    private void closeSocket() {
        if (socket != null) {
            try {
                socket.close();
            } catch (IOException ignored) {
                // already broken
            }
            socket = null;
        }
    }

    @Override
    public void close() {
        closeSocket();
    }
}
