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
        while ((line = out.readLine()) != null) {
            seen.append(line).append('\n');
            if (line.contains(readyMarker)) {
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

    /** {@link System#nanoTime()} just before the server's JVM was launched, for its start-up time. */
    long launchedNanos() {
        return launchedNanos;
    }

    /** Resident set size in bytes, from /proc (Linux). */
    long rssBytes() {
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

    /** User plus system CPU time in milliseconds, from /proc (Linux). */
    long cpuMillis() {
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
        process.destroy();
        if (!process.waitFor(60, TimeUnit.SECONDS)) {
            process.destroyForcibly().waitFor(10, TimeUnit.SECONDS);
        }
    }
}
