package dev.dynalog.app.it;

import java.io.IOException;
import java.io.OutputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Properties;
import java.util.Set;
import java.util.concurrent.TimeUnit;
import java.util.stream.Collectors;
import org.apache.kafka.clients.admin.Admin;
import org.apache.kafka.clients.admin.AdminClientConfig;
import org.apache.kafka.clients.admin.TopicDescription;
import org.apache.kafka.common.Node;

/**
 * A KRaft cluster of {@code n} combined broker and controller nodes, each in its own JVM from
 * Kafka's jars on the test classpath, as a three-broker production cluster is laid out: every
 * node a voter of the controller quorum, the offsets and transaction state topics replicated to
 * three with two in sync. A node can be stopped (SIGTERM, or SIGKILL as a crash) and started again
 * on its ports and log directory, as a broker restart or a broker's host coming back.
 */
final class KafkaClusterProcesses implements AutoCloseable {
    private final Path dir;
    private final int[] ports;
    private final Process[] processes;
    private final String bootstrapServers;

    private KafkaClusterProcesses(Path dir, int[] ports, Process[] processes) {
        this.dir = dir;
        this.ports = ports;
        this.processes = processes;
        List<String> servers = new ArrayList<>();
        for (int port : ports) {
            servers.add("127.0.0.1:" + port);
        }
        this.bootstrapServers = String.join(",", servers);
    }

    static KafkaClusterProcesses start(Path dir, int n) throws Exception {
        int[] ports = new int[n];
        int[] controllerPorts = new int[n];
        List<String> voters = new ArrayList<>();
        for (int i = 0; i < n; i++) {
            ports[i] = DynalogProcess.freePort();
            controllerPorts[i] = DynalogProcess.freePort();
            voters.add((i + 1) + "@127.0.0.1:" + controllerPorts[i]);
        }
        String clusterId = KafkaBrokerProcess.clusterId();
        int replicas = Math.min(3, n);
        String minIsr = String.valueOf(Math.min(2, replicas));
        for (int i = 0; i < n; i++) {
            Path nodeDir = nodeDir(dir, i);
            Files.createDirectories(nodeDir.resolve("logs"));
            Properties p = new Properties();
            p.put("node.id", String.valueOf(i + 1));
            p.put("process.roles", "broker,controller");
            p.put("listeners", "PLAINTEXT://127.0.0.1:" + ports[i] + ",CONTROLLER://127.0.0.1:" + controllerPorts[i]);
            p.put("advertised.listeners", "PLAINTEXT://127.0.0.1:" + ports[i]);
            p.put("controller.listener.names", "CONTROLLER");
            p.put("listener.security.protocol.map", "CONTROLLER:PLAINTEXT,PLAINTEXT:PLAINTEXT");
            p.put("inter.broker.listener.name", "PLAINTEXT");
            p.put("controller.quorum.voters", String.join(",", voters));
            p.put("offsets.topic.replication.factor", String.valueOf(replicas));
            p.put("transaction.state.log.replication.factor", String.valueOf(replicas));
            p.put("transaction.state.log.min.isr", minIsr);
            p.put("share.coordinator.state.topic.replication.factor", String.valueOf(replicas));
            p.put("share.coordinator.state.topic.min.isr", minIsr);
            p.put("group.initial.rebalance.delay.ms", "0");
            p.put("auto.create.topics.enable", "false");
            // Kafka's defaults: a replica out of sync or a broker gone is noticed as in production.
            p.put("log.dirs", nodeDir.resolve("logs").toString());
            try (OutputStream out = Files.newOutputStream(nodeDir.resolve("server.properties"))) {
                p.store(out, "node " + (i + 1) + " of a " + n + "-node KRaft cluster");
            }
            Process format = KafkaBrokerProcess.java(nodeDir, "kafka.tools.StorageTool", "format", "--cluster-id", clusterId,
                    "--config", nodeDir.resolve("server.properties").toString(), "--ignore-formatted").start();
            if (!format.waitFor(2, TimeUnit.MINUTES) || format.exitValue() != 0) {
                throw new IllegalStateException("formatting node " + (i + 1) + "'s storage failed: "
                        + Files.readString(nodeDir.resolve("StorageTool.out")));
            }
        }
        KafkaClusterProcesses cluster = new KafkaClusterProcesses(dir, ports, new Process[n]);
        try {
            for (int i = 0; i < n; i++) {
                cluster.processes[i] = cluster.launch(i);
            }
            cluster.awaitBrokers(n);
        } catch (Exception e) {
            cluster.close();
            throw e;
        }
        return cluster;
    }

