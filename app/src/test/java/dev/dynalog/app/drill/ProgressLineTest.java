package dev.dynalog.app.drill;

import static dev.dynalog.app.drill.SampleStatuses.COMPLETED;
import static dev.dynalog.app.drill.SampleStatuses.REPLAYING;
import static dev.dynalog.app.drill.SampleStatuses.status;
import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.node.ObjectNode;
import java.io.PrintWriter;
import java.io.StringWriter;
import org.junit.jupiter.api.Test;

/** What the error stream shows while a restore runs. */
class ProgressLineTest {

    private static RestoreStatus loading(long itemsLoaded, double etaSeconds) {
        ObjectNode json = SampleStatuses.json(REPLAYING).put("Status", "LOADING");
        ((ObjectNode) json.get("Progress")).put("CommandsReplayed", 4000).put("PartitionsReplayed", 4)
                .put("ItemsLoaded", itemsLoaded).put("ItemsToLoad", 2500).put("ItemsPerSecond", 850.0)
                .put("EtaSeconds", etaSeconds);
        return RestoreStatus.from(json);
    }

    @Test
    void aReplayingRestoreShowsItsCountsCommandRateAndEta() {
        assertThat(ProgressLine.format(status(REPLAYING))).isEqualTo(
                "REPLAYING  commands 1,000/4,000  partitions 1/4  items 0/?  12,001 commands/s  ETA 4s");
    }

    @Test
    void aLoadingRestoreShowsItsItemRate() {
        assertThat(ProgressLine.format(loading(500, 125))).isEqualTo(
                "LOADING  commands 4,000/4,000  partitions 4/4  items 500/2,500  850 items/s  ETA 2m05s");
    }

    @Test
    void anEtaTheNodeCannotTellIsAQuestionMark() {
        ObjectNode json = SampleStatuses.json(REPLAYING);
        ((ObjectNode) json.get("Progress")).remove("EtaSeconds");

        assertThat(ProgressLine.format(RestoreStatus.from(json))).endsWith("12,001 commands/s  ETA ?");
    }

    @Test
    void aFinishedRestoreShowsItsCountsOnly() {
        assertThat(ProgressLine.format(status(COMPLETED))).isEqualTo(
                "COMPLETED  commands 4,500/4,500  partitions 4/4  items 2,500/2,500");
    }

    @Test
    void onATerminalTheLineIsRewrittenInPlace() {
        StringWriter text = new StringWriter();
        ProgressDisplay display = new ProgressDisplay(new PrintWriter(text), true);

        display.show(loading(500, 125), 0);
        display.show(loading(1000, 9), 500);
        display.end();

        assertThat(text.toString()).isEqualTo(
                "\rLOADING  commands 4,000/4,000  partitions 4/4  items 500/2,500  850 items/s  ETA 2m05s"
                        // one character shorter: a space wipes the last one of the line before
                        + "\rLOADING  commands 4,000/4,000  partitions 4/4  items 1,000/2,500  850 items/s  ETA 9s "
                        + System.lineSeparator());
    }

    @Test
    void inALogALineIsWrittenEveryFiveSecondsAndWhenThePhaseChanges() {
        StringWriter text = new StringWriter();
        ProgressDisplay display = new ProgressDisplay(new PrintWriter(text), false);

        display.show(status(REPLAYING), 0);
        display.show(status(REPLAYING), 4_500);
        display.show(status(REPLAYING), 5_000);
        display.show(loading(500, 125), 5_500);
        display.show(loading(600, 120), 6_000);
        display.show(status(COMPLETED), 6_500);
        display.end();

        assertThat(text.toString().lines()).containsExactly(
                "REPLAYING  commands 1,000/4,000  partitions 1/4  items 0/?  12,001 commands/s  ETA 4s",
                "REPLAYING  commands 1,000/4,000  partitions 1/4  items 0/?  12,001 commands/s  ETA 4s",
                "LOADING  commands 4,000/4,000  partitions 4/4  items 500/2,500  850 items/s  ETA 2m05s",
                "COMPLETED  commands 4,500/4,500  partitions 4/4  items 2,500/2,500");
    }
}
