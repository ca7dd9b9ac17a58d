package dev.dynalog.core.expression.parse;

import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStream;
import java.io.InputStreamReader;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.util.HashSet;
import java.util.Locale;
import java.util.Set;

/**
 * DynamoDB's reserved words, which may not appear as bare attribute names in an expression (an
 * {@code #name} placeholder must stand in for them). The list is the resource
 * {@code reserved-words.txt}, copied from DynamoDB's documentation.
 */
public final class ReservedWords {
    private static final String RESOURCE = "/dev/dynalog/core/expression/reserved-words.txt";
    private static final Set<String> WORDS = load();

    private ReservedWords() {
    }

    /** Case-insensitive, as in DynamoDB. */
    public static boolean isReserved(String name) {
        return WORDS.contains(name.toUpperCase(Locale.ROOT));
    }

    public static int count() {
        return WORDS.size();
    }

    private static Set<String> load() {
        try (InputStream in = ReservedWords.class.getResourceAsStream(RESOURCE)) {
            if (in == null) {
                throw new IllegalStateException("missing resource " + RESOURCE);
            }
            Set<String> words = new HashSet<>();
            BufferedReader reader = new BufferedReader(new InputStreamReader(in, StandardCharsets.UTF_8));
            for (String line; (line = reader.readLine()) != null; ) {
                String word = line.strip();
                if (!word.isEmpty() && !word.startsWith("#")) {
                    words.add(word.toUpperCase(Locale.ROOT));
                }
            }
            return Set.copyOf(words);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }
}