    private static Path nodeDir(Path dir, int i) {
        return dir.resolve("kafka" + (i + 1));
    }

    private Process launch(int i) throws IOException {
        Path nodeDir = nodeDir(dir, i);
        // Each incarnation's output is kept: a broker that fails to come back says why in it.
        Path out = nodeDir.resolve("Kafka.out");
        if (Files.exists(out)) {
            Files.move(out, nodeDir.resolve("Kafka-" + System.currentTimeMillis() + ".out"));
        }
        return KafkaBrokerProcess.java(nodeDir, "kafka.Kafka", nodeDir.resolve("server.properties").toString()).start();
    }

    /** All brokers, e.g. {@code 127.0.0.1:9092,127.0.0.1:9093,127.0.0.1:9094}. */
    String bootstrapServers() {
        return bootstrapServers;
    }

    int size() {
        return processes.length;
    }

    /** Stops node {@code i} (0-based): SIGTERM, a controlled shutdown, or SIGKILL, a crash. */
    void stop(int i, boolean kill) throws InterruptedException {
        Process p = processes[i];
        if (kill) {
            p.destroyForcibly();
        } else {
            p.destroy();
        }
        if (!p.waitFor(90, TimeUnit.SECONDS)) {
            p.destroyForcibly().waitFor(30, TimeUnit.SECONDS);
        }
    }

    /** Starts stopped node {@code i} again on its ports and log directory; returns once it is registered. */
    void restart(int i) throws Exception {
        if (processes[i].isAlive()) {
            throw new IllegalStateException("node " + (i + 1) + " still runs");
        }
        processes[i] = launch(i);
        awaitBrokers(processes.length);
    }

    private Admin admin() {
        Properties p = new Properties();
        p.put(AdminClientConfig.BOOTSTRAP_SERVERS_CONFIG, bootstrapServers);
        return Admin.create(p);
    }

    /** Waits until {@code count} brokers are registered with the controller. */
    private void awaitBrokers(int count) throws Exception {
        try (Admin admin = admin()) {
            long deadline = System.currentTimeMillis() + 180_000;
            while (true) {
                for (int i = 0; i < processes.length; i++) {
                    if (processes[i] != null && !processes[i].isAlive() && processes[i].exitValue() != 137
                            && processes[i].exitValue() != 143) {
                        throw new IllegalStateException("Kafka node " + (i + 1) + " exited with " + processes[i].exitValue());
                    }
                }
                try {
                    if (admin.describeCluster().nodes().get(5, TimeUnit.SECONDS).size() >= count) {
                        return;
                    }
                } catch (Exception e) {
                    if (System.currentTimeMillis() > deadline) {
                        throw e;
                    }
                }
                if (System.currentTimeMillis() > deadline) {
                    throw new IllegalStateException(count + " Kafka brokers not registered in time");
                }
                Thread.sleep(200);
            }
        }
    }

    /**
     * Waits until every partition of every topic has all its replicas in sync again, as an
     * operator does after a broker restart before restarting the next one (a second broker down
     * while the first catches up would leave partitions below min.insync.replicas, which stops
     * writes by design).
     */
    void awaitFullyReplicated(long timeoutMillis) throws Exception {
        try (Admin admin = admin()) {
            long deadline = System.currentTimeMillis() + timeoutMillis;
            String lagging = "";
            while (System.currentTimeMillis() < deadline) {
                try {
                    Set<String> names = admin.listTopics(new org.apache.kafka.clients.admin.ListTopicsOptions().listInternal(true))
                            .names().get(10, TimeUnit.SECONDS);
                    lagging = admin.describeTopics(names).allTopicNames().get(10, TimeUnit.SECONDS).values().stream()
                            .flatMap((TopicDescription t) -> t.partitions().stream()
                                    .filter(p -> p.isr().size() < p.replicas().size())
                                    .map(p -> t.name() + "-" + p.partition() + " isr " + p.isr().stream().map(Node::id)
                                            .toList()))
                            .collect(Collectors.joining(", "));
                    if (lagging.isEmpty()) {
                        return;
                    }
                } catch (Exception e) {
                    lagging = e.toString();
                }
                Thread.sleep(500);
            }
            throw new AssertionError("partitions not fully replicated in time: " + lagging);
        }
    }

    /** Kills every node: a cluster losing its quorum node by node would wait in controlled shutdowns. */
    @Override
    public void close() throws InterruptedException {
        for (Process p : processes) {
            if (p != null) {
                p.destroyForcibly();
            }
        }
        for (Process p : processes) {
            if (p != null) {
                p.waitFor(30, TimeUnit.SECONDS);
            }
        }
    }
}
