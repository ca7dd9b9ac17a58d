package dev.dynalog.app;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.PrintWriter;
import java.io.StringWriter;
import java.math.BigDecimal;
import java.nio.file.Path;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import picocli.CommandLine;

class ExportCommandTest {
    private static final String ID = "01796290000123-0a1b2c3d";
    private static final String RUNNING = "{\"Export\":{\"ExportId\":\"" + ID + "\",\"TableName\":\"orders\","
            + "\"Status\":\"IN_PROGRESS\",\"StartTime\":1796290000.2}}";
    private static final String COMPLETED = "{\"Export\":{\"ExportId\":\"" + ID + "\",\"TableName\":\"orders\","
            + "\"Status\":\"COMPLETED\",\"ExportTime\":1796290999.870,\"ItemCount\":2500,\"BilledSizeBytes\":2560000,"
            + "\"Directory\":\"/backups/orders\",\"ExportManifest\":\"AWSDynamoDB/" + ID + "/manifest-summary.json\"}}";

    private final FakeAdminNode node = new FakeAdminNode();
    private final StringWriter out = new StringWriter();
    private final StringWriter err = new StringWriter();

    @AfterEach
    void stopNode() {
        node.close();
    }

    @Test
    void exportAsksForTheTableTheAbsoluteDirectoryAndThePointInTime() {
        node.answer("ExportTable", COMPLETED);

        int exit = run("--table", "orders", "--to", "backups/orders", "--to-time", "2026-12-03T10:43:20.123+01:00");

        assertThat(exit).isZero();
        FakeAdminNode.Request request = node.requests().get(0);
        assertThat(request.target()).isEqualTo("DynalogAdmin_20261203.ExportTable");
        assertThat(request.body().get("TableName").asText()).isEqualTo("orders");
        assertThat(request.body().get("Directory").asText())
                .isEqualTo(Path.of("backups/orders").toAbsolutePath().normalize().toString());
        assertThat(request.body().get("ExportTime").decimalValue()).isEqualByComparingTo(new BigDecimal("1796291000.123"));
    }

    @Test
    void epochMillisecondsNameThePointInTimeToo() {
        node.answer("ExportTable", COMPLETED);

        run("--table", "orders", "--to", "/backups/orders", "--to-time", "1796291000123");

        assertThat(node.requests().get(0).body().get("ExportTime").decimalValue())
                .isEqualByComparingTo(new BigDecimal("1796291000.123"));
    }

    @Test
    void withoutToTimeTheNodeExportsNow() {
        node.answer("ExportTable", COMPLETED);

        run("--table", "orders", "--to", "/backups/orders");

        assertThat(node.requests().get(0).body().has("ExportTime")).isFalse();
    }

    @Test
    void aRunningExportIsFollowedUntilItCompletesAndSummarized() {
        node.answer("ExportTable", RUNNING).answer("DescribeExport", COMPLETED);

        int exit = run("--table", "orders", "--to", "/backups/orders");

        assertThat(exit).isZero();
        assertThat(node.requests()).extracting(FakeAdminNode.Request::target)
                .containsExactly("DynalogAdmin_20261203.ExportTable", "DynalogAdmin_20261203.DescribeExport");
        assertThat(node.requests().get(1).body().get("ExportId").asText()).isEqualTo(ID);
        assertThat(err.toString()).startsWith("export " + ID + ": IN_PROGRESS");
        assertThat(out.toString()).contains(
                "Export " + ID + " of table orders COMPLETED",
                "items:        2500",
                "billed bytes: 2560000",
                "export time:  2026-12-03T09:43:19.870Z",
                "manifest:     /backups/orders/AWSDynamoDB/" + ID + "/manifest-summary.json");
    }

    @Test
    void aFailedExportExitsWithOneAndSaysWhy() {
        node.answer("ExportTable", RUNNING).answer("DescribeExport", "{\"Export\":{\"ExportId\":\"" + ID
                + "\",\"Status\":\"FAILED\",\"FailureMessage\":\"No space left on device\"}}");

        int exit = run("--table", "orders", "--to", "/backups/orders");

        assertThat(exit).isOne();
        assertThat(err.toString()).contains("Export " + ID + " of table orders FAILED: No space left on device");
        assertThat(out.toString()).isEmpty();
    }

    @Test
    void aRefusedExportExitsWithOneAndTheErrorsTypeAndMessage() {
        node.answer("ExportTable", 400, "{\"__type\":\"com.amazonaws.dynamodb.v20120810#TableNotFoundException\","
                + "\"message\":\"Table not found: orders\"}");

        int exit = run("--table", "orders", "--to", "/backups/orders");

        assertThat(exit).isOne();
        assertThat(err.toString()).contains("Export of table orders failed: TableNotFoundException: Table not found: orders");
    }

    @Test
    void aPointInTimeWithoutOffsetIsAUsageErrorAndAsksNothing() {
        int exit = run("--table", "orders", "--to", "/backups/orders", "--to-time", "2026-12-03T09:43:20");

        assertThat(exit).isEqualTo(2);
        assertThat(err.toString()).contains("--to-time", "offset");
        assertThat(node.requests()).isEmpty();
    }

    private int run(String... args) {
        CommandLine command = new CommandLine(new ExportCommand());
        command.setOut(new PrintWriter(out, true));
        command.setErr(new PrintWriter(err, true));
        String[] withEndpoint = new String[args.length + 2];
        withEndpoint[0] = "--endpoint";
        withEndpoint[1] = node.endpoint().toString();
        System.arraycopy(args, 0, withEndpoint, 2, args.length);
        return command.execute(withEndpoint);
    }
}
