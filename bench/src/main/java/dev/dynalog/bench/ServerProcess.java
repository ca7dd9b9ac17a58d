package dev.dynalog.bench;

import java.io.BufferedReader;
import java.io.File;
import java.io.IOException;
import java.io.InputStreamReader;
import java.io.UncheckedIOException;
import java.net.ServerSocket;
import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;
import java.util.stream.Stream;

/**
 * A server under test in its own JVM, so that its CPU and memory can be measured apart from the
 * load generator's: dynalog ({@code dynalog serve} on a fresh data directory) or DynamoDB Local
 * (in memory).
 */
final class ServerProcess implements AutoCloseable {
    private static final long TICKS_PER_SECOND = 100; // Linux USER_HZ

    private final String name;
    private final Process process;
    private final URI endpoint;
    private final String kafkaBootstrap;
    /** {@link System#nanoTime()} just before the server's JVM was launched. */
    private final long launchedNanos;
    /** Set by the thread that drains the server's output when a line names an OutOfMemoryError. */
    private volatile boolean outOfMemory;
    /** A cluster's other processes (its broker, its other nodes), measured and stopped with this one. */
    private final List<ServerProcess> companions = new ArrayList<>();
    /** Set on a cluster's first node: every node's endpoint, this one first. */
    private List<URI> clusterEndpoints;

    private ServerProcess(String name, Process process, URI endpoint, String kafkaBootstrap, long launchedNanos) {
        this.name = name;
        this.process = process;
        this.endpoint = endpoint;
        this.kafkaBootstrap = kafkaBootstrap;
        this.launchedNanos = launchedNanos;
    }

    /** The Kafka cluster behind the server, or null for a server without one (DynamoDB Local). */
    String kafkaBootstrap() {
        return kafkaBootstrap;
    }

    /**
     * The JVM options ./dynalog adds for a node started {@code --ephemeral} (a test suite's node):
     * the launcher exports them, and a bench started without it uses the same default.
     */
    static String testSuiteJavaOpts() {
        String fromLauncher = System.getenv("DYNALOG_TEST_SUITE_JAVA_OPTS");
        return fromLauncher != null ? fromLauncher : "-XX:TieredStopAtLevel=1";
    }

    static ServerProcess dynalog(Path repo, Path dataDir, String heap, String javaOpts, String serveArgs)
            throws IOException, InterruptedException {
        int port = freePort();
        Path jar = repo.resolve("app/target/dynalog.jar");
        if (!Files.exists(jar)) {
            throw new IllegalStateException(jar + " is missing; build with ./mvnw -DskipTests package");
        }
        List<String> cmd = new ArrayList<>(List.of(java(), "-Xmx" + heap, "-XX:+UseG1GC"));
        cmd.addAll(options(javaOpts));
        Path archive = repo.resolve("app/target/dynalog.jsa");
        if (Files.exists(archive)
                && !Files.getLastModifiedTime(archive).toInstant().isBefore(Files.getLastModifiedTime(jar).toInstant())) {
            // The launcher's class archive of this build (see ./dynalog): started as ./dynalog serve starts it.
            cmd.addAll(List.of("-XX:SharedArchiveFile=" + archive, "-Xshare:auto", "-Xlog:cds=off,cds+dynamic=off"));
            System.out.println("dynalog starts with the launcher's class archive " + repo.relativize(archive));
        }
        int kafkaPort = freePort();
        cmd.addAll(List.of("-jar", jar.toString(), "serve", "--port", String.valueOf(port),
                "--kafka-port", String.valueOf(kafkaPort), "--schema-registry-port", "0",
                "--data-dir", dataDir.toString()));
        if (servesWith(jar, "--[no-]throttling")) {
            // DynamoDB Local never throttles: the two engines are compared at the load the harness
            // offers (a scan at full speed takes far more than an on-demand table's 40,000 units a second).
            cmd.add("--no-throttling");
        }
        cmd.addAll(options(serveArgs));
        return start("dynalog", cmd, port, "dynalog ready", "127.0.0.1:" + kafkaPort);
    }

