package dev.dynalog.app.it;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import dev.dynalog.schemas.change.ChangeRecord;
import dev.dynalog.schemas.registry.SchemaRegistryClient;
import dev.dynalog.schemas.registry.SubjectNames;
import dev.dynalog.streams.TopicNames;
import java.io.File;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Assumptions;
import org.junit.jupiter.api.Test;

/**
 * A third-party client reads a change topic: Node.js with the npm packages {@code kafkajs} and
 * {@code @kafkajs/confluent-schema-registry}, which no one here wrote, decode every record against
 * dynalog's embedded schema registry, and the images they rebuild (by CHANGE_RECORDS.md's
 * mapping) are exactly the items GetItem returned. The packages are installed here with
 * {@code npm ci} from the committed lock file, so CI needs only Node; without Node the test is
 * skipped, saying so.
 */
class NodeChangeReaderIT {
    private static final Path SCRIPT_DIR = Path.of("src", "test", "node", "change-reader").toAbsolutePath();
    private static final String TABLE = "node_reader";

    @Test
    void kafkajsAndTheConfluentRegistryClientDecodeEveryRecordToTheItemsDynamoDbReturned() throws Exception {
        Assumptions.assumeTrue(commandWorks("node", "--version"),
                "Node.js is not installed: skipping the third-party (kafkajs) change-stream client test");
        Process install = new ProcessBuilder(npm(), "ci", "--ignore-scripts", "--no-audit", "--no-fund")
                .directory(SCRIPT_DIR.toFile()).redirectErrorStream(true).start();
        String installOutput = new String(install.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
        assertThat(install.waitFor(5, TimeUnit.MINUTES)).isTrue();
        assertThat(install.exitValue()).as("npm ci:\n%s", installOutput).isZero();

        RawDynamoDb db = new RawDynamoDb(TestNode.shared().endpoint());
        assertThat(db.call("CreateTable", "{\"TableName\":\"" + TABLE + "\",\"BillingMode\":\"PAY_PER_REQUEST\","
                + "\"AttributeDefinitions\":[{\"AttributeName\":\"pk\",\"AttributeType\":\"S\"},"
                + "{\"AttributeName\":\"sk\",\"AttributeType\":\"N\"}],"
                + "\"KeySchema\":[{\"AttributeName\":\"pk\",\"KeyType\":\"HASH\"},{\"AttributeName\":\"sk\",\"KeyType\":\"RANGE\"}],"
                + "\"StreamSpecification\":{\"StreamEnabled\":true,\"StreamViewType\":\"NEW_AND_OLD_IMAGES\"}}").status())
                .isEqualTo(200);
        TestNode.waiter(TestNode.shared().client()).waitUntilTableExists(b -> b.tableName(TABLE));
        String key = "{\"pk\":{\"S\":\"all-types\"},\"sk\":{\"N\":\"-12.5\"}}";
        call(db, "PutItem", "{\"TableName\":\"" + TABLE + "\",\"Item\":{\"pk\":{\"S\":\"all-types\"},\"sk\":{\"N\":\"-12.5\"},"
                + "\"s\":{\"S\":\"héllo\"},\"n\":{\"N\":\"123456789012345678901234567890.12345678\"},"
                + "\"b\":{\"B\":\"AAEC/w==\"},\"bool\":{\"BOOL\":true},\"null\":{\"NULL\":true},"
                + "\"m\":{\"M\":{\"inner\":{\"L\":[{\"S\":\"x\"},{\"N\":\"1\"},{\"M\":{}}]}}},\"l\":{\"L\":[]},"
                + "\"ss\":{\"SS\":[\"a\",\"b\"]},\"ns\":{\"NS\":[\"1\",\"2.5\"]},\"bs\":{\"BS\":[\"AQ==\",\"Ag==\"]}}}");
        JsonNode inserted = item(db, key);
        call(db, "UpdateItem", "{\"TableName\":\"" + TABLE + "\",\"Key\":" + key
                + ",\"UpdateExpression\":\"SET bool = :f REMOVE l ADD ns :three\","
                + "\"ExpressionAttributeValues\":{\":f\":{\"BOOL\":false},\":three\":{\"NS\":[\"3\"]}}}");
        JsonNode modified = item(db, key);
        call(db, "DeleteItem", "{\"TableName\":\"" + TABLE + "\",\"Key\":" + key + "}");

        String topic = new TopicNames("dynalog").changes(TABLE);
        List<JsonNode> records = readWithNode(topic, 3);

        int schemaId = new SchemaRegistryClient(TestNode.shared().schemaRegistry())
                .lookup(SubjectNames.value(topic), ChangeRecord.getClassSchema()).id();
        assertThat(records).extracting(r -> r.path("eventName").asText()).containsExactly("INSERT", "MODIFY", "REMOVE");
        assertThat(records).allSatisfy(r -> {
            assertThat(r.path("magicByte").asInt()).isZero();
            assertThat(r.path("schemaId").asInt()).isEqualTo(schemaId);
            assertThat(r.path("tableName").asText()).isEqualTo(TABLE);
            assertThat(r.path("keys")).isEqualTo(RawDynamoDb.JSON.readTree(key));
            assertThat(RawDynamoDb.JSON.readTree(r.path("key").asText())).isEqualTo(RawDynamoDb.JSON.readTree(key));
        });
        assertThat(records.get(0).path("newImage")).isEqualTo(inserted);
        assertThat(records.get(0).path("oldImage").isNull()).isTrue();
        assertThat(records.get(1).path("oldImage")).isEqualTo(inserted);
        assertThat(records.get(1).path("newImage")).isEqualTo(modified);
        assertThat(records.get(2).path("oldImage")).isEqualTo(modified);
        assertThat(records.get(2).path("newImage").isNull()).isTrue();
    }

    private static List<JsonNode> readWithNode(String topic, int expected) throws IOException, InterruptedException {
        Path out = Files.createTempFile("node-reader", ".out");
        Process node = new ProcessBuilder("node", "read-changes.js", TestNode.shared().bootstrapServers(),
                TestNode.shared().schemaRegistry().toString(), topic, String.valueOf(expected))
                .directory(SCRIPT_DIR.toFile())
                .redirectOutput(out.toFile())
                .redirectError(ProcessBuilder.Redirect.appendTo(out.toFile()))
                .start();
        assertThat(node.waitFor(2, TimeUnit.MINUTES)).as("node finished").isTrue();
        List<String> lines = Files.readAllLines(out);
        assertThat(node.exitValue()).as("node read-changes.js:\n%s", String.join("\n", lines)).isZero();
        List<JsonNode> records = new ArrayList<>();
        for (String line : lines) {
            if (line.startsWith("{")) {
                records.add(RawDynamoDb.JSON.readTree(line));
            }
        }
        return records;
    }

    private static void call(RawDynamoDb db, String operation, String body) {
        RawDynamoDb.Response r = db.call(operation, body);
        assertThat(r.status()).as("%s: %s", operation, r.body()).isEqualTo(200);
    }

    private static JsonNode item(RawDynamoDb db, String key) {
        RawDynamoDb.Response r = db.call("GetItem", "{\"TableName\":\"" + TABLE + "\",\"Key\":" + key
                + ",\"ConsistentRead\":true}");
        return r.body().path("Item");
    }

    private static String npm() {
        return File.separatorChar == '\\' ? "npm.cmd" : "npm";
    }

    static boolean commandWorks(String... command) {
        try {
            Process p = new ProcessBuilder(command).redirectErrorStream(true).start();
            p.getInputStream().readAllBytes();
            return p.waitFor(30, TimeUnit.SECONDS) && p.exitValue() == 0;
        } catch (IOException e) {
            return false;
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            return false;
        }
    }
}
