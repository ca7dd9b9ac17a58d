package dev.dynalog.core.number;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.dynalog.core.error.DynamoDbException;
import java.math.BigDecimal;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import org.junit.jupiter.params.provider.ValueSource;

/** Numbers are validated and normalized as DynamoDB does. */
class NumbersTest {

    @ParameterizedTest
    @CsvSource({"1.50,1.5", "1e3,1000", "-0,0", "-0.000,0", "00.100e2,10", "+5,5", ".5,0.5", "5.,5", "15E-1,1.5",
            "-12.3400,-12.34"})
    void canonicalFormIsPlainWithoutRedundantZeros(String input, String canonical) {
        assertThat(Numbers.canonical(input)).isEqualTo(canonical);
    }

    @Test
    void largestMagnitudeIsWrittenOut() {
        assertThat(Numbers.canonical("1E+125")).isEqualTo("1" + "0".repeat(125));
        assertThat(Numbers.canonical("1E-130")).isEqualTo("0." + "0".repeat(129) + "1");
    }

    @ParameterizedTest
    @ValueSource(strings = {"abc", " 1", "1 ", "0x10", "Infinity", "NaN", "1e", "--1", "", "1,000", "1.2.3"})
    void textThatIsNoNumberIsRejected(String input) {
        assertThatThrownBy(() -> Numbers.canonical(input)).isInstanceOf(DynamoDbException.class)
                .hasMessage("A value provided cannot be converted into a number");
    }

    @Test
    void moreThan38SignificantDigitsAreRejected() {
        assertThat(Numbers.canonical("1".repeat(38))).hasSize(38);
        assertThatThrownBy(() -> Numbers.canonical("1".repeat(39))).hasMessage("DynamoDB only supports precision up to 38 digits");
        assertThat(Numbers.canonical("1" + "0".repeat(50) + "E-10")).isEqualTo("1" + "0".repeat(40));
    }

    @Test
    void magnitudesOutsideDynamoDbsRangeAreRejected() {
        assertThatThrownBy(() -> Numbers.canonical("1E+126"))
                .hasMessage("Number overflow. Attempting to store a number with magnitude larger than supported range");
        assertThatThrownBy(() -> Numbers.canonical("-1E+126"))
                .hasMessage("Number overflow. Attempting to store a number with magnitude larger than supported range");
        assertThatThrownBy(() -> Numbers.canonical("1E-131"))
                .hasMessage("Number underflow. Attempting to store a number with magnitude smaller than supported range");
        assertThat(Numbers.canonical("9.9999999999999999999999999999999999999E+125")).hasSize(126);
    }

    @Test
    void computedValuesAreCheckedAndNormalizedLikeClientValues() {
        assertThat(Numbers.canonical(new BigDecimal("1.50").subtract(new BigDecimal("1.5")))).isEqualTo("0");
        assertThat(Numbers.canonical(new BigDecimal("2.50").add(BigDecimal.ONE))).isEqualTo("3.5");
        assertThatThrownBy(() -> Numbers.canonical(new BigDecimal("1E+37").add(new BigDecimal("0.1"))))
                .hasMessage("DynamoDB only supports precision up to 38 digits");
        assertThatThrownBy(() -> Numbers.canonical(new BigDecimal("9E+125").add(new BigDecimal("9E+125"))))
                .hasMessage("Number overflow. Attempting to store a number with magnitude larger than supported range");
    }

    @Test
    void significantDigitsIgnoreLeadingAndTrailingZeros() {
        assertThat(Numbers.significantDigits("0")).isEqualTo(1);
        assertThat(Numbers.significantDigits("100")).isEqualTo(1);
        assertThat(Numbers.significantDigits("0.00105")).isEqualTo(3);
        assertThat(Numbers.significantDigits("-12.34")).isEqualTo(4);
    }
}
