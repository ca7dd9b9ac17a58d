package dev.dynalog.bench;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import com.sun.net.httpserver.HttpServer;
import java.net.InetSocketAddress;
import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Set;
import java.util.SplittableRandom;
import java.util.function.Function;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/**
 * batch-write's batches, and its resends of UnprocessedItems, which neither DynamoDB Local nor a
 * healthy dynalog returns in a short run: a stub server leaves some items unprocessed.
 */
class BatchWriteTest {
    private static final ObjectMapper JSON = new ObjectMapper();
    private HttpServer server;
    private final List<JsonNode> requests = new ArrayList<>();

    @AfterEach
    void stop() {
        if (server != null) {
            server.stop(0);
        }
    }

    @Test
    void aBatchHas25DistinctKeysOfThePutWorkloadAndItsOwnVersions() {
        List<String[]> batches = new ArrayList<>();
        List<Long> versions = new ArrayList<>();
        DynamoDbClientApi client = new RecordingClient() {
            @Override
            public int batchWrite(String table, String[] pks, String payload, long firstVersion) {
                assertThat(table).isEqualTo(Workload.TABLE);
                batches.add(pks);
                versions.add(firstVersion);
                return 2;
            }
        };
        // 25 of 30 keys: most batches draw some key twice and have to draw again
        Workload.Context c = new Workload.Context(client, KeyChooser.of("uniform", 30), 1, "p", 0, new SplittableRandom(1),
                new long[] {7}, new String[1], null, new long[1]);
        for (int i = 0; i < 100; i++) {
            assertThat(Workload.BATCH_WRITE.run(c)).isTrue();
        }
        for (String[] pks : batches) {
            assertThat(pks).hasSize(Workload.BATCH_ITEMS).doesNotHaveDuplicates()
                    .allSatisfy(pk -> assertThat(Long.parseLong(pk.substring(1))).isBetween(0L, 29L).as(pk));
        }
        assertThat(versions.get(0)).isEqualTo(7);
        assertThat(versions.get(1)).isEqualTo(7 + Workload.BATCH_ITEMS);
        assertThat(c.resent()[0]).isEqualTo(200);
        assertThat(Workload.parse("batch-write")).isEqualTo(Workload.BATCH_WRITE);
    }

    @Test
    void aDistributionThatReachesTooFewKeysFailsTheOperationInsteadOfDrawingForever() {
        // a chooser that can only ever draw 24 keys, fewer than a batch holds
        Workload.Context c = new Workload.Context(new RecordingClient() {
            @Override
            public int batchWrite(String table, String[] pks, String payload, long firstVersion) {
                throw new AssertionError("no batch expected");
            }
        }, random -> random.nextLong(24), 1, "p", 0, new SplittableRandom(1), new long[1], new String[1], null, new long[1]);
        assertThatThrownBy(() -> Workload.BATCH_WRITE.run(c)).isInstanceOf(IllegalStateException.class)
                .hasMessageContaining("too few keys");
    }

    @ParameterizedTest
    @ValueSource(strings = {"lean", "sdk"})
    void unprocessedItemsAreSentAgainUntilAllAreWritten(String clientName) throws Exception {
        // the first answer leaves items 0, 3 and 24 unprocessed, the second item 3 again
        int[] calls = {0};
        start(request -> {
            ArrayNode items = (ArrayNode) request.get("RequestItems").get(Workload.TABLE);
            ObjectNode answer = JSON.createObjectNode();
            ArrayNode left = answer.putObject("UnprocessedItems").putArray(Workload.TABLE);
            switch (calls[0]++) {
                case 0 -> left.add(items.get(0)).add(items.get(3)).add(items.get(24));
                case 1 -> left.add(items.get(1));
                default -> answer.putObject("UnprocessedItems");
            }
            return answer;
        });
        String[] pks = new String[Workload.BATCH_ITEMS];
        for (int i = 0; i < pks.length; i++) {
            pks[i] = "u" + (100 + i);
        }
        try (DynamoDbClientApi client = client(clientName)) {
            // braces in a value must not end the lean client's reading of UnprocessedItems
            assertThat(client.batchWrite(Workload.TABLE, pks, "x{}x", 50)).isEqualTo(4);
        }
        assertThat(requests).hasSize(3);
        assertThat(itemKeys(requests.get(0))).hasSize(25);
        assertThat(itemKeys(requests.get(1))).containsExactly("u100:50", "u103:53", "u124:74");
        assertThat(itemKeys(requests.get(2))).containsExactly("u103:53");
        JsonNode resent = requests.get(2).get("RequestItems").get(Workload.TABLE).get(0).get("PutRequest").get("Item");
        assertThat(resent.get("payload").get("S").asText()).isEqualTo("x{}x");
        assertThat(resent.get("sk").get("N").asText()).isEqualTo("0");
    }

