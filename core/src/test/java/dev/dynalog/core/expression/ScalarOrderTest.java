package dev.dynalog.core.expression;

import static dev.dynalog.core.expression.Values.b;
import static dev.dynalog.core.expression.Values.n;
import static dev.dynalog.core.expression.Values.s;
import static org.assertj.core.api.Assertions.assertThat;

import java.nio.charset.StandardCharsets;
import java.util.Arrays;
import java.util.List;
import org.junit.jupiter.api.Test;

class ScalarOrderTest {

    @Test
    void numbersCompareNumerically() {
        assertThat(ScalarOrder.compare(n("9"), n("10"))).isNegative();
        assertThat(ScalarOrder.compare(n("-1.5"), n("-1.25"))).isNegative();
    }

    @Test
    void stringsCompareByUtf8Bytes() {
        // U+FF5E sorts before U+1F600 in UTF-8 but after it in UTF-16
        assertThat(ScalarOrder.compare(s("\uFF5E"), s("\uD83D\uDE00"))).isNegative();
        assertThat(ScalarOrder.compare(s("B"), s("a"))).isNegative();
    }

    @Test
    void stringOrderAgreesWithComparingEncodedBytes() {
        List<String> samples = List.of("", "a", "ab", "b", "\u007f", "\u0080", "\u07ff", "\u0800", "\uD7FF",
                "\uE000", "\uFF5E", "\uFFFF", "\uD800\uDC00", "\uD83D\uDE00", "\uDBFF\uDFFF", "a\uD83D\uDE00",
                "a\uFFFF", "\uD83D\uDE00a");
        for (String x : samples) {
            for (String y : samples) {
                int bytes = Integer.signum(Arrays.compareUnsigned(x.getBytes(StandardCharsets.UTF_8),
                        y.getBytes(StandardCharsets.UTF_8)));
                assertThat(Integer.signum(ScalarOrder.compare(s(x), s(y)))).as("%s vs %s", x, y).isEqualTo(bytes);
            }
        }
    }

    @Test
    void binaryComparesUnsigned() {
        assertThat(ScalarOrder.compare(b(0x01), b(0xff))).isNegative();
    }
}
