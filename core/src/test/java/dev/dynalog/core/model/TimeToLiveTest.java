package dev.dynalog.core.model;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.Test;

/** A table's TTL setting: its reported status over time, and DynamoDB's one change an hour. */
class TimeToLiveTest {
    private static final long TRANSITION = 10_000;
    private static final long HOUR = 3_600_000;

    @Test
    void aTableThatNeverHadTimeToLiveIsDisabled() {
        assertThat(TimeToLive.NONE.status(0, TRANSITION)).isEqualTo(TimeToLive.Status.DISABLED);
        assertThat(TimeToLive.NONE.changeableAt(0)).isTrue();
    }

    @Test
    void enablingIsReportedUntilTheTransitionHasPassed() {
        TimeToLive enabled = TimeToLive.NONE.enable("expires", 1_000_000);

        assertThat(enabled.status(1_000_000, TRANSITION)).isEqualTo(TimeToLive.Status.ENABLING);
        assertThat(enabled.status(1_000_000 + TRANSITION - 1, TRANSITION)).isEqualTo(TimeToLive.Status.ENABLING);
        assertThat(enabled.status(1_000_000 + TRANSITION, TRANSITION)).isEqualTo(TimeToLive.Status.ENABLED);
    }

    @Test
    void disablingKeepsTheAttributeAndIsReportedUntilTheTransitionHasPassed() {
        TimeToLive disabled = TimeToLive.NONE.enable("expires", 0).disable(2 * HOUR);

        assertThat(disabled.attributeName()).isEqualTo("expires");
        assertThat(disabled.enabled()).isFalse();
        assertThat(disabled.status(2 * HOUR + 1, TRANSITION)).isEqualTo(TimeToLive.Status.DISABLING);
        assertThat(disabled.status(2 * HOUR + TRANSITION, TRANSITION)).isEqualTo(TimeToLive.Status.DISABLED);
    }

    @Test
    void theSettingChangesAtMostOnceAnHour() {
        TimeToLive enabled = TimeToLive.NONE.enable("expires", HOUR);

        assertThat(enabled.changeableAt(HOUR + 1)).isFalse();
        assertThat(enabled.changeableAt(2 * HOUR - 1)).isFalse();
        assertThat(enabled.changeableAt(2 * HOUR)).isTrue();
    }
}
