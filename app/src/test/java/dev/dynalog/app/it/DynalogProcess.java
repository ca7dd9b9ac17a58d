package dev.dynalog.app.it;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStreamReader;
import java.net.ServerSocket;
import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * {@code dynalog serve} in its own process, from the built jar, as users run it: for tests that
 * kill it.
 *
 * @param process   the server process
 * @param readyLine what it printed once it served requests
 * @param dataDir   its data directory, which also holds its log
 * @param startup   from starting the process to its ready line
 */
record DynalogProcess(Process process, String readyLine, Path dataDir, Duration startup) {
    private static final Pattern KAFKA = Pattern.compile("kafka: ([^,)]+)");
    private static final Pattern REGISTRY = Pattern.compile("schema registry: ([^,)]+)");
    private static final Pattern STREAMS_RUNNING = Pattern.compile("Kafka Streams RUNNING after (\\d+) ms");

    static DynalogProcess serve(Path dataDir, int port, int kafkaPort) throws IOException {
        return serve(dataDir, "--port", String.valueOf(port), "--kafka-port", String.valueOf(kafkaPort),
                "--schema-registry-port", "0", "--data-dir", dataDir.toString());
    }

    /** {@code dynalog serve} with these options, its log beside the data directory. */
    static DynalogProcess serve(Path dataDir, String... options) throws IOException {
        Path jar = Path.of("target", "dynalog.jar").toAbsolutePath();
        assertThat(jar).exists();
        Path log = dataDir.resolveSibling(dataDir.getFileName() + "-server.log");
        long started = System.nanoTime();
        List<String> command = new java.util.ArrayList<>(List.of(Path.of(System.getProperty("java.home"), "bin", "java")
                .toString(), "-Xmx768m", "-jar", jar.toString(), "serve"));
        command.addAll(List.of(options));
        Process p = new ProcessBuilder(command)
                .redirectErrorStream(true)
                .start();
        BufferedReader out = new BufferedReader(new InputStreamReader(p.getInputStream(), StandardCharsets.UTF_8));
        // A start after a SIGKILL may wait for the dead incarnation's transactions and state.
        long deadline = System.currentTimeMillis() + 300_000;
        StringBuilder seen = new StringBuilder();
        String line;
        while ((line = out.readLine()) != null) {
            seen.append(line).append('\n');
            if (line.contains("hanging transaction")) {
                System.out.println("dynalog serve: " + line); // the start had to clear one (see HangingTransactions)
            }
            if (line.contains("dynalog ready")) {
                Thread drain = new Thread(() -> {
                    try {
                        out.lines().forEach(l -> { });
                    } catch (java.io.UncheckedIOException e) {
                        // the process was stopped and its output closed: nothing more to drain
                    }
                });
                drain.setDaemon(true);
                drain.start();
                return new DynalogProcess(p, line, dataDir, Duration.ofNanos(System.nanoTime() - started));
            }
            assertThat(System.currentTimeMillis()).as("server ready in time; output:\n%s", seen).isLessThan(deadline);
        }
        Files.writeString(log, seen);
        throw new AssertionError("server exited before it was ready:\n" + seen);
    }

    String bootstrapServers() {
        return find(KAFKA);
    }

    URI schemaRegistry() {
        return URI.create(find(REGISTRY));
    }

    private String find(Pattern pattern) {
        Matcher m = pattern.matcher(readyLine);
        assertThat(m.find()).as("%s in %s", pattern, readyLine).isTrue();
        return m.group(1);
    }

    /**
     * How long the last start of the node in this data directory waited for Kafka Streams to run
     * (restoring its stores, rejoining its group), as the node logged it.
     */
    Duration streamsStartup() throws IOException {
        List<String> lines = Files.readAllLines(dataDir.resolve("dynalog.log"), StandardCharsets.UTF_8);
        Duration last = null;
        for (String line : lines) {
            Matcher m = STREAMS_RUNNING.matcher(line);
            if (m.find()) {
                last = Duration.ofMillis(Long.parseLong(m.group(1)));
            }
        }
        assertThat(last).as("a 'Kafka Streams RUNNING after' line in the node's log").isNotNull();
        return last;
    }

    static int freePort() throws IOException {
        try (ServerSocket s = new ServerSocket(0)) {
            return s.getLocalPort();
        }
    }
}
