package dev.dynalog.connectors.http.auth;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.BasicFileAttributes;
import java.util.function.Function;
import java.util.function.LongSupplier;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * A file read once at start (where an error stops the node) and again whenever its modification
 * time or size changes, looked at no more than every {@link #CHECK_INTERVAL_NANOS}: credentials
 * and policies change without a restart. A change that does not parse (a file caught half
 * written, a typo) is logged and the last good contents stay in force, so that an edit cannot
 * lock every client out or open the door.
 */
public final class ReloadingFile<T> {
    static final long CHECK_INTERVAL_NANOS = 500_000_000L;
    private static final Logger log = LoggerFactory.getLogger(ReloadingFile.class);

    private final Path path;
    private final Function<Path, T> parser;
    private final LongSupplier nanoTime;
    private volatile Loaded<T> loaded;

    private record Loaded<T>(T value, long modified, long size, long checkedAt) {
    }

    public ReloadingFile(Path path, Function<Path, T> parser, LongSupplier nanoTime) {
        this.path = path;
        this.parser = parser;
        this.nanoTime = nanoTime;
        BasicFileAttributes attributes = attributes();
        if (attributes == null) {
            throw new IllegalArgumentException("no such file: " + path);
        }
        this.loaded = new Loaded<>(parser.apply(path), attributes.lastModifiedTime().toMillis(), attributes.size(),
                nanoTime.getAsLong());
    }

    /** The contents as last read, re-read first if the file changed. */
    public T get() {
        Loaded<T> current = loaded;
        long now = nanoTime.getAsLong();
        if (now - current.checkedAt() < CHECK_INTERVAL_NANOS) {
            return current.value();
        }
        synchronized (this) {
            current = loaded;
            if (now - current.checkedAt() < CHECK_INTERVAL_NANOS) {
                return current.value();
            }
            BasicFileAttributes attributes = attributes();
            if (attributes == null
                    || (attributes.lastModifiedTime().toMillis() == current.modified() && attributes.size() == current.size())) {
                loaded = new Loaded<>(current.value(), current.modified(), current.size(), now);
                return current.value();
            }
            T value = current.value();
            try {
                value = parser.apply(path);
                log.info("reloaded {}", path);
            } catch (RuntimeException e) {
                log.error("kept the previous contents of {}: {}", path, e.getMessage());
            }
            loaded = new Loaded<>(value, attributes.lastModifiedTime().toMillis(), attributes.size(), now);
            return value;
        }
    }

    private BasicFileAttributes attributes() {
        try {
            return Files.readAttributes(path, BasicFileAttributes.class);
        } catch (IOException e) {
            return null;
        }
    }
}
