package dev.dynalog.app.it;

import dev.dynalog.app.node.DynalogNode;
import dev.dynalog.app.node.NodeConfig;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.testcontainers.junit.jupiter.Container;
import org.testcontainers.junit.jupiter.Testcontainers;
import org.testcontainers.kafka.KafkaContainer;
import software.amazon.awssdk.services.dynamodb.DynamoDbClient;

/**
 * The external-broker scenario against the official Apache Kafka image in a container, where a
 * Docker engine exists; skipped where none does (ExternalBrokerIT covers the same without Docker).
 */
@Testcontainers(disabledWithoutDocker = true)
class ContainerBrokerIT {
    @Container
    static final KafkaContainer KAFKA = new KafkaContainer("apache/kafka:4.3.1");

    @TempDir
    Path dir;

    @Test
    void dynalogServesFromAKafkaContainer() throws Exception {
        NodeConfig config = NodeConfig.of(KAFKA.getBootstrapServers(), dir, "127.0.0.1", 0);
        try (DynalogNode node = DynalogNode.start(config); DynamoDbClient db = Clients.dynamoDb(node.endpoint())) {
            RestartIT.createAndFill(db, "in_container", 20);
            RestartIT.assertAllThere(db, "in_container", 20);
        }
    }
}
