package dev.dynalog.bench;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import picocli.CommandLine;

/**
 * The harness works end to end: it starts DynamoDB Local and dynalog, runs every workload with
 * both clients for a moment, and reports a ratio per workload (and the lags). It measures nothing here; the
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
        for (String workload : new String[] {"put", "update", "batch-write", "get", "query", "scan", "mixed", "ryw"}) {
            assertThat(md).contains("- " + workload + " (lean): dynalog/ddblocal = ")
                    .contains("- " + workload + " (sdk): dynalog/ddblocal = ");
        }
        assertThat(md).contains("| ryw | dynalog | lean |").doesNotContain("| ryw | dynalog | lean | 0 |");
        // batch-write's calls complete with all 25 items written, and none failed.
        assertThat(md).contains("## Batch writes");
        String batches = md.substring(md.indexOf("## Batch writes"), md.indexOf("## Change-stream lag"));
        for (String server : new String[] {"ddblocal", "dynalog"}) {
            for (String client : new String[] {"lean", "sdk"}) {
                assertThat(batches).containsPattern("\\| batch-write \\| " + server + " \\| " + client
                        + " \\| [1-9]\\d* \\| [1-9]\\d* \\|( [\\d.]+ \\|){2} \\d+ \\| \\S+ \\| 0 \\|");
            }
        }
        // stream-lag runs against dynalog only; every acknowledged put's change record must arrive.
        assertThat(md).contains("## Change-stream lag (dynalog only)").contains("## GSI lag");
        String streamLag = md.substring(md.indexOf("## Change-stream lag"), md.indexOf("## GSI lag"));
        assertThat(streamLag).containsPattern("\\| 4 \\| \\d+ \\| \\d+ \\|.* \\| 0 \\|\n");
        // gsi-lag runs against both; some puts are sampled and every one of them is found in the index.
        String gsiLag = md.substring(md.indexOf("## GSI lag"));
        for (String server : new String[] {"ddblocal", "dynalog"}) {
            assertThat(gsiLag).containsPattern("\\| " + server + " \\| 4 \\| \\d+ \\| [1-9]\\d* \\|( [\\d.]+ \\|){4} 0 \\|");
        }
    }

    @Test
    void shortRunOfTheTransactionWorkloadsAgainstBothServersReportsCommittedTransactionsAndCancels() throws Exception {
        Path report = dir.resolve("transactions.md");
        int exit = new CommandLine(new BenchMain()).execute("--repo", "..", "--duration", "2", "--warmup", "1",
                "--threads", "4", "--keys", "300", "--workloads", "transfer,transact-get", "--transaction-items", "10",
                "--report", report.toString());
        assertThat(exit).isZero();
        String md = Files.readString(report);
        for (String workload : new String[] {"transfer", "transact-get"}) {
            assertThat(md).contains("- " + workload + " (lean): dynalog/ddblocal = ")
                    .contains("- " + workload + " (sdk): dynalog/ddblocal = ");
        }
        assertThat(md).contains("## Transactions").contains("10 items per transaction, cross-partition, 300 accounts");
        String transactions = md.substring(md.indexOf("## Transactions"));
        for (String server : new String[] {"ddblocal", "dynalog"}) {
            for (String client : new String[] {"lean", "sdk"}) {
                // committed transactions, and no errors: cancellations are counted apart
                assertThat(transactions).containsPattern("\\| transfer \\| " + server + " \\| " + client
                        + " \\| [1-9]\\d* \\|( [\\d.]+ \\|){3} \\d+ \\| 0 \\|");
                assertThat(transactions).containsPattern("\\| transact-get \\| " + server + " \\| " + client
                        + " \\| [1-9]\\d* \\|( [\\d.]+ \\|){3} \\d+ \\| 0 \\|");
            }
        }
    }
}
