package dev.dynalog.app.it;

import java.math.BigDecimal;
import java.math.BigInteger;
import java.util.ArrayList;
import java.util.List;
import java.util.Random;
import java.util.function.Supplier;

/**
 * The random choices the fuzz test's generators ({@link FuzzRequests}) are made of, all from one
 * seeded {@link Random}: the same seed gives the same choices in the same order, so a failing run
 * is replayed by its seed.
 */
final class FuzzRandom {
    /** Which characters a generated string is made of. */
    enum Alphabet {
        /** ASCII letters. */
        ALPHA,
        /** Any character of the Basic Multilingual Plane but surrogates, private use characters and noncharacters. */
        UNICODE,
        /** Any UTF-16 code unit, lone surrogates and noncharacters included. */
        ANY_CHAR
    }

    /** A value and how often it is chosen, relative to the others of its choice. */
    record Weighted<T>(int weight, T value) {
        Weighted {
            if (weight <= 0) {
                throw new IllegalArgumentException("weight " + weight);
            }
        }
    }

    private static final String LETTERS = "abcdefghijklmnopqrstuvwxyzABCDEFGHIJKLMNOPQRSTUVWXYZ";

    private final Random random;

    FuzzRandom(long seed) {
        this.random = new Random(seed);
    }

    static <T> Weighted<T> weight(int weight, T value) {
        return new Weighted<>(weight, value);
    }

    /** An int from {@code min} to {@code max}, both included. */
    int between(int min, int max) {
        if (min > max) {
            throw new IllegalArgumentException(min + " > " + max);
        }
        return (int) (min + (long) (random.nextDouble() * ((long) max - min + 1)));
    }

    /** Any int, small ones (within ±1,000) half of the time, the edges of the range now and then. */
    int anyInt() {
        int dice = random.nextInt(20);
        if (dice == 0) {
            return oneOf(Integer.MIN_VALUE, Integer.MAX_VALUE, 0, -1, 1);
        }
        return dice < 10 ? between(-1000, 1000) : random.nextInt();
    }

    byte anyByte() {
        return (byte) random.nextInt(256);
    }

    /** From 0 (included) to 1 (excluded). */
    double fraction() {
        return random.nextDouble();
    }

    boolean chance(double probability) {
        return random.nextDouble() < probability;
    }

    @SafeVarargs
    final <T> T oneOf(T... choices) {
        return choices[random.nextInt(choices.length)];
    }

    <T> T oneOf(List<T> choices) {
        return choices.get(random.nextInt(choices.size()));
    }

    /** One of {@code choices}, each as often as its weight says. */
    <T> T weighted(List<Weighted<T>> choices) {
        int total = 0;
        for (Weighted<T> c : choices) {
            total += c.weight();
        }
        int roll = random.nextInt(total);
        for (Weighted<T> c : choices) {
            roll -= c.weight();
            if (roll < 0) {
                return c.value();
            }
        }
        throw new AssertionError("unreachable");
    }

    /** What {@code supplier} makes, or null with the given probability. */
    <T> T orNull(double nullProbability, Supplier<T> supplier) {
        return chance(nullProbability) ? null : supplier.get();
    }

    <T> List<T> list(int minSize, int maxSize, Supplier<T> element) {
        int size = between(minSize, maxSize);
        List<T> list = new ArrayList<>(size);
        for (int i = 0; i < size; i++) {
            list.add(element.get());
        }
        return list;
    }

    /** A string of {@code minLength} to {@code maxLength} characters (UTF-16 units) of {@code alphabet}. */
    String string(Alphabet alphabet, int minLength, int maxLength) {
        int length = between(minLength, maxLength);
        StringBuilder s = new StringBuilder(length);
        for (int i = 0; i < length; i++) {
            s.append(character(alphabet));
        }
        return s.toString();
    }

    private char character(Alphabet alphabet) {
        return switch (alphabet) {
            case ALPHA -> LETTERS.charAt(random.nextInt(LETTERS.length()));
            case ANY_CHAR -> (char) random.nextInt(0x10000);
            case UNICODE -> {
                // ASCII a quarter of the time, so that strings also look like the ones clients send.
                if (random.nextInt(4) == 0) {
                    yield (char) random.nextInt(0x80);
                }
                char c;
                do {
                    c = (char) random.nextInt(0x10000);
                } while (Character.isSurrogate(c) || Character.getType(c) == Character.PRIVATE_USE
                        || (c >= '\uFDD0' && c <= '\uFDEF') || c >= '\uFFFE');
                yield c;
            }
        };
    }

    /**
     * A decimal with {@code scale} digits after the point and up to 40 before it (over DynamoDB's
     * 38 digits of precision now and then), either sign.
     */
    BigDecimal decimal(int scale) {
        int digits = between(1, 40 + scale);
        BigInteger unscaled = new BigInteger(digits * 4, random).mod(BigInteger.TEN.pow(digits));
        return new BigDecimal(random.nextBoolean() ? unscaled : unscaled.negate(), scale);
    }
}
