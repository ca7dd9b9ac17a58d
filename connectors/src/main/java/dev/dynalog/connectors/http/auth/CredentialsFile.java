package dev.dynalog.connectors.http.auth;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * The {@code --credentials} file: one access key a line, {@code ACCESS_KEY_ID SECRET PRINCIPAL}
 * separated by spaces or tabs; blank lines and lines starting with {@code #} are ignored. An
 * access key id given twice is an error, since which secret wins would be a guess.
 */
public final class CredentialsFile {
    private CredentialsFile() {
    }

    /** The keys of the file by access key id; {@link IllegalArgumentException} names a bad line. */
    public static Map<String, AccessKey> read(Path file) {
        List<String> lines;
        try {
            lines = Files.readAllLines(file, StandardCharsets.UTF_8);
        } catch (IOException e) {
            throw new UncheckedIOException("cannot read credentials file " + file, e);
        }
        Map<String, AccessKey> keys = new LinkedHashMap<>();
        for (int i = 0; i < lines.size(); i++) {
            String line = lines.get(i).strip();
            if (line.isEmpty() || line.startsWith("#")) {
                continue;
            }
            String[] fields = line.split("\\s+");
            if (fields.length != 3) {
                throw new IllegalArgumentException(file + ":" + (i + 1)
                        + ": expected ACCESS_KEY_ID SECRET_ACCESS_KEY PRINCIPAL, found " + fields.length + " fields");
            }
            AccessKey key = new AccessKey(fields[0], fields[1], fields[2]);
            if (keys.putIfAbsent(key.accessKeyId(), key) != null) {
                throw new IllegalArgumentException(file + ":" + (i + 1) + ": access key id " + key.accessKeyId()
                        + " is given twice");
            }
        }
        return Map.copyOf(keys);
    }
}