    /**
     * {@code nodes} dynalog nodes in one cluster on a Kafka broker in a process of its own (a
     * KRaft node started from the Kafka jars dynalog ships with), each with {@code
     * --bootstrap-servers} and its own {@code --advertised-url}; returned once every node is
     * ready. The first node stands for the cluster: its CPU and memory figures include the
     * broker's and the other nodes'.
     */
    static ServerProcess dynalogCluster(Path repo, Path dataDir, String heap, String javaOpts, String serveArgs,
                                        int nodes) throws IOException, InterruptedException {
        if (nodes < 1) {
            throw new IllegalArgumentException("a cluster has at least one node");
        }
        ServerProcess broker = kafkaBroker(repo, dataDir.resolve("broker"));
        List<ServerProcess> started = new ArrayList<>();
        try {
            Path jar = repo.resolve("app/target/dynalog.jar");
            for (int n = 0; n < nodes; n++) {
                int port = freePort();
                List<String> cmd = new ArrayList<>(List.of(java(), "-Xmx" + heap, "-XX:+UseG1GC"));
                cmd.addAll(options(javaOpts));
                cmd.addAll(List.of("-jar", jar.toString(), "serve", "--port", String.valueOf(port),
                        "--host", "127.0.0.1", "--advertised-url", "http://127.0.0.1:" + port,
                        "--bootstrap-servers", broker.kafkaBootstrap(), "--schema-registry-port", "0",
                        "--data-dir", dataDir.resolve("node" + n).toString(), "--no-throttling"));
                cmd.addAll(options(serveArgs));
                started.add(start("dynalog-cluster-" + nodes, cmd, port, "dynalog ready", broker.kafkaBootstrap()));
            }
            for (ServerProcess node : started) {
                awaitReady(node.endpoint());
            }
        } catch (IOException | InterruptedException | RuntimeException e) {
            for (ServerProcess node : started) {
                node.close();
            }
            broker.close();
            throw e;
        }
        ServerProcess first = started.get(0);
        first.companions.add(broker);
        first.companions.addAll(started.subList(1, started.size()));
        first.clusterEndpoints = started.stream().map(ServerProcess::endpoint).toList();
        System.out.printf("dynalog-cluster-%d: %d nodes on a broker at %s%n", nodes, nodes, broker.kafkaBootstrap());
        return first;
    }

    /** Waits until the node's /health/ready answers 200: it has joined the group and runs its tasks. */
    private static void awaitReady(URI endpoint) throws IOException, InterruptedException {
        java.net.http.HttpClient http = java.net.http.HttpClient.newHttpClient();
        long deadline = System.currentTimeMillis() + 180_000;
        while (true) {
            try {
                int status = http.send(java.net.http.HttpRequest.newBuilder(endpoint.resolve("/health/ready")).build(),
                        java.net.http.HttpResponse.BodyHandlers.discarding()).statusCode();
                if (status == 200) {
                    return;
                }
            } catch (IOException e) {
                // not listening yet
            }
            if (System.currentTimeMillis() > deadline) {
                throw new IllegalStateException(endpoint + " was not ready within 180 s");
            }
            Thread.sleep(200);
        }
    }

