package dev.dynalog.app.it;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import dev.dynalog.app.Main;
import java.io.PrintWriter;
import java.io.StringWriter;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import picocli.CommandLine;
import software.amazon.awssdk.services.dynamodb.DynamoDbClient;
import software.amazon.awssdk.services.dynamodb.model.AttributeValue;
import software.amazon.awssdk.services.dynamodb.model.StreamViewType;

/** {@code dynalog tail}: a table's changes as DynamoDB Streams JSON lines. */
class TailIT {

    @Test
    void tailFromTheBeginningPrintsEachChangeAsADynamoDbStreamsRecordLine() throws Exception {
        DynamoDbClient db = TestNode.shared().client();
        db.createTable(b -> b.tableName("tail_music").billingMode("PAY_PER_REQUEST")
                .attributeDefinitions(a -> a.attributeName("Artist").attributeType("S"))
                .keySchema(k -> k.attributeName("Artist").keyType("HASH"))
                .streamSpecification(s -> s.streamEnabled(true).streamViewType(StreamViewType.NEW_IMAGE)));
        TestNode.waiter(db).waitUntilTableExists(b -> b.tableName("tail_music"));
        db.putItem(b -> b.tableName("tail_music").item(Map.of("Artist", AttributeValue.fromS("Acme Band"),
                "Year", AttributeValue.fromN("2015"))));
        db.deleteItem(b -> b.tableName("tail_music").key(Map.of("Artist", AttributeValue.fromS("Acme Band"))));

        StringWriter out = new StringWriter();
        int exit = new CommandLine(new Main()).setOut(new PrintWriter(out)).execute("tail", "--table", "tail_music",
                "--from-beginning", "--max-records", "2", "--bootstrap-servers", TestNode.shared().bootstrapServers(),
                "--schema-registry-url", TestNode.shared().schemaRegistry().toString());

        assertThat(exit).isZero();
        List<JsonNode> lines = new ArrayList<>();
        for (String line : out.toString().split("\n")) {
            lines.add(RawDynamoDb.JSON.readTree(line));
        }
        assertThat(lines).extracting(l -> l.path("eventName").asText()).containsExactly("INSERT", "REMOVE");
        assertThat(lines.get(0).path("eventSource").asText()).isEqualTo("aws:dynamodb");
        assertThat(lines.get(0).path("dynamodb").path("Keys"))
                .isEqualTo(RawDynamoDb.JSON.readTree("{\"Artist\":{\"S\":\"Acme Band\"}}"));
        assertThat(lines.get(0).path("dynamodb").path("NewImage").path("Year"))
                .isEqualTo(RawDynamoDb.JSON.readTree("{\"N\":\"2015\"}"));
        assertThat(lines.get(0).path("dynamodb").path("StreamViewType").asText()).isEqualTo("NEW_IMAGE");
    }

    @Test
    void tailOfATableCreatedAgainPrintsOnlyTheNewTablesChanges() throws Exception {
        DynamoDbClient db = TestNode.shared().client();
        for (String artist : new String[] {"Old Band", "New Band"}) {
            db.createTable(b -> b.tableName("tail_again").billingMode("PAY_PER_REQUEST")
                    .attributeDefinitions(a -> a.attributeName("Artist").attributeType("S"))
                    .keySchema(k -> k.attributeName("Artist").keyType("HASH"))
                    .streamSpecification(s -> s.streamEnabled(true).streamViewType(StreamViewType.KEYS_ONLY)));
            TestNode.waiter(db).waitUntilTableExists(b -> b.tableName("tail_again"));
            db.putItem(b -> b.tableName("tail_again").item(Map.of("Artist", AttributeValue.fromS(artist))));
            if (artist.startsWith("Old")) {
                db.deleteTable(b -> b.tableName("tail_again"));
                TestNode.waiter(db).waitUntilTableNotExists(b -> b.tableName("tail_again"));
            }
        }

        StringWriter out = new StringWriter();
        int exit = new CommandLine(new Main()).setOut(new PrintWriter(out)).execute("tail", "--table", "tail_again",
                "--from-beginning", "--max-records", "1", "--bootstrap-servers", TestNode.shared().bootstrapServers(),
                "--schema-registry-url", TestNode.shared().schemaRegistry().toString());

        assertThat(exit).isZero();
        assertThat(RawDynamoDb.JSON.readTree(out.toString().trim()).path("dynamodb").path("Keys"))
                .isEqualTo(RawDynamoDb.JSON.readTree("{\"Artist\":{\"S\":\"New Band\"}}"));
    }

    @Test
    void tailOfATableWithoutAStreamSaysSo() {
        StringWriter err = new StringWriter();
        int exit = new CommandLine(new Main()).setErr(new PrintWriter(err)).execute("tail", "--table", "tail_none",
                "--bootstrap-servers", TestNode.shared().bootstrapServers(),
                "--schema-registry-url", TestNode.shared().schemaRegistry().toString());

        assertThat(exit).isEqualTo(1);
        assertThat(err.toString()).contains("Table tail_none has no change stream");
    }
}
