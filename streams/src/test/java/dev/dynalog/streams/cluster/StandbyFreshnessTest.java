package dev.dynalog.streams.cluster;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

class StandbyFreshnessTest {
    private static final long MS = 1_000_000L;
    private static final int P = 3;

    private final StandbyFreshness freshness = new StandbyFreshness(Duration.ofSeconds(1));

    /** One refresh of partition P: each store's position and changelog end, and the committed command offset. */
    private void observe(long atMs, long committed, long... positionsAndEnds) {
        List<StandbyFreshness.ChangelogLag> lags = new ArrayList<>();
        for (int i = 0; i < positionsAndEnds.length; i += 2) {
            lags.add(new StandbyFreshness.ChangelogLag(positionsAndEnds[i], positionsAndEnds[i + 1]));
        }
        freshness.observe(atMs * MS, Map.of(P, lags), Map.of(P, committed));
    }

    @Test
    void aStandbyThatStaysOnItsChangelogsLastCommitMarkerIsFresh() {
        // Exactly-once: a caught-up standby's position is the offset after its last record, the marker's.
        observe(0, 100, 9, 10, 4, 5);
        observe(100, 100, 9, 10, 4, 5);

        assertThat(freshness.serves(P, 150 * MS, -1)).isTrue();
        assertThat(freshness.serves(P, 1_099 * MS, -1)).isTrue();
    }

    @Test
    void aStandbyBehindItsChangelogsLongerThanTheBoundServesNoRead() {
        observe(0, 100, 10, 10, 5, 5);
        // From here on the items changelog grows and the standby does not restore any further.
        for (long t = 100; t <= 2_000; t += 100) {
            observe(t, 100, 10, 10 + t, 5, 5);
        }

        assertThat(freshness.serves(P, 900 * MS, -1)).as("fresh as of 0 ms, within 1 s").isTrue();
        assertThat(freshness.serves(P, 2_000 * MS, -1)).as("fresh as of 0 ms, 2 s ago").isFalse();
    }

    @Test
    void aStandbyIsFreshAsOfTheLastEndsItHasRestoredPast() {
        observe(0, 100, 10, 10);
        observe(100, 100, 10, 20);
        observe(200, 100, 10, 30);
        observe(1_400, 100, 21, 40); // has what the changelog held at 100 ms, not at 200 ms

        assertThat(freshness.standbys().get(P).asOfNanos()).isEqualTo(100 * MS);
        assertThat(freshness.serves(P, 1_050 * MS, -1)).isTrue();
        assertThat(freshness.serves(P, 1_150 * MS, -1)).isFalse();
    }

    @Test
    void aStoreBehindKeepsTheWholeStandbyBehind() {
        observe(0, 100, 10, 10, 5, 5);
        observe(1_500, 100, 10, 10, 5, 8);

        assertThat(freshness.serves(P, 1_500 * MS, -1)).isFalse();
    }

    @Test
    void aWriteThisNodeAcknowledgedIsReadFromTheStandbyOnlyOnceItsCommitIsCovered() {
        observe(0, 50, 10, 10);
        observe(100, 80, 10, 10); // covers what was committed at 0 ms: commands below 50

        assertThat(freshness.serves(P, 150 * MS, 49)).isTrue();
        assertThat(freshness.serves(P, 150 * MS, 50)).isFalse();
        observe(200, 80, 10, 10);
        assertThat(freshness.serves(P, 250 * MS, 79)).isTrue();
    }

    @Test
    void aPartitionNoLongerHeldAsStandbyServesNoRead() {
        observe(0, 100, 10, 10);
        observe(100, 100, 10, 10);
        freshness.observe(200 * MS, Map.of(), Map.of());

        assertThat(freshness.serves(P, 250 * MS, -1)).isFalse();
    }

    @Test
    void aBoundOfZeroTurnsStandbyReadsOff() {
        StandbyFreshness off = new StandbyFreshness(Duration.ZERO);
        off.observe(0, Map.of(P, List.of(new StandbyFreshness.ChangelogLag(10, 10))), Map.of(P, 100L));

        assertThat(off.enabled()).isFalse();
        assertThat(off.serves(P, 0, -1)).isFalse();
    }
}
