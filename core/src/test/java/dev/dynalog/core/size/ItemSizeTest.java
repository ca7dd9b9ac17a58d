package dev.dynalog.core.size;

import static org.assertj.core.api.Assertions.assertThat;

import dev.dynalog.core.model.AttributeValue;
import dev.dynalog.core.model.Binary;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

/** Item sizes follow DynamoDB's documented rules. */
class ItemSizeTest {

    @Test
    void stringsCountUtf8BytesPlusTheName() {
        assertThat(ItemSize.of(Map.of("id", new AttributeValue.S("abc")))).isEqualTo(5);
        assertThat(ItemSize.of(Map.of("é", new AttributeValue.S("😀")))).isEqualTo(2 + 4);
    }

    @Test
    void numbersCountOneBytePerTwoSignificantDigitsPlusOne() {
        assertThat(ItemSize.ofValue(new AttributeValue.N("1"))).isEqualTo(2);
        assertThat(ItemSize.ofValue(new AttributeValue.N("12"))).isEqualTo(2);
        assertThat(ItemSize.ofValue(new AttributeValue.N("123"))).isEqualTo(3);
        assertThat(ItemSize.ofValue(new AttributeValue.N("1000000"))).isEqualTo(2);
        assertThat(ItemSize.ofValue(new AttributeValue.N("-0.00123"))).isEqualTo(3);
    }

    @Test
    void binaryBooleanAndNull() {
        assertThat(ItemSize.ofValue(new AttributeValue.B(Binary.wrap(new byte[10])))).isEqualTo(10);
        assertThat(ItemSize.ofValue(AttributeValue.Bool.TRUE)).isEqualTo(1);
        assertThat(ItemSize.ofValue(AttributeValue.Null.INSTANCE)).isEqualTo(1);
    }

    @Test
    void documentsCostThreeBytesPlusOnePerElement() {
        assertThat(ItemSize.ofValue(new AttributeValue.L(List.of()))).isEqualTo(3);
        assertThat(ItemSize.ofValue(new AttributeValue.L(List.of(new AttributeValue.S("ab"), AttributeValue.Bool.TRUE))))
                .isEqualTo(3 + (1 + 2) + (1 + 1));
        assertThat(ItemSize.ofValue(new AttributeValue.M(Map.of("k", new AttributeValue.S("v"))))).isEqualTo(3 + 1 + 1 + 1);
    }

    @Test
    void setsCountTheirMembers() {
        assertThat(ItemSize.ofValue(new AttributeValue.SS(List.of("a", "bc")))).isEqualTo(3);
        assertThat(ItemSize.ofValue(new AttributeValue.NS(List.of("1", "123")))).isEqualTo(2 + 3);
    }
}
