package dev.dynalog.core.capacity;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.concurrent.atomic.AtomicLong;
import org.junit.jupiter.api.Test;

class TokenBucketTest {
    private static final long SECOND = 1_000_000_000L;
    private final AtomicLong now = new AtomicLong();

    @Test
    void aNewBudgetHoldsItsBurstAndRefusesOnceOverdrawn() {
        TokenBucket bucket = new TokenBucket(5, 300, now::get);

        assertThat(bucket.available()).isEqualTo(1_500);
        bucket.charge(1_500);
        assertThat(bucket.admits()).isFalse();
    }

    @Test
    void unitsAccrueAtTheRateUpToTheBurst() {
        TokenBucket bucket = new TokenBucket(5, 300, now::get);
        bucket.charge(1_501);

        now.addAndGet(SECOND / 10);
        assertThat(bucket.admits()).as("0.5 units accrued after an overdraft of 1").isFalse();
        now.addAndGet(SECOND / 5);
        assertThat(bucket.admits()).isTrue();
        now.addAndGet(3_600 * SECOND);
        assertThat(bucket.available()).as("never more than 300 s of the rate").isEqualTo(1_500);
    }

    @Test
    void oneLargeRequestMayOverdrawTheBudgetAndTheNextWaitsForItToRefill() {
        TokenBucket bucket = new TokenBucket(10, 1, now::get);

        assertThat(bucket.admits()).isTrue();
        bucket.charge(25);
        assertThat(bucket.admits()).isFalse();
        now.addAndGet(SECOND + SECOND / 2);
        assertThat(bucket.admits()).isFalse();
        now.addAndGet(SECOND);
        assertThat(bucket.admits()).isTrue();
    }

    @Test
    void aNewRateTakesEffectAtOnceAndCapsWhatWasKept() {
        TokenBucket bucket = new TokenBucket(100, 300, now::get);

        bucket.rate(5);

        assertThat(bucket.rate()).isEqualTo(5);
        assertThat(bucket.available()).isEqualTo(1_500);
        bucket.charge(1_500);
        now.addAndGet(2 * SECOND);
        assertThat(bucket.available()).isEqualTo(10);
    }
}
