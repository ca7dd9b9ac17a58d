package dev.dynalog.app.it;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.net.InetSocketAddress;
import java.net.ServerSocket;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.util.List;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Assumptions;
import org.junit.jupiter.api.Test;

/**
 * The README's promise that its examples run verbatim, in order, on a fresh {@code ./dynalog
 * serve}: the server is started exactly as the README says (default port 8000, data under
 * {@code ./data} of a fresh working directory), then every shell example runs in one bash
 * session (so {@code $E} and the other variables carry over, as in a reader's terminal) with
 * {@code set -e}, and every Python example with python3 (a pytest module with pytest), each at its
 * place in that session. Any failing command fails the test and names the README line.
 *
 * <p>Skipped, saying so, where the AWS CLI, python3 with boto3 or pytest is not installed.
 */
class ReadmeExamplesIT {
    private static final Path REPO = Path.of("..").toAbsolutePath().normalize();
    private static final int README_PORT = 8000;

    @Test
    void everyReadmeExampleRunsVerbatimInOrderOnAFreshServer() throws Exception {
        Assumptions.assumeTrue(NodeChangeReaderIT.commandWorks("aws", "--version"), "the AWS CLI is not installed");
        Assumptions.assumeTrue(NodeChangeReaderIT.commandWorks("python3", "-c", "import boto3, pytest"),
                "python3 with boto3 and pytest is not installed");
        List<ReadmeExamples.Example> examples = ReadmeExamples.of(REPO.resolve("README.md"));
        assertThat(examples).as("examples found in the README").hasSizeGreaterThan(10);
        for (int port : new int[] {README_PORT, 9092, 8081}) {
            assertThat(free(port)).as("port %d, which a default ./dynalog serve takes, is free", port).isTrue();
        }

        Path work = Files.createTempDirectory("dynalog-readme-");
        // ./dynalog in the working directory is the repository's launcher, so files the examples
        // write (data, reports, exports) land here and not in the checkout.
        Path launcher = work.resolve("dynalog");
        Files.writeString(launcher, "#!/usr/bin/env bash\nexec " + REPO.resolve("dynalog") + " \"$@\"\n");
        Files.setPosixFilePermissions(launcher, PosixFilePermissions.fromString("rwxr-xr-x"));

        Path serverLog = work.resolve("serve.log");
        boolean passed = false;
        Process server = new ProcessBuilder("./dynalog", "serve").directory(work.toFile())
                .redirectErrorStream(true).redirectOutput(serverLog.toFile()).start();
        try {
            awaitReady(server, serverLog);
            Path script = work.resolve("examples.sh");
            Files.writeString(script, script(examples, work));
            Path output = work.resolve("examples.out");
            Process run = new ProcessBuilder("bash", script.toString()).directory(work.toFile())
                    .redirectErrorStream(true).redirectOutput(output.toFile()).start();
            boolean finished = run.waitFor(10, TimeUnit.MINUTES);
            if (!finished) {
                run.destroyForcibly();
            }
            String out = Files.readString(output, StandardCharsets.UTF_8);
            assertThat(finished).as("the examples finished within 10 minutes; output:\n%s", out).isTrue();
            assertThat(run.exitValue()).as("every README example succeeded; output:\n%s", out).isZero();
            ReadmeExamples.Example last = examples.get(examples.size() - 1);
            assertThat(out).as("the last example ran").contains("### README line " + last.line());
            passed = true;
        } finally {
            server.destroy();
            if (!server.waitFor(60, TimeUnit.SECONDS)) {
                server.destroyForcibly();
            }
            if (passed) {
                // a failed run keeps its working directory (script, output, server log) to look at
                try (var files = Files.walk(work)) {
                    files.sorted(java.util.Comparator.reverseOrder()).forEach(f -> f.toFile().delete());
                }
            }
        }
    }

    /** One bash script of all examples in README order; Python examples go to files it runs. */
    private static String script(List<ReadmeExamples.Example> examples, Path work) throws IOException {
        StringBuilder s = new StringBuilder("set -euo pipefail\n");
        for (ReadmeExamples.Example e : examples) {
            s.append("echo '### README line ").append(e.line()).append("'\n");
            switch (e.kind()) {
                case SHELL -> s.append(e.text());
                case PYTHON -> {
                    String name = (e.isPytestModule() ? "test_readme_line_" : "readme_line_") + e.line() + ".py";
                    Files.writeString(work.resolve(name), e.text());
                    s.append(e.isPytestModule() ? "python3 -m pytest -q -p no:cacheprovider " : "python3 ")
                            .append(name).append('\n');
                }
            }
        }
        return s.append("echo '### all README examples ran'\n").toString();
    }

    private static void awaitReady(Process server, Path log) throws Exception {
        long deadline = System.nanoTime() + TimeUnit.MINUTES.toNanos(5);
        while (System.nanoTime() < deadline) {
            String seen = Files.readString(log, StandardCharsets.UTF_8);
            if (seen.contains("dynalog ready")) {
                return;
            }
            assertThat(server.isAlive()).as("./dynalog serve is running; output:\n%s", seen).isTrue();
            Thread.sleep(200);
        }
        throw new AssertionError("./dynalog serve not ready in 5 minutes:\n" + Files.readString(log));
    }

    private static boolean free(int port) {
        try (ServerSocket s = new ServerSocket()) {
            s.bind(new InetSocketAddress(port));
            return true;
        } catch (IOException e) {
            return false;
        }
    }
}
