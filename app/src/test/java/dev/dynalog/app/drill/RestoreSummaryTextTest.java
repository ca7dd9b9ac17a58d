package dev.dynalog.app.drill;

import static dev.dynalog.app.drill.SampleStatuses.COMPLETED;
import static dev.dynalog.app.drill.SampleStatuses.FAILED;
import static dev.dynalog.app.drill.SampleStatuses.REPLAYING;
import static dev.dynalog.app.drill.SampleStatuses.status;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.fasterxml.jackson.databind.node.ObjectNode;
import java.time.Duration;
import org.junit.jupiter.api.Test;

/** What restore and drill print when a restore ends, and the exit code they end with. */
class RestoreSummaryTextTest {

    @Test
    void aVerifiedRestoreSaysWhereItGotAndExitsWith0() {
        RestoreStatus status = status(COMPLETED);

        assertThat(RestoreSummaryText.summary(status, Duration.ofMillis(8600))).containsExactly(
                "Restore of orders into orders-drill-20251203-094321 COMPLETED in 8.6 s (8.5 s on the node)",
                "Recovery point achieved: 2025-12-03T09:43:19.870Z (requested 2025-12-03T09:43:20.123Z, 253 ms "
                        + "before it)",
                "Verification: MATCH (4 partitions, 2 indexes checked)");
        assertThat(RestoreSummaryText.warnings(status)).isEmpty();
        assertThat(RestoreOutcome.of(status).exitCode()).isEqualTo(0);
    }

    @Test
    void aMismatchIsShoutedWithItsProblemsAndExitsWith2() {
        RestoreStatus status = SampleStatuses.mismatchInPartition2();

        assertThat(RestoreSummaryText.warnings(status)).containsExactly(
                "*** MISMATCH: the restored table orders-drill-20251203-094321 does not match the log's digests. "
                        + "Do not trust it. ***",
                "  - partition 2: target has 624 items, the replay 625");
        assertThat(RestoreOutcome.of(status).exitCode()).isEqualTo(2);
    }

    @Test
    void aCompletedRestoreWithoutAVerificationResultIsUnverifiedAndExitsWith2() {
        ObjectNode json = SampleStatuses.json(COMPLETED);
        ((ObjectNode) json.get("Verification")).put("Result", "UNVERIFIED").putArray("Problems")
                .add("partition 3: the digest at offset 900 cannot be read");
        RestoreStatus unverified = RestoreStatus.from(json);
        json.remove("Verification");
        RestoreStatus withoutVerification = RestoreStatus.from(json);

        assertThat(RestoreSummaryText.warnings(unverified)).containsExactly(
                "*** UNVERIFIED: the restore into orders-drill-20251203-094321 completed but was not verified; "
                        + "nothing vouches for its content. ***",
                "  - partition 3: the digest at offset 900 cannot be read");
        assertThat(RestoreOutcome.of(unverified).exitCode()).isEqualTo(2);
        assertThat(RestoreOutcome.of(withoutVerification)).isEqualTo(RestoreOutcome.UNVERIFIED);
        assertThat(RestoreSummaryText.summary(withoutVerification, Duration.ofSeconds(9)))
                .contains("Verification: UNVERIFIED (0 partitions, 0 indexes checked)");
    }

    @Test
    void aFailedRestoreSaysWhyAndExitsWith1() {
        RestoreStatus status = status(FAILED);

        assertThat(RestoreSummaryText.summary(status, Duration.ofMillis(1200))).containsExactly(
                "Restore of orders into orders-drill-20251203-094321 FAILED in 1.2 s (1.0 s on the node)");
        assertThat(RestoreSummaryText.warnings(status)).containsExactly(
                "*** FAILED: the restore into orders-drill-20251203-094321 failed: partition 1 of the command log "
                        + "no longer holds offset 0 (retention deleted it) ***");
        assertThat(RestoreOutcome.of(status).exitCode()).isEqualTo(1);
    }

    @Test
    void aRunningRestoreHasNoOutcomeYet() {
        assertThatThrownBy(() -> RestoreOutcome.of(status(REPLAYING)))
                .hasMessage("The restore into orders-drill-20251203-094321 is still REPLAYING");
    }
}
