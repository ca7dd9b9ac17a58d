package dev.dynalog.core.model;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.Test;

class TableStreamTest {
    private static final long HOUR = 3_600_000L;

    @Test
    void aDisabledStreamKeepsItsLabelAsTheLatestAndStaysReadableForADay() {
        TableStream enabled = new TableStream(StreamViewType.NEW_IMAGE, "2026-12-04T02:00:00.000");

        TableStream disabled = enabled.disabled(10 * HOUR);

        assertThat(disabled.enabled()).isFalse();
        assertThat(disabled.latestLabel()).isEqualTo("2026-12-04T02:00:00.000");
        assertThat(disabled.closedStream("2026-12-04T02:00:00.000", 33 * HOUR))
                .hasValue(new TableStream.Closed("2026-12-04T02:00:00.000", StreamViewType.NEW_IMAGE, 10 * HOUR));
        assertThat(disabled.closedStream("2026-12-04T02:00:00.000", 34 * HOUR)).isEmpty();
    }

    @Test
    void enablingAgainStartsANewLatestStreamAndTheOldOneStaysReadable() {
        TableStream again = new TableStream(StreamViewType.NEW_IMAGE, "2026-12-04T02:00:00.000")
                .disabled(10 * HOUR)
                .enabledAgain(StreamViewType.KEYS_ONLY, "2026-12-04T12:00:00.000", 11 * HOUR);

        assertThat(again.enabled()).isTrue();
        assertThat(again.viewType()).isEqualTo(StreamViewType.KEYS_ONLY);
        assertThat(again.latestLabel()).isEqualTo("2026-12-04T12:00:00.000");
        assertThat(again.readableClosed(12 * HOUR)).extracting(TableStream.Closed::label)
                .containsExactly("2026-12-04T02:00:00.000");
    }

    @Test
    void streamsDisabledMoreThanADayAgoAreDroppedAtTheNextChange() {
        TableStream twice = new TableStream(StreamViewType.NEW_IMAGE, "a")
                .disabled(0)
                .enabledAgain(StreamViewType.NEW_IMAGE, "b", HOUR)
                .disabled(30 * HOUR);

        assertThat(twice.closed()).extracting(TableStream.Closed::label).containsExactly("b");
    }
}
