package dev.dynalog.app.it;

import static org.assertj.core.api.Assertions.assertThat;

import dev.dynalog.app.Main;
import dev.dynalog.streams.index.IndexLagMetrics;
import java.io.PrintWriter;
import java.io.StringWriter;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.util.Map;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import picocli.CommandLine;
import software.amazon.awssdk.services.dynamodb.DynamoDbClient;
import software.amazon.awssdk.services.dynamodb.model.AttributeValue;
import software.amazon.awssdk.services.dynamodb.model.ProjectionType;

/**
 * The index lag a node measured, as operators read it: {@code GET /metrics} on the DynamoDB
 * endpoint in Prometheus' text format, and {@code dynalog index-lag} on top of it. Most lags are
 * recorded straight into the node's {@link IndexLagMetrics}, as its GSI materializer does, so that
 * the exact figures pin down the export; one test goes through a real global index.
 */
class IndexLagIT {
    private static final HttpClient HTTP = HttpClient.newHttpClient();

    @BeforeAll
    static void lags() {
        IndexLagMetrics lag = TestNode.shared().indexLagMetrics();
        for (long ms = 1; ms <= 100; ms++) {
            lag.record("lag_orders", "byCustomer", ms);
        }
        lag.record("lag_orders", "byStatus", 7);
        lag.record("lag_users", "byEmail", 250);
    }

    private static HttpResponse<String> get(String path) throws Exception {
        return HTTP.send(HttpRequest.newBuilder(TestNode.shared().endpoint().resolve(path)).GET().build(),
                HttpResponse.BodyHandlers.ofString());
    }

    @Test
    void getMetricsServesEachIndexLagAsAPrometheusSummary() throws Exception {
        HttpResponse<String> r = get("/metrics");

        assertThat(r.statusCode()).isEqualTo(200);
        assertThat(r.headers().firstValue("Content-Type")).hasValue("text/plain; version=0.0.4; charset=utf-8");
        assertThat(r.body())
                .contains("# TYPE dynalog_gsi_lag_milliseconds summary\n")
                .contains("dynalog_gsi_lag_milliseconds{table=\"lag_orders\",index=\"byCustomer\",quantile=\"0.5\"} 50\n")
                .contains("dynalog_gsi_lag_milliseconds{table=\"lag_orders\",index=\"byCustomer\",quantile=\"0.99\"} 99\n")
                .contains("dynalog_gsi_lag_milliseconds_count{table=\"lag_orders\",index=\"byCustomer\"} 100\n")
                .contains("dynalog_gsi_lag_milliseconds_sum{table=\"lag_orders\",index=\"byCustomer\"} 5050\n")
                .contains("dynalog_gsi_lag_milliseconds_max{table=\"lag_orders\",index=\"byCustomer\"} 100\n")
                .contains("dynalog_gsi_lag_milliseconds_count{table=\"lag_users\",index=\"byEmail\"} 1\n");
    }

    @Test
    void anyOtherGetIsStillTheHealthCheck() throws Exception {
        HttpResponse<String> r = get("/");

        assertThat(r.statusCode()).isEqualTo(200);
        assertThat(r.body()).isEqualTo("healthy: dynalog");
    }

    @Test
    void indexLagCommandPrintsOneRowPerIndexOfTheTable() {
        StringWriter out = new StringWriter();
        int exit = new CommandLine(new Main()).setOut(new PrintWriter(out)).execute("index-lag",
                "--endpoint", TestNode.shared().endpoint().toString(), "--table", "lag_orders");

        assertThat(exit).isZero();
        assertThat(out.toString()).isEqualTo("""
                table       index       p50 ms  p99 ms  max ms  applied
                lag_orders  byCustomer      50      99     100      100
                lag_orders  byStatus         7       7       7        1
                p50, p99 and max over the last minute; applied: index changes since the node started.
                """);
    }

    @Test
    void indexLagCommandForATableWithoutIndexLagSaysSo() {
        StringWriter out = new StringWriter();
        int exit = new CommandLine(new Main()).setOut(new PrintWriter(out)).execute("index-lag",
                "--endpoint", TestNode.shared().endpoint().toString(), "--table", "lag_none");

        assertThat(exit).isZero();
        assertThat(out.toString().trim())
                .isEqualTo("No global secondary index of table lag_none has applied a change since the node started.");
    }

    @Test
    void aPutIntoATableWithAGlobalIndexIsCountedInItsIndexLag() throws Exception {
        DynamoDbClient db = TestNode.shared().client();
        db.createTable(b -> b.tableName("lag_live").billingMode("PAY_PER_REQUEST")
                .attributeDefinitions(a -> a.attributeName("id").attributeType("S"), a -> a.attributeName("g").attributeType("S"))
                .keySchema(k -> k.attributeName("id").keyType("HASH"))
                .globalSecondaryIndexes(i -> i.indexName("byG").keySchema(k -> k.attributeName("g").keyType("HASH"))
                        .projection(p -> p.projectionType(ProjectionType.ALL))));
        TestNode.waiter(db).waitUntilTableExists(b -> b.tableName("lag_live"));
        db.putItem(b -> b.tableName("lag_live").item(Map.of("id", AttributeValue.fromS("i1"), "g", AttributeValue.fromS("g1"))));

        // The index trails the table by about the commit interval.
        String count = "dynalog_gsi_lag_milliseconds_count{table=\"lag_live\",index=\"byG\"} 1\n";
        long deadline = System.currentTimeMillis() + 30_000;
        while (!get("/metrics").body().contains(count) && System.currentTimeMillis() < deadline) {
            Thread.sleep(100);
        }
        assertThat(get("/metrics").body()).contains(count)
                .containsPattern("dynalog_gsi_lag_milliseconds\\{table=\"lag_live\",index=\"byG\",quantile=\"0.5\"} \\d+\n");
    }
}
