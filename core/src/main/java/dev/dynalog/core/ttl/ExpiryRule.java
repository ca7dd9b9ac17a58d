package dev.dynalog.core.ttl;

import dev.dynalog.core.model.AttributeValue;
import java.math.BigDecimal;
import java.util.Map;

/**
 * When an item has expired, by DynamoDB's Time to Live rules: its TTL attribute is a Number (a
 * scalar N; a string, a number set or anything else never expires), in epoch seconds, at or
 * before the time asked about, and not more than five years before it (DynamoDB ignores such old
 * values, which are more likely milliseconds or a mistake than an expiry).
 *
 * <p>The sweeper uses it to find candidates and the partition's processor to decide each expiry
 * against the item at the command's log position, so both apply the same rule.
 */
public final class ExpiryRule {
    /** Five years of 365 days, in seconds: older expiry times are not acted on. */
    public static final long MAX_AGE_SECONDS = 5L * 365 * 24 * 60 * 60;

    private ExpiryRule() {
    }

    /** Whether {@code item} has expired at {@code asOfMillis} (epoch milliseconds) by its {@code attributeName}. */
    public static boolean expired(Map<String, AttributeValue> item, String attributeName, long asOfMillis) {
        if (!(item.get(attributeName) instanceof AttributeValue.N n)) {
            return false;
        }
        BigDecimal expiresAt = new BigDecimal(n.value());
        BigDecimal asOf = BigDecimal.valueOf(asOfMillis, 3);
        return expiresAt.compareTo(asOf) <= 0 && expiresAt.compareTo(asOf.subtract(BigDecimal.valueOf(MAX_AGE_SECONDS))) >= 0;
    }
}
