package dev.dynalog.app.drill;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.dynalog.app.RestoreCommand;
import dev.dynalog.app.drill.LogOffsets.PartitionOffset;
import java.io.PrintWriter;
import java.io.StringWriter;
import org.junit.jupiter.api.Test;
import picocli.CommandLine;

/** {@code --to-offsets}: a cut of the command log written by hand. */
class LogOffsetsTest {

    /** Runs {@code dynalog restore} with {@code args}; these never get as far as calling a node. */
    private static String restoreErrors(int expectedExitCode, String... args) {
        StringWriter err = new StringWriter();
        CommandLine restore = new CommandLine(new RestoreCommand()).setErr(new PrintWriter(err));
        assertThat(restore.execute(args)).isEqualTo(expectedExitCode);
        return err.toString();
    }

    @Test
    void partitionsAndTheirFirstOffsetNotToReplayAreRead() {
        assertThat(LogOffsets.parse("0:120,1:98").offsets())
                .containsExactly(new PartitionOffset(0, 120), new PartitionOffset(1, 98));
        assertThat(LogOffsets.parse(" 1:98 , 0:0 ").offsets())
                .containsExactly(new PartitionOffset(1, 98), new PartitionOffset(0, 0));
    }

    @Test
    void somethingElseThanPartitionColonOffsetIsRejectedSayingWhatIsExpected() {
        assertThatThrownBy(() -> LogOffsets.parse("0:120,1=98"))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessage("'1=98' is not partition:offset (two whole numbers not below 0, the offset being the "
                        + "first one not to replay), e.g. 0:120,1:98 for partitions 0 and 1");
        assertThatThrownBy(() -> LogOffsets.parse("0:-1")).hasMessageStartingWith("'0:-1' is not partition:offset");
        assertThatThrownBy(() -> LogOffsets.parse("0:120,")).hasMessageStartingWith("'' is not partition:offset");
        assertThatThrownBy(() -> LogOffsets.parse(" ")).hasMessage(
                "give partition:offset for every partition of the command log, e.g. 0:120,1:98 for partitions 0 and 1");
    }

    @Test
    void aPartitionGivenTwiceIsRejected() {
        assertThatThrownBy(() -> LogOffsets.parse("0:120,0:98"))
                .hasMessage("partition 0 is given more than once in '0:120,0:98'");
    }

    @Test
    void restoreReportsABadCutAsAnInvalidArgumentWithExitCode1() {
        assertThat(restoreErrors(1, "--table", "orders", "--into", "copy", "--to-offsets", "0:120,x"))
                .startsWith("Invalid value for option '--to-offsets': 'x' is not partition:offset");
    }

    @Test
    void restoreReportsABadTimeNamingTheAcceptedForms() {
        assertThat(restoreErrors(1, "--table", "orders", "--into", "copy", "--to-time", "2025-12-03T09:43:20"))
                .startsWith("Invalid value for option '--to-time': '2025-12-03T09:43:20' is not a point in time: "
                        + "give an ISO-8601 date-time with an offset");
    }

    @Test
    void restoreTakesExactlyOneCut() {
        assertThat(restoreErrors(1, "--table", "orders", "--into", "copy"))
                .startsWith("Error: Missing required argument (specify one of these): (--to-time=TIME | "
                        + "--to-offsets=PARTITION:OFFSET,... | --latest)");
        assertThat(restoreErrors(1, "--table", "orders", "--into", "copy", "--latest", "--to-offsets", "0:1"))
                .contains("are mutually exclusive");
    }
}