    @ParameterizedTest
    @ValueSource(strings = {"lean", "sdk"})
    void aServerThatNeverWritesAnItemFailsTheOperationAfterTheResends(String clientName) throws Exception {
        start(request -> {
            ObjectNode answer = JSON.createObjectNode();
            answer.putObject("UnprocessedItems").putArray(Workload.TABLE)
                    .add(request.get("RequestItems").get(Workload.TABLE).get(0));
            return answer;
        });
        String[] pks = new String[Workload.BATCH_ITEMS];
        for (int i = 0; i < pks.length; i++) {
            pks[i] = "u" + i;
        }
        try (DynamoDbClientApi client = client(clientName)) {
            assertThatThrownBy(() -> client.batchWrite(Workload.TABLE, pks, "p", 0))
                    .hasMessageContaining("unprocessed after " + DynamoDbClientApi.BATCH_RESENDS + " resends");
        }
        assertThat(requests).hasSize(1 + DynamoDbClientApi.BATCH_RESENDS);
    }

    private void start(Function<JsonNode, JsonNode> answer) throws Exception {
        server = HttpServer.create(new InetSocketAddress("127.0.0.1", 0), 0);
        server.createContext("/", exchange -> {
            JsonNode request = JSON.readTree(exchange.getRequestBody().readAllBytes());
            synchronized (requests) {
                requests.add(request);
            }
            byte[] body = JSON.writeValueAsBytes(answer.apply(request));
            exchange.getResponseHeaders().add("Content-Type", "application/x-amz-json-1.0");
            exchange.sendResponseHeaders(200, body.length);
            exchange.getResponseBody().write(body);
            exchange.close();
        });
        server.start();
    }

    private DynamoDbClientApi client(String name) {
        URI endpoint = URI.create("http://127.0.0.1:" + server.getAddress().getPort());
        return name.equals("lean") ? new LeanClient(endpoint) : new SdkClient(endpoint, 1);
    }

    /** The request's items as "pk:ver". */
    private static List<String> itemKeys(JsonNode request) {
        List<String> keys = new ArrayList<>();
        Set<String> tables = new HashSet<>();
        request.get("RequestItems").fieldNames().forEachRemaining(tables::add);
        assertThat(tables).containsExactly(Workload.TABLE);
        for (JsonNode w : request.get("RequestItems").get(Workload.TABLE)) {
            JsonNode item = w.get("PutRequest").get("Item");
            keys.add(item.get("pk").get("S").asText() + ":" + item.get("ver").get("N").asText());
        }
        return keys;
    }

    /** A client whose calls other than the one a test overrides are not expected. */
    private abstract static class RecordingClient implements DynamoDbClientApi {
        public void createTable(String t) {
            throw new UnsupportedOperationException();
        }

        public void put(String t, String pk, long sk, String p, long v) {
            throw new UnsupportedOperationException();
        }

        public void update(String t, String pk, long sk, String p) {
            throw new UnsupportedOperationException();
        }

        public long get(String t, String pk, long sk, boolean c) {
            throw new UnsupportedOperationException();
        }

        public long selectByKey(String t, String pk, long sk) {
            throw new UnsupportedOperationException();
        }

        public int query(String t, String pk) {
            throw new UnsupportedOperationException();
        }

        public String scanPage(String t, int l, String s) {
            throw new UnsupportedOperationException();
        }

        public void transfer(String t, String[] pks, long[] sks) {
            throw new UnsupportedOperationException();
        }

        public int transactGet(String t, String[] pks, long[] sks) {
            throw new UnsupportedOperationException();
        }

        public void close() {
        }
    }
}
