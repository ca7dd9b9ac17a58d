package dev.dynalog.app.it;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;

/**
 * The examples of a README, in the order a reader meets them: every indented block is a shell
 * example and every {@code ```python} block a Python one, unless the line before it is a
 * {@code <!-- not run: why -->} comment (commands that run for good, sample output). Other fenced
 * blocks (Java) are not examples of this kind.
 */
final class ReadmeExamples {
    static final String NOT_RUN = "<!-- not run";

    enum Kind { SHELL, PYTHON }

    /** One example: what it is, where it starts (1-based line) and its text. */
    record Example(Kind kind, int line, String text) {
        boolean isPytestModule() {
            return kind == Kind.PYTHON && text.lines().anyMatch(l -> l.startsWith("import ") && l.contains("pytest"));
        }
    }

    private ReadmeExamples() {
    }

    static List<Example> of(Path readme) throws IOException {
        return parse(Files.readAllLines(readme, StandardCharsets.UTF_8));
    }

    static List<Example> parse(List<String> lines) {
        List<Example> examples = new ArrayList<>();
        int i = 0;
        while (i < lines.size()) {
            String line = lines.get(i);
            if (line.startsWith("```")) {
                int end = i + 1;
                while (end < lines.size() && !lines.get(end).startsWith("```")) {
                    end++;
                }
                if (line.substring(3).trim().equals("python") && !skipped(lines, i)) {
                    examples.add(new Example(Kind.PYTHON, i + 2, String.join("\n", lines.subList(i + 1, end)) + "\n"));
                }
                i = end + 1;
                continue;
            }
            boolean startsBlock = line.startsWith("    ") && (i == 0 || lines.get(i - 1).isBlank());
            if (startsBlock) {
                int end = i;
                StringBuilder text = new StringBuilder();
                while (end < lines.size() && (lines.get(end).startsWith("    ") || lines.get(end).isBlank())) {
                    text.append(lines.get(end).isBlank() ? "" : lines.get(end).substring(4)).append('\n');
                    end++;
                }
                if (!skipped(lines, i)) {
                    examples.add(new Example(Kind.SHELL, i + 1, text.toString().strip() + "\n"));
                }
                i = end;
                continue;
            }
            i++;
        }
        return examples;
    }

    /** True if the last non-blank line before the block at {@code start} says it is not run. */
    private static boolean skipped(List<String> lines, int start) {
        for (int j = start - 1; j >= 0; j--) {
            if (!lines.get(j).isBlank()) {
                return lines.get(j).trim().startsWith(NOT_RUN);
            }
        }
        return false;
    }
}
