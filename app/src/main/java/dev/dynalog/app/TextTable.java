package dev.dynalog.app;

import java.io.PrintWriter;
import java.util.ArrayList;
import java.util.List;

/** Rows of cells printed in columns for humans: names to the left, figures to the right. */
final class TextTable {
    /** Per column, {@code l} (left) or {@code r} (right). */
    private final String alignments;
    private final List<String[]> rows = new ArrayList<>();

    TextTable(String alignments, String... header) {
        this.alignments = alignments;
        rows.add(header);
    }

    void add(String... cells) {
        rows.add(cells);
    }

    void print(PrintWriter out) {
        int[] widths = new int[rows.get(0).length];
        for (String[] line : rows) {
            for (int i = 0; i < line.length; i++) {
                widths[i] = Math.max(widths[i], line[i].length());
            }
        }
        for (String[] line : rows) {
            StringBuilder text = new StringBuilder();
            for (int i = 0; i < line.length; i++) {
                String format = alignments.charAt(i) == 'l' ? "%-" + widths[i] + "s" : "%" + widths[i] + "s";
                text.append(i == 0 ? "" : "  ").append(String.format(format, line[i]));
            }
            out.println(text.toString().stripTrailing());
        }
    }
}
