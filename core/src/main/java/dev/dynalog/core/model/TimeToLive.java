package dev.dynalog.core.model;

/**
 * A table's Time to Live setting, as UpdateTimeToLive last left it.
 *
 * <p>The status DescribeTimeToLive reports is derived from the setting and the time of its last
 * change: for a while after a change (the transition, see {@link #status}) the setting is
 * ENABLING or DISABLING, since the nodes' sweepers pick it up at their next sweep and expiries
 * already in the log are decided as they were appended.
 *
 * @param attributeName   the attribute that holds each item's expiry time (epoch seconds), or
 *                        null if TTL was never enabled; kept after disabling, for DISABLING
 * @param enabled         whether items expire
 * @param changedAtMillis when UpdateTimeToLive last changed the setting (0: never); DynamoDB
 *                        allows one change per hour
 */
public record TimeToLive(String attributeName, boolean enabled, long changedAtMillis) {
    public static final TimeToLive NONE = new TimeToLive(null, false, 0);
    /** DynamoDB refuses a second UpdateTimeToLive within this time of the last change. */
    public static final long CHANGE_INTERVAL_MILLIS = 60 * 60 * 1000L;

    public enum Status { ENABLING, ENABLED, DISABLING, DISABLED }

    public TimeToLive enable(String attribute, long nowMillis) {
        return new TimeToLive(attribute, true, nowMillis);
    }

    public TimeToLive disable(long nowMillis) {
        return new TimeToLive(attributeName, false, nowMillis);
    }

    /** Whether UpdateTimeToLive may change the setting at {@code nowMillis}. */
    public boolean changeableAt(long nowMillis) {
        return changedAtMillis == 0 || nowMillis - changedAtMillis >= CHANGE_INTERVAL_MILLIS;
    }

    /**
     * The status at {@code nowMillis}: ENABLING or DISABLING until {@code transitionMillis} after
     * the last change, then ENABLED or DISABLED.
     */
    public Status status(long nowMillis, long transitionMillis) {
        boolean settled = changedAtMillis == 0 || nowMillis - changedAtMillis >= transitionMillis;
        if (enabled) {
            return settled ? Status.ENABLED : Status.ENABLING;
        }
        return settled ? Status.DISABLED : Status.DISABLING;
    }
}
