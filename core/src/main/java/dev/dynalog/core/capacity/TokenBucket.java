package dev.dynalog.core.capacity;

import java.util.function.LongSupplier;

/**
 * A capacity budget as DynamoDB keeps one per table: units accrue at the table's rate per second
 * and unused units are kept for up to {@code burstSeconds} of that rate (DynamoDB retains up to 300
 * seconds of unused capacity for bursts). A request is let in while the budget is positive and is
 * charged what it consumed once that is known, so one large request may overdraw it; requests then
 * wait for the budget to refill.
 *
 * <p>A new budget starts full, as a table that has been idle would be: a test suite that creates a
 * table with 5 units and loads a few hundred items is not throttled, a sustained load is.
 */
public final class TokenBucket {
    private final LongSupplier nanoClock;
    private final double burstSeconds;
    private double ratePerSecond;
    private double units;
    private long refilledAt;

    public TokenBucket(double ratePerSecond, double burstSeconds, LongSupplier nanoClock) {
        this.nanoClock = nanoClock;
        this.burstSeconds = burstSeconds;
        this.ratePerSecond = ratePerSecond;
        this.units = capacity();
        this.refilledAt = nanoClock.getAsLong();
    }

    /** True if a request may go ahead now: the budget is not overdrawn. */
    public synchronized boolean admits() {
        refill();
        return units > 0;
    }

    /** Charges what a request consumed. */
    public synchronized void charge(double consumed) {
        refill();
        units -= consumed;
    }

    /** A new rate (UpdateTable), effective at once; what accrued so far stays, up to the new capacity. */
    public synchronized void rate(double newRatePerSecond) {
        refill();
        ratePerSecond = newRatePerSecond;
        units = Math.min(units, capacity());
    }

    public synchronized double rate() {
        return ratePerSecond;
    }

    /** The units available now (negative while overdrawn). */
    public synchronized double available() {
        refill();
        return units;
    }

    private double capacity() {
        return ratePerSecond * burstSeconds;
    }

    private void refill() {
        long now = nanoClock.getAsLong();
        units = Math.min(capacity(), units + (now - refilledAt) / 1e9 * ratePerSecond);
        refilledAt = now;
    }
}
