package dev.dynalog.bench;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import picocli.CommandLine;

/**
 * The harness works end to end: it starts DynamoDB Local and dynalog, runs every workload with
 * both clients for a moment, and reports a ratio per workload. It measures nothing here; the
 * figures come from full runs.
 */
class BenchSmokeIT {
    @TempDir
    Path dir;

    @Test
    void shortRunOfEveryWorkloadAgainstBothServersProducesTheReport() throws Exception {
        Path report = dir.resolve("report.md");
        int exit = new CommandLine(new BenchMain()).execute("--repo", "..", "--duration", "2", "--warmup", "1",
                "--threads", "4", "--keys", "300", "--report", report.toString());
        assertThat(exit).isZero();
        String md = Files.readString(report);
        for (String workload : new String[] {"put", "update", "get", "query", "scan", "mixed", "ryw"}) {
            assertThat(md).contains("- " + workload + " (lean): dynalog/ddblocal = ")
                    .contains("- " + workload + " (sdk): dynalog/ddblocal = ");
        }
        assertThat(md).contains("| ryw | dynalog | lean |").doesNotContain("| ryw | dynalog | lean | 0 |");
        // stream-lag runs against dynalog only; every acknowledged put's change record must arrive.
        assertThat(md).contains("## Change-stream lag (dynalog only)").containsPattern("\\| 4 \\| \\d+ \\| \\d+ \\|.* \\| 0 \\|\n");
    }

    @Test
    void gsiLagFindsEverySampledPutInTheIndex() throws Exception {
        Path report = dir.resolve("gsi-lag.md");
        // DynamoDB Local only until dynalog serves global secondary indexes; then both servers.
        int exit = new CommandLine(new BenchMain()).execute("--repo", "..", "--servers", "ddblocal", "--workloads", "gsi-lag",
                "--duration", "2", "--warmup", "1", "--threads", "4", "--keys", "100", "--report", report.toString());

        assertThat(exit).isZero();
        // server, writers, writes/s, sampled puts (some), four lag columns, missing (none)
        assertThat(Files.readString(report)).contains("## GSI lag")
                .containsPattern("\\| ddblocal \\| 4 \\| \\d+ \\| [1-9]\\d* \\|( [\\d.]+ \\|){4} 0 \\|");
    }
}
