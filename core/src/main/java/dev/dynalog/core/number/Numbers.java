package dev.dynalog.core.number;

import dev.dynalog.core.error.Errors;
import java.math.BigDecimal;
import java.util.regex.Pattern;

/**
 * DynamoDB numbers: up to 38 significant digits, magnitudes from 1E-130 to just under 1E+126,
 * positive or negative or zero.
 *
 * <p>dynalog keeps every number in its canonical text, the form DynamoDB returns on read: plain
 * decimal notation without exponent, without leading or trailing zeros, and "0" for any zero. So
 * "1.50", "15E-1" and "+1.5" are all stored and returned as "1.5".
 */
public final class Numbers {
    /** What DynamoDB accepts: optional sign, digits with an optional point, optional exponent. */
    private static final Pattern SYNTAX = Pattern.compile("[+-]?(\\d+\\.?\\d*|\\.\\d+)([eE][+-]?\\d+)?");
    private static final int MAX_PRECISION = 38;
    /** Exponent of the leading digit: 9.99...E+125 is the largest magnitude, 1E-130 the smallest. */
    private static final int MAX_LEADING_EXPONENT = 125;
    private static final int MIN_LEADING_EXPONENT = -130;

    private Numbers() {
    }

    /** Validates a number as a client sent it and returns its canonical text. */
    public static String canonical(String text) {
        if (text == null || !SYNTAX.matcher(text).matches()) {
            throw Errors.validation("A value provided cannot be converted into a number");
        }
        BigDecimal value;
        try {
            value = new BigDecimal(text);
        } catch (NumberFormatException | ArithmeticException e) {
            throw Errors.validation("A value provided cannot be converted into a number");
        }
        return canonical(value);
    }

    /**
     * Checks a computed value (update arithmetic, ADD) against DynamoDB's precision and range and
     * returns its canonical text. Unlike {@link #canonical(String)} it needs no syntax check,
     * which keeps arithmetic free of regular expressions on the write path.
     */
    public static String canonical(BigDecimal value) {
        if (value.signum() == 0) {
            return "0";
        }
        value = value.stripTrailingZeros();
        if (value.precision() > MAX_PRECISION) {
            throw Errors.validation("DynamoDB only supports precision up to 38 digits");
        }
        long leadingExponent = (long) value.precision() - value.scale() - 1;
        if (leadingExponent > MAX_LEADING_EXPONENT) {
            throw Errors.validation("Number overflow. Attempting to store a number with magnitude larger than supported range");
        }
        if (leadingExponent < MIN_LEADING_EXPONENT) {
            throw Errors.validation("Number underflow. Attempting to store a number with magnitude smaller than supported range");
        }
        return value.toPlainString();
    }

    /** The value of a canonical number text. */
    public static BigDecimal toBigDecimal(String canonical) {
        return new BigDecimal(canonical);
    }

    /** Numeric order of two canonical number texts. */
    public static int compare(String a, String b) {
        return toBigDecimal(a).compareTo(toBigDecimal(b));
    }

    /** Significant digits of a canonical number (1 for zero), for item size accounting. */
    public static int significantDigits(String canonical) {
        int digits = 0;
        int firstNonZero = -1;
        int lastNonZero = -1;
        for (int i = 0; i < canonical.length(); i++) {
            char c = canonical.charAt(i);
            if (c >= '0' && c <= '9') {
                if (c != '0') {
                    if (firstNonZero < 0) {
                        firstNonZero = digits;
                    }
                    lastNonZero = digits;
                }
                digits++;
            }
        }
        return firstNonZero < 0 ? 1 : lastNonZero - firstNonZero + 1;
    }
}
