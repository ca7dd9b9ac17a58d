package dev.dynalog.core.ttl;

import static org.assertj.core.api.Assertions.assertThat;

import dev.dynalog.core.model.AttributeValue;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

/** DynamoDB's rule for an expired item: a Number of epoch seconds, passed, and not older than five years. */
class ExpiryRuleTest {
    private static final long NOW_MILLIS = 1_780_000_000_500L;
    private static final long NOW_SECONDS = NOW_MILLIS / 1000;

    @Test
    void aNumberAtOrBeforeNowHasExpired() {
        assertThat(expired(new AttributeValue.N(String.valueOf(NOW_SECONDS - 1)))).isTrue();
        assertThat(expired(new AttributeValue.N(String.valueOf(NOW_SECONDS)))).isTrue();
        assertThat(expired(new AttributeValue.N(NOW_SECONDS + ".5"))).isTrue();
    }

    @Test
    void aNumberAfterNowHasNotExpired() {
        assertThat(expired(new AttributeValue.N(NOW_SECONDS + ".501"))).isFalse();
        assertThat(expired(new AttributeValue.N(String.valueOf(NOW_SECONDS + 1)))).isFalse();
    }

    @Test
    void aNumberMoreThanFiveYearsOldIsIgnored() {
        // Now is NOW_SECONDS + 0.5: five years before it is the oldest expiry acted on.
        assertThat(expired(new AttributeValue.N((NOW_SECONDS - ExpiryRule.MAX_AGE_SECONDS) + ".5"))).isTrue();
        assertThat(expired(new AttributeValue.N(String.valueOf(NOW_SECONDS - ExpiryRule.MAX_AGE_SECONDS)))).isFalse();
        // Milliseconds by mistake lie far in the future: never expire either.
        assertThat(expired(new AttributeValue.N(String.valueOf(NOW_MILLIS - 1000)))).isFalse();
    }

    @Test
    void anythingButANumberNeverExpires() {
        assertThat(expired(new AttributeValue.S(String.valueOf(NOW_SECONDS - 1)))).isFalse();
        assertThat(expired(new AttributeValue.NS(List.of(String.valueOf(NOW_SECONDS - 1))))).isFalse();
        assertThat(ExpiryRule.expired(Map.of(), "expires", NOW_MILLIS)).isFalse();
    }

    private static boolean expired(AttributeValue value) {
        return ExpiryRule.expired(Map.of("expires", value), "expires", NOW_MILLIS);
    }
}
