package dev.dynalog.app;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.PrintWriter;
import java.io.StringWriter;
import java.nio.file.Path;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import picocli.CommandLine;

class ImportCommandTest {
    private static final ObjectMapper JSON = new ObjectMapper();
    private static final String ID = "01796291000500-9f8e7d6c";
    private static final String RUNNING = "{\"Import\":{\"ImportId\":\"" + ID + "\",\"TableName\":\"orders2\","
            + "\"Status\":\"IN_PROGRESS\",\"ProcessedItemCount\":1000,\"ImportedItemCount\":990,\"ErrorCount\":0}}";
    private static final String COMPLETED = "{\"Import\":{\"ImportId\":\"" + ID + "\",\"TableName\":\"orders2\","
            + "\"TableArn\":\"arn:aws:dynamodb:us-east-1:000000000000:table/orders2\",\"Status\":\"COMPLETED\","
            + "\"ProcessedItemCount\":2500,\"ImportedItemCount\":2498,\"ErrorCount\":2}}";

    private final FakeAdminNode node = new FakeAdminNode();
    private final StringWriter out = new StringWriter();
    private final StringWriter err = new StringWriter();

    @AfterEach
    void stopNode() {
        node.close();
    }

    @Test
    void aKeySchemaBecomesTheNewTablesKeysOnDemand() throws Exception {
        node.answer("ImportTable", COMPLETED);

        int exit = run("--from", "backups/orders", "--into", "orders2", "--key-schema", "pk:S,sk:N");

        assertThat(exit).isZero();
        JsonNode request = node.requests().get(0).body();
        assertThat(node.requests().get(0).target()).isEqualTo("DynalogAdmin_20261203.ImportTable");
        assertThat(request.get("Directory").asText())
                .isEqualTo(Path.of("backups/orders").toAbsolutePath().normalize().toString());
        assertThat(request.get("TableName").asText()).isEqualTo("orders2");
        assertThat(request.get("KeySchema")).isEqualTo(JSON.readTree(
                "[{\"AttributeName\":\"pk\",\"KeyType\":\"HASH\"},{\"AttributeName\":\"sk\",\"KeyType\":\"RANGE\"}]"));
        assertThat(request.get("AttributeDefinitions")).isEqualTo(JSON.readTree(
                "[{\"AttributeName\":\"pk\",\"AttributeType\":\"S\"},{\"AttributeName\":\"sk\",\"AttributeType\":\"N\"}]"));
        assertThat(request.get("BillingMode").asText()).isEqualTo("PAY_PER_REQUEST");
    }

    @Test
    void withoutAKeySchemaTheNodeTakesTheTableFromTheExport() {
        node.answer("ImportTable", COMPLETED);

        run("--from", "/backups/orders", "--into", "orders2");

        JsonNode request = node.requests().get(0).body();
        assertThat(request.has("KeySchema")).isFalse();
        assertThat(request.has("AttributeDefinitions")).isFalse();
        assertThat(request.has("BillingMode")).isFalse();
    }

    @Test
    void aRunningImportIsFollowedUntilItCompletesAndSummarized() {
        node.answer("ImportTable", RUNNING).answer("DescribeImport", COMPLETED);

        int exit = run("--from", "/backups/orders", "--into", "orders2");

        assertThat(exit).isZero();
        assertThat(node.requests().get(1).target()).isEqualTo("DynalogAdmin_20261203.DescribeImport");
        assertThat(node.requests().get(1).body().get("ImportId").asText()).isEqualTo(ID);
        assertThat(err.toString()).startsWith("import " + ID + ": IN_PROGRESS, 1000 items processed, 990 imported");
        assertThat(out.toString()).contains("Import " + ID + " into table orders2 COMPLETED",
                "processed items: 2500", "imported items:  2498", "errors:          2",
                "table:           arn:aws:dynamodb:us-east-1:000000000000:table/orders2");
    }

    @Test
    void aFailedImportExitsWithOneAndSaysWhy() {
        node.answer("ImportTable", "{\"Import\":{\"ImportId\":\"" + ID + "\",\"Status\":\"FAILED\","
                + "\"FailureMessage\":\"data/x.json.gz is damaged: its MD5 is ...\"}}");

        int exit = run("--from", "/backups/orders", "--into", "orders2");

        assertThat(exit).isOne();
        assertThat(err.toString()).contains("Import " + ID + " into table orders2 FAILED: data/x.json.gz is damaged");
    }

    @Test
    void aRefusedImportExitsWithOneAndTheErrorsTypeAndMessage() {
        node.answer("ImportTable", 400, "{\"__type\":\"com.amazonaws.dynamodb.v20120810#TableAlreadyExistsException\","
                + "\"message\":\"Table already exists: orders2\"}");

        int exit = run("--from", "/backups/orders", "--into", "orders2");

        assertThat(exit).isOne();
        assertThat(err.toString()).contains(
                "Import into table orders2 failed: TableAlreadyExistsException: Table already exists: orders2");
    }

    @Test
    void aKeySchemaThatIsNotNameColonTypeIsAUsageError() {
        assertThat(run("--from", "/b", "--into", "t", "--key-schema", "pk")).isEqualTo(2);
        assertThat(run("--from", "/b", "--into", "t", "--key-schema", "pk:X")).isEqualTo(2);
        assertThat(run("--from", "/b", "--into", "t", "--key-schema", "a:S,b:S,c:S")).isEqualTo(2);
        assertThat(run("--from", "/b", "--into", "t", "--key-schema", "pk:S,pk:N")).isEqualTo(2);
        assertThat(err.toString()).contains("--key-schema");
        assertThat(node.requests()).isEmpty();
    }

    private int run(String... args) {
        CommandLine command = new CommandLine(new ImportCommand());
        command.setOut(new PrintWriter(out, true));
        command.setErr(new PrintWriter(err, true));
        String[] withEndpoint = new String[args.length + 2];
        withEndpoint[0] = "--endpoint";
        withEndpoint[1] = node.endpoint().toString();
        System.arraycopy(args, 0, withEndpoint, 2, args.length);
        return command.execute(withEndpoint);
    }
}
