package dev.dynalog.app.it;

import dev.dynalog.app.DynalogServer;
import dev.dynalog.app.node.DynalogNode;
import dev.dynalog.app.node.NodeConfig;
import dev.dynalog.streams.index.IndexLagMetrics;
import java.io.IOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeSet;
import java.util.function.UnaryOperator;
import software.amazon.awssdk.services.dynamodb.DynamoDbClient;
import software.amazon.awssdk.services.dynamodb.waiters.DynamoDbWaiter;

/**
 * A dynalog node on an embedded Kafka broker, in this JVM, as {@code dynalog serve} starts it
 * (through the embedded API, {@link DynalogServer}).
 * Most tests share one ({@link #shared()}); restart tests start their own on a directory they own.
 *
 * <p>With {@code -Ddynalog.it.cluster=N} the shared node is instead the node without partitions of
 * N nodes (two command-log partitions, so N of 3 or more leaves one) in one application on a
 * broker of its own process: every test that uses it then goes through a node whose every answer
 * another node decided or read. {@code -Ddynalog.it.standbys=1} gives each partition a standby, so
 * that eventual reads through the shared node may be answered by its standbys.
 */
final class TestNode implements AutoCloseable {
    private static TestNode shared;

    private final DynalogServer server;
    private final DynamoDbClient client;
    private final SharedCluster cluster;

    private TestNode(DynalogServer server) {
        this.server = server;
        this.cluster = null;
        this.client = Clients.dynamoDb(server.endpoint());
    }

    private TestNode(SharedCluster cluster) {
        this.server = null;
        this.cluster = cluster;
        this.client = Clients.dynamoDb(cluster.idle().endpoint());
    }

    static synchronized TestNode shared() {
        if (shared == null) {
            try {
                int clusterNodes = Integer.getInteger("dynalog.it.cluster", 0);
                shared = clusterNodes > 0 ? new TestNode(SharedCluster.start(Files.createTempDirectory("dynalog-it-"),
                        clusterNodes)) : start(Files.createTempDirectory("dynalog-it-"));
            } catch (Exception e) {
                throw new IllegalStateException("could not start dynalog", e);
            }
            Runtime.getRuntime().addShutdownHook(new Thread(shared::close));
        }
        return shared;
    }

    static TestNode start(Path dataDir) throws Exception {
        return start(dataDir, config -> config);
    }

    /** A node whose configuration differs from {@code dynalog serve}'s defaults as {@code configure} says. */
    static TestNode start(Path dataDir, UnaryOperator<NodeConfig> configure) throws Exception {
        return new TestNode(DynalogServer.builder().dataDir(dataDir).configure(configure).start());
    }

    URI endpoint() {
        return cluster != null ? cluster.idle().endpoint() : server.endpoint();
    }

    String bootstrapServers() {
        return cluster != null ? cluster.bootstrapServers() : server.bootstrapServers();
    }

    URI schemaRegistry() {
        return cluster != null ? cluster.idle().schemaRegistry() : server.schemaRegistry();
    }

    IndexLagMetrics indexLagMetrics() {
        return cluster != null ? cluster.idle().indexLagMetrics() : server.node().indexLagMetrics();
    }

    DynamoDbClient client() {
        return client;
    }

    DynamoDbClient newClient() {
        return Clients.dynamoDb(endpoint());
    }

    static DynamoDbWaiter waiter(DynamoDbClient client) {
        return Clients.waiter(client);
    }

    @Override
    public void close() {
        client.close();
        if (cluster != null) {
            cluster.close();
        } else {
            server.close();
        }
    }

    /** The nodes and the broker behind a shared node in cluster mode. */
    private record SharedCluster(KafkaBrokerProcess kafka, List<DynalogNode> nodes, DynalogNode idle)
            implements AutoCloseable {
        static SharedCluster start(Path dir, int count) throws Exception {
            KafkaBrokerProcess kafka = KafkaBrokerProcess.start(dir.resolve("broker"));
            List<DynalogNode> nodes = new ArrayList<>();
            for (int i = 0; i < count; i++) {
                nodes.add(DynalogNode.start(NodeConfig.of(kafka.bootstrapServers(), dir.resolve("node" + i),
                        "127.0.0.1", 0).withPartitions(2).withStandbyReplicas(Integer.getInteger("dynalog.it.standbys", 0))));
            }
            long deadline = System.currentTimeMillis() + 120_000;
            while (true) {
                Map<String, Set<Integer>> owners = nodes.get(0).commandLogOwners();
                Set<Integer> covered = new TreeSet<>();
                owners.values().forEach(covered::addAll);
                if (owners.size() == count && covered.equals(Set.of(0, 1))) {
                    for (DynalogNode node : nodes) {
                        String address = node.endpoint().getHost() + ":" + node.endpoint().getPort();
                        if (owners.get(address).isEmpty()) {
                            System.out.println("shared node: " + address + " of a cluster " + owners);
                            return new SharedCluster(kafka, nodes, node);
                        }
                    }
                }
                if (System.currentTimeMillis() > deadline) {
                    throw new IllegalStateException("the cluster did not settle: " + owners);
                }
                Thread.sleep(200);
            }
        }

        String bootstrapServers() {
            return kafka.bootstrapServers();
        }

        /**
         * Where the shared node's item reads were answered (by its standbys, with standbys), into
         * {@code target/it-shared-node-reads.txt}: this runs in a shutdown hook, after the test
         * output has been collected.
         */
        private void writeReads() {
            String reads;
            try {
                String metrics = HttpClient.newHttpClient().send(HttpRequest.newBuilder(idle.endpoint().resolve("/metrics"))
                        .build(), HttpResponse.BodyHandlers.ofString()).body();
                reads = String.join("\n", metrics.lines().filter(l -> l.startsWith("dynalog_item_reads_total")).toList());
            } catch (Exception e) {
                reads = "unknown: " + e;
            }
            try {
                Files.writeString(Path.of("target", "it-shared-node-reads.txt"), reads + "\n");
            } catch (IOException e) {
                // only a report
            }
        }

        @Override
        public void close() {
            writeReads();
            nodes.forEach(DynalogNode::close);
            try {
                kafka.close();
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
            }
        }
    }
}
