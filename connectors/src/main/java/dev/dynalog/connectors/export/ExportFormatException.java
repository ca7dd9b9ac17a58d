package dev.dynalog.connectors.export;

import java.nio.file.Path;

/**
 * An export or ImportTable input that is not what it should be: a malformed line, a data file
 * whose MD5 or item count differs from its manifest, a manifest that does not parse.
 *
 * <p>A line's error names its file and 1-based line number; the reader stands after that line,
 * so a caller that counts bad lines (as ImportTable does) may go on reading.
 */
public final class ExportFormatException extends RuntimeException {
    private final Path file;
    private final long line;

    public ExportFormatException(String message) {
        this(message, null, 0, null);
    }

    public ExportFormatException(String message, Path file, long line, Throwable cause) {
        super(message, cause);
        this.file = file;
        this.line = line;
    }

    /** The file at fault, or null when the error is not about one file. */
    public Path file() {
        return file;
    }

    /** The 1-based line at fault, or 0 when the error is about a whole file or manifest. */
    public long line() {
        return line;
    }
}
