package dev.dynalog.app;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.math.BigDecimal;
import org.junit.jupiter.api.Test;

class RecoveryTimesTest {
    private static final long MILLIS = 1_796_291_000_123L; // 2026-12-03T09:43:20.123Z

    @Test
    void anIsoInstantWithOffsetOrZoneIsRead() {
        assertThat(RecoveryTimes.parseEpochMillis("2026-12-03T09:43:20.123Z")).isEqualTo(MILLIS);
        assertThat(RecoveryTimes.parseEpochMillis("2026-12-03T10:43:20.123+01:00")).isEqualTo(MILLIS);
        assertThat(RecoveryTimes.parseEpochMillis("2026-12-03T10:43:20.123+01:00[Europe/Paris]")).isEqualTo(MILLIS);
        assertThat(RecoveryTimes.parseEpochMillis(" 2026-12-03T09:43:20Z ")).isEqualTo(MILLIS - 123);
    }

    @Test
    void digitsAreEpochMilliseconds() {
        assertThat(RecoveryTimes.parseEpochMillis("1796291000123")).isEqualTo(MILLIS);
    }

    @Test
    void aTimeWithoutOffsetIsRefusedRatherThanReadInTheMachinesZone() {
        assertThatThrownBy(() -> RecoveryTimes.parseEpochMillis("2026-12-03T09:43:20"))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessageContaining("offset");
    }

    @Test
    void somethingElseIsRefused() {
        assertThatThrownBy(() -> RecoveryTimes.parseEpochMillis("yesterday")).isInstanceOf(IllegalArgumentException.class);
        assertThatThrownBy(() -> RecoveryTimes.parseEpochMillis("")).isInstanceOf(IllegalArgumentException.class);
        assertThatThrownBy(() -> RecoveryTimes.parseEpochMillis("99999999999999999999"))
                .isInstanceOf(IllegalArgumentException.class);
    }

    @Test
    void theAdminApiGetsExactEpochSeconds() {
        assertThat(RecoveryTimes.toEpochSeconds(MILLIS)).isEqualTo(new BigDecimal("1796291000.123"));
    }

    @Test
    void adminApiTimesShowAsIsoInstantsToTheMillisecond() {
        assertThat(RecoveryTimes.formatEpochSeconds(1796291000.123)).isEqualTo("2026-12-03T09:43:20.123Z");
        assertThat(RecoveryTimes.formatEpochSeconds(1796291000)).isEqualTo("2026-12-03T09:43:20Z");
    }
}
