package dev.dynalog.app.drill;

import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Set;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import picocli.CommandLine.ITypeConverter;
import picocli.CommandLine.TypeConversionException;

/**
 * A cut of the command log given by hand, as {@code --to-offsets 0:120,1:98} writes it: for each
 * partition, the first offset not to replay. Whether every partition is listed is the node's to
 * check; it knows how many there are.
 */
public record LogOffsets(List<PartitionOffset> offsets) {
    private static final Pattern ENTRY = Pattern.compile("(\\d{1,9}):(\\d{1,18})");
    private static final String EXAMPLE = "e.g. 0:120,1:98 for partitions 0 and 1";

    /** @param offset the first offset of {@code partition} not replayed */
    public record PartitionOffset(int partition, long offset) {
    }

    public LogOffsets {
        offsets = List.copyOf(offsets);
    }

    /**
     * Reads {@code partition:offset,...}.
     *
     * @throws IllegalArgumentException saying what is wrong and what is expected
     */
    public static LogOffsets parse(String text) {
        if (text == null || text.isBlank()) {
            throw new IllegalArgumentException("give partition:offset for every partition of the command log, "
                    + EXAMPLE);
        }
        List<PartitionOffset> offsets = new ArrayList<>();
        Set<Integer> seen = new HashSet<>();
        for (String entry : text.split(",", -1)) {
            Matcher m = ENTRY.matcher(entry.trim());
            if (!m.matches()) {
                throw new IllegalArgumentException("'" + entry.trim() + "' is not partition:offset (two whole numbers "
                        + "not below 0, the offset being the first one not to replay), " + EXAMPLE);
            }
            int partition = Integer.parseInt(m.group(1));
            if (!seen.add(partition)) {
                throw new IllegalArgumentException("partition " + partition + " is given more than once in '" + text
                        + "'");
            }
            offsets.add(new PartitionOffset(partition, Long.parseLong(m.group(2))));
        }
        return new LogOffsets(offsets);
    }

    /** Lets picocli report a bad value as "Invalid value for option '--to-offsets': <why>". */
    public static final class Converter implements ITypeConverter<LogOffsets> {
        @Override
        public LogOffsets convert(String value) {
            try {
                return parse(value);
            } catch (IllegalArgumentException e) {
                throw new TypeConversionException(e.getMessage());
            }
        }
    }
}
