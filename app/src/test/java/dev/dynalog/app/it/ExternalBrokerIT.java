package dev.dynalog.app.it;

import static org.assertj.core.api.Assertions.assertThat;

import dev.dynalog.app.node.DynalogNode;
import dev.dynalog.app.node.NodeConfig;
import java.nio.file.Path;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import software.amazon.awssdk.services.dynamodb.DynamoDbClient;
import software.amazon.awssdk.services.dynamodb.model.AttributeValue;

/**
 * dynalog with {@code --bootstrap-servers} on a Kafka broker running as its own process, as
 * docker-compose.yml runs them: tables and items live in that broker and survive a restart of
 * dynalog.
 */
class ExternalBrokerIT {
    @TempDir
    Path dir;

    @Test
    void dynalogServesFromAnExternalBrokerAndKeepsDataAcrossItsRestart() throws Exception {
        try (KafkaBrokerProcess kafka = KafkaBrokerProcess.start(dir.resolve("broker"))) {
            NodeConfig config = NodeConfig.of(kafka.bootstrapServers(), dir.resolve("node"), "127.0.0.1", 0);
            try (DynalogNode node = DynalogNode.start(config); DynamoDbClient db = Clients.dynamoDb(node.endpoint())) {
                RestartIT.createAndFill(db, "external", 50);
            }
            NodeConfig freshState = NodeConfig.of(kafka.bootstrapServers(), dir.resolve("other-node"), "127.0.0.1", 0);
            try (DynalogNode node = DynalogNode.start(freshState); DynamoDbClient db = Clients.dynamoDb(node.endpoint())) {
                RestartIT.assertAllThere(db, "external", 50);
                db.putItem(r -> r.tableName("external").item(Map.of("id", AttributeValue.fromS("late"))));
                assertThat(db.getItem(r -> r.tableName("external").key(Map.of("id", AttributeValue.fromS("late")))
                        .consistentRead(true)).hasItem()).isTrue();
            }
        }
    }
}
