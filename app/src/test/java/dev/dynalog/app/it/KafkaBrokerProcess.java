package dev.dynalog.app.it;

import java.io.IOException;
import java.io.OutputStream;
import java.net.ServerSocket;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Properties;
import java.util.concurrent.TimeUnit;
import org.apache.kafka.clients.admin.Admin;
import org.apache.kafka.clients.admin.AdminClientConfig;
import org.apache.kafka.common.Uuid;

/**
 * A Kafka broker in its own JVM, started from Kafka's jars on the test classpath with the
 * configuration docker-compose.yml gives the official image: one combined KRaft node. It lets
 * the tests run dynalog with {@code --bootstrap-servers} against a broker it does not own.
 */
final class KafkaBrokerProcess implements AutoCloseable {
    private final Process process;
    private final String bootstrapServers;

    private KafkaBrokerProcess(Process process, String bootstrapServers) {
        this.process = process;
        this.bootstrapServers = bootstrapServers;
    }

    static KafkaBrokerProcess start(Path dir) throws Exception {
        int port = freePort();
        int controllerPort = freePort();
        Path logs = dir.resolve("logs");
        Files.createDirectories(logs);
        Properties p = new Properties();
        p.put("node.id", "1");
        p.put("process.roles", "broker,controller");
        p.put("listeners", "PLAINTEXT://127.0.0.1:" + port + ",CONTROLLER://127.0.0.1:" + controllerPort);
        p.put("advertised.listeners", "PLAINTEXT://127.0.0.1:" + port);
        p.put("controller.listener.names", "CONTROLLER");
        p.put("listener.security.protocol.map", "CONTROLLER:PLAINTEXT,PLAINTEXT:PLAINTEXT");
        p.put("inter.broker.listener.name", "PLAINTEXT");
        p.put("controller.quorum.voters", "1@127.0.0.1:" + controllerPort);
        p.put("offsets.topic.replication.factor", "1");
        p.put("transaction.state.log.replication.factor", "1");
        p.put("transaction.state.log.min.isr", "1");
        p.put("share.coordinator.state.topic.replication.factor", "1");
        p.put("share.coordinator.state.topic.min.isr", "1");
        p.put("group.initial.rebalance.delay.ms", "0");
        p.put("auto.create.topics.enable", "false");
        p.put("log.dirs", logs.toString());
        Path config = dir.resolve("server.properties");
        try (OutputStream out = Files.newOutputStream(config)) {
            p.store(out, "broker for ExternalBrokerIT, as in docker-compose.yml");
        }
        Process format = java(dir, "kafka.tools.StorageTool", "format", "--cluster-id", clusterId(), "--config", config.toString(),
                "--ignore-formatted").start();
        if (!format.waitFor(2, TimeUnit.MINUTES) || format.exitValue() != 0) {
            throw new IllegalStateException("formatting the broker's storage failed: " + new String(format.getInputStream().readAllBytes()));
        }
        Process broker = java(dir, "kafka.Kafka", config.toString()).start();
        KafkaBrokerProcess started = new KafkaBrokerProcess(broker, "127.0.0.1:" + port);
        try {
            started.awaitReady();
        } catch (Exception e) {
            started.close();
            throw e;
        }
        return started;
    }

    /** A JVM of Kafka's {@code mainClass} on the test classpath, its output in {@code dir}. */
    static ProcessBuilder java(Path dir, String mainClass, String... args) {
        List<String> cmd = new java.util.ArrayList<>(List.of(Path.of(System.getProperty("java.home"), "bin", "java").toString(),
                "-Xmx512m", "-cp", System.getProperty("java.class.path"), mainClass));
        cmd.addAll(List.of(args));
        return new ProcessBuilder(cmd).redirectErrorStream(true)
                .redirectOutput(dir.resolve(mainClass.substring(mainClass.lastIndexOf('.') + 1) + ".out").toFile());
    }

    private void awaitReady() throws Exception {
        Properties p = new Properties();
        p.put(AdminClientConfig.BOOTSTRAP_SERVERS_CONFIG, bootstrapServers);
        try (Admin admin = Admin.create(p)) {
            long deadline = System.currentTimeMillis() + 120_000;
            while (true) {
                if (!process.isAlive()) {
                    throw new IllegalStateException("the broker process exited with " + process.exitValue());
                }
                try {
                    admin.describeCluster().nodes().get(5, TimeUnit.SECONDS);
                    return;
                } catch (Exception e) {
                    if (System.currentTimeMillis() > deadline) {
                        throw e;
                    }
                    Thread.sleep(200);
                }
            }
        }
    }

    static String clusterId() {
        // Kafka's own ids never start with '-', which StorageTool's command line would take for an
        // option (a hand-made base64 id did, one run in 64, and formatting failed).
        return Uuid.randomUuid().toString();
    }

    private static int freePort() throws IOException {
        try (ServerSocket s = new ServerSocket(0)) {
            return s.getLocalPort();
        }
    }

    String bootstrapServers() {
        return bootstrapServers;
    }

    @Override
    public void close() throws InterruptedException {
        process.destroy();
        if (!process.waitFor(60, TimeUnit.SECONDS)) {
            process.destroyForcibly().waitFor(10, TimeUnit.SECONDS);
        }
    }
}