    /** One combined KRaft broker and controller, from the Kafka jars in dynalog's lib directory. */
    private static ServerProcess kafkaBroker(Path repo, Path dir) throws IOException, InterruptedException {
        Files.createDirectories(dir);
        int port = freePort();
        int controllerPort = freePort();
        java.util.Properties p = new java.util.Properties();
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
        p.put("log.dirs", dir.resolve("logs").toString());
        Path config = dir.resolve("server.properties");
        try (java.io.OutputStream out = Files.newOutputStream(config)) {
            p.store(out, "the bench's broker for a dynalog cluster");
        }
        String classpath = String.join(File.pathSeparator, jars(repo.resolve("app/target/lib")));
        Process format = new ProcessBuilder(java(), "-cp", classpath, "kafka.tools.StorageTool", "format",
                "--cluster-id", org.apache.kafka.common.Uuid.randomUuid().toString(), "--config", config.toString(),
                "--ignore-formatted").redirectErrorStream(true).start();
        String formatOutput = new String(format.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
        if (!format.waitFor(2, TimeUnit.MINUTES) || format.exitValue() != 0) {
            throw new IllegalStateException("formatting the broker's storage failed: " + formatOutput);
        }
        List<String> cmd = List.of(java(), "-Xmx512m", "-cp", classpath, "kafka.Kafka", config.toString());
        return start("kafka", cmd, port, null, "127.0.0.1:" + port);
    }

    /** True if this build's {@code serve} has the option (a build given by --repo may predate it). */
    private static boolean servesWith(Path jar, String option) throws IOException, InterruptedException {
        Process help = new ProcessBuilder(java(), "-jar", jar.toString(), "serve", "--help").redirectErrorStream(true).start();
        String text = new String(help.getInputStream().readAllBytes(), java.nio.charset.StandardCharsets.UTF_8);
        help.waitFor();
        return text.contains(option);
    }

    static ServerProcess dynamoDbLocal(Path repo, String heap, String javaOpts) throws IOException, InterruptedException {
        int port = freePort();
        // DynamoDB Local's own jars, plus the libraries it shares with the harness (same versions
        // as the integration tests run it with).
        Path lib = repo.resolve("bench/target/ddblocal");
        if (!Files.isDirectory(lib)) {
            throw new IllegalStateException(lib + " is missing; build with ./mvnw -DskipTests package");
        }
        List<String> jars = new ArrayList<>(jars(lib));
        jars.addAll(jars(repo.resolve("bench/target/lib")));
        List<String> cmd = new ArrayList<>(List.of(java(), "-Xmx" + heap, "-XX:+UseG1GC"));
        cmd.addAll(options(javaOpts));
        cmd.addAll(List.of("-Dsqlite4java.library.path=" + lib, "-cp", String.join(File.pathSeparator, jars),
                "com.amazonaws.services.dynamodbv2.local.main.ServerRunner", "-inMemory", "-sharedDb",
                "-port", String.valueOf(port)));
        return start("ddblocal", cmd, port, "CorsParams", null);
    }

    private static List<String> options(String javaOpts) {
        return javaOpts.isBlank() ? List.of() : List.of(javaOpts.trim().split("\\s+"));
    }

    private static List<String> jars(Path dir) throws IOException {
        try (Stream<Path> files = Files.list(dir)) {
            return files.filter(p -> p.toString().endsWith(".jar")).map(Path::toString).sorted().toList();
        }
    }

    private static ServerProcess start(String name, List<String> cmd, int port, String readyMarker, String kafkaBootstrap)
            throws IOException, InterruptedException {
        long launched = System.nanoTime();
        Process p = new ProcessBuilder(cmd).redirectErrorStream(true).start();
        BufferedReader out = new BufferedReader(new InputStreamReader(p.getInputStream(), StandardCharsets.UTF_8));
        StringBuilder seen = new StringBuilder();
        long deadline = System.currentTimeMillis() + 180_000;
        String line;
        while ((line = readyMarker == null ? "" : out.readLine()) != null) {
            seen.append(line).append('\n');
            // Without a marker (a broker that logs nothing to its console) the open port is the sign.
            if (readyMarker == null || line.contains(readyMarker)) {
                ServerProcess server = new ServerProcess(name, p, URI.create("http://127.0.0.1:" + port), kafkaBootstrap,
                        launched);
                Thread drain = new Thread(() -> {
                    try {
                        out.lines().forEach(l -> {
                            if (l.contains("OutOfMemoryError")) {
                                server.outOfMemory = true;
                            }
                        });
                    } catch (UncheckedIOException e) {
                        // the stream closes under the reader when the process is gone: nothing more to drain
                    }
                }, name + "-output");
                drain.setDaemon(true);
                drain.start();
                awaitListening(p, port, deadline);
                return server;
            }
            if (System.currentTimeMillis() > deadline) {
                break;
            }
        }
        p.destroyForcibly().waitFor(10, TimeUnit.SECONDS);
        throw new IllegalStateException(name + " did not start:\n" + seen);
    }

    private static void awaitListening(Process p, int port, long deadline) throws InterruptedException, IOException {
        while (true) {
            if (!p.isAlive()) {
                throw new IllegalStateException("the server exited with status " + p.exitValue());
            }
            try (java.net.Socket s = new java.net.Socket("127.0.0.1", port)) {
                return;
            } catch (IOException e) {
                if (System.currentTimeMillis() > deadline) {
                    throw e;
                }
                Thread.sleep(50);
            }
        }
    }

    String name() {
        return name;
    }

    boolean alive() {
        return process.isAlive();
    }

    /** Whether the server's output has named an OutOfMemoryError since it started. */
    boolean outOfMemory() {
        return outOfMemory;
    }

    URI endpoint() {
        return endpoint;
    }

    /** Every endpoint clients may use: a cluster's nodes, or just {@link #endpoint()}. */
    List<URI> endpoints() {
        return clusterEndpoints != null ? clusterEndpoints : List.of(endpoint);
    }

    /** {@link System#nanoTime()} just before the server's JVM was launched, for its start-up time. */
    long launchedNanos() {
        return launchedNanos;
    }

    /** Resident set size in bytes, from /proc (Linux); a cluster's processes together. */
    long rssBytes() {
        long total = ownRssBytes();
        for (ServerProcess other : companions) {
            total += Math.max(0, other.ownRssBytes());
        }
        return total;
    }

    private long ownRssBytes() {
        try {
            for (String l : Files.readAllLines(Path.of("/proc", String.valueOf(process.pid()), "status"))) {
                if (l.startsWith("VmRSS:")) {
                    return Long.parseLong(l.replaceAll("[^0-9]", "")) * 1024;
                }
            }
        } catch (IOException e) {
            return -1;
        }
        return -1;
    }

    /** User plus system CPU time in milliseconds, from /proc (Linux); a cluster's processes together. */
    long cpuMillis() {
        long total = ownCpuMillis();
        for (ServerProcess other : companions) {
            total += Math.max(0, other.ownCpuMillis());
        }
        return total;
    }

    private long ownCpuMillis() {
        try {
            String stat = Files.readString(Path.of("/proc", String.valueOf(process.pid()), "stat"));
            String[] f = stat.substring(stat.lastIndexOf(')') + 2).split(" ");
            // fields after the command: state(0) ... utime(11) stime(12)
            return (Long.parseLong(f[11]) + Long.parseLong(f[12])) * 1000 / TICKS_PER_SECOND;
        } catch (IOException | RuntimeException e) {
            return -1;
        }
    }

    private static String java() {
        return Path.of(System.getProperty("java.home"), "bin", "java").toString();
    }

    private static int freePort() throws IOException {
        try (ServerSocket s = new ServerSocket(0)) {
            return s.getLocalPort();
        }
    }

    @Override
    public void close() throws InterruptedException {
        // The nodes before the broker they need to stop cleanly: companions are in start order, broker first.
        for (int i = companions.size() - 1; i >= 1; i--) {
            companions.get(i).close();
        }
        stopOwn();
        if (!companions.isEmpty()) {
            companions.get(0).close();
        }
    }

    private void stopOwn() throws InterruptedException {
        process.destroy();
        if (!process.waitFor(60, TimeUnit.SECONDS)) {
            process.destroyForcibly().waitFor(10, TimeUnit.SECONDS);
        }
    }
}
