package dev.dynalog.connectors.export;

import java.nio.file.Path;
import java.security.SecureRandom;
import java.time.Instant;
import java.util.HexFormat;

/**
 * Where the files of one export sit, as Amazon DynamoDB lays out an export in S3. A local
 * directory stands for the bucket and prefix:
 *
 * <pre>
 * &lt;bucket&gt;/AWSDynamoDB/&lt;ExportId&gt;/_started                  empty; the export has begun
 *                                  /dynalog-table.json         dynalog's addition: the table's CreateTable members
 *                                  /data/&lt;random&gt;.json.gz       items, one {"Item": ...} per line
 *                                  /manifest-files.json        one line per data file
 *                                  /manifest-files.checksum
 *                                  /manifest-summary.json      written last: the export is complete
 *                                  /manifest-summary.checksum
 * </pre>
 *
 * S3 keys in the manifests are relative to the bucket ({@code AWSDynamoDB/<ExportId>/data/...});
 * {@link #resolve(String)} turns one back into a file even when the export was copied elsewhere
 * or written under a prefix.
 */
public final class ExportLayout {
    /** The folder DynamoDB puts every export under. */
    public static final String ROOT = "AWSDynamoDB";
    private static final SecureRandom RANDOM = new SecureRandom();
    private static final char[] BASE32 = "abcdefghijklmnopqrstuvwxyz234567".toCharArray();

    private final Path directory;
    private final String exportId;

    private ExportLayout(Path directory, String exportId) {
        this.directory = directory;
        this.exportId = exportId;
    }

    /** The export {@code exportId} in the bucket {@code bucket}: {@code bucket/AWSDynamoDB/exportId}. */
    public static ExportLayout in(Path bucket, String exportId) {
        if (exportId.isEmpty() || exportId.contains("/") || exportId.contains("\\") || exportId.startsWith(".")) {
            throw new IllegalArgumentException("not an export id: '" + exportId + "'");
        }
        return new ExportLayout(bucket.resolve(ROOT).resolve(exportId), exportId);
    }

    /** An export directory as found, named by its export id (it may have been copied out of its bucket). */
    public static ExportLayout at(Path exportDirectory) {
        Path name = exportDirectory.toAbsolutePath().normalize().getFileName();
        return new ExportLayout(exportDirectory, name == null ? "" : name.toString());
    }

    /**
     * A fresh export id shaped like DynamoDB's ({@code 01764755000123-a1b2c3d4}): the request time
     * in epoch milliseconds, so ids sort by time, and random hex, so two exports in the same
     * millisecond differ.
     */
    public static String newExportId(Instant requestTime) {
        byte[] random = new byte[4];
        RANDOM.nextBytes(random);
        return String.format("%014d-%s", requestTime.toEpochMilli(), HexFormat.of().formatHex(random));
    }

    /** A fresh data file name like DynamoDB's: 26 random base32 letters and {@code .json.gz}. */
    static String newDataFileName() {
        StringBuilder name = new StringBuilder(34);
        for (int i = 0; i < 26; i++) {
            name.append(BASE32[RANDOM.nextInt(BASE32.length)]);
        }
        return name.append(".json.gz").toString();
    }

    public String exportId() {
        return exportId;
    }

    /** The export's own directory, {@code <bucket>/AWSDynamoDB/<ExportId>}. */
    public Path directory() {
        return directory;
    }

    public Path started() {
        return directory.resolve("_started");
    }

    public Path manifestSummary() {
        return directory.resolve("manifest-summary.json");
    }

    public Path manifestSummaryChecksum() {
        return directory.resolve("manifest-summary.checksum");
    }

    public Path manifestFiles() {
        return directory.resolve("manifest-files.json");
    }

    public Path manifestFilesChecksum() {
        return directory.resolve("manifest-files.checksum");
    }

    /** dynalog's addition: the CreateTable members that re-create the exported table. */
    public Path tableDescription() {
        return directory.resolve("dynalog-table.json");
    }

    public Path dataDirectory() {
        return directory.resolve("data");
    }

    /** {@code AWSDynamoDB/<ExportId>/manifest-summary.json}, the key DescribeExport reports as ExportManifest. */
    public String manifestSummaryKey() {
        return key(manifestSummary());
    }

    /** The S3 key of a file of this export: {@code AWSDynamoDB/<ExportId>/<path inside the export>}. */
    public String key(Path file) {
        Path inside = directory.relativize(file);
        if (inside.startsWith("..")) {
            throw new IllegalArgumentException(file + " is not inside the export " + directory);
        }
        return ROOT + "/" + exportId + "/" + inside.toString().replace(file.getFileSystem().getSeparator(), "/");
    }

    /**
     * The file an S3 key of a manifest names. Whatever stands before {@code AWSDynamoDB/<id>/}
     * (a prefix, or another id when the export was renamed) is ignored: the rest is a path inside
     * this export's directory, and may not leave it.
     */
    public Path resolve(String key) {
        String marker = ROOT + "/";
        int root = 0;
        if (!key.startsWith(marker)) {
            int slash = key.lastIndexOf("/" + marker);
            if (slash < 0) {
                throw notAKey(key);
            }
            root = slash + 1;
        }
        int afterId = key.indexOf('/', root + marker.length());
        if (afterId < 0) {
            throw notAKey(key);
        }
        Path file = directory.resolve(key.substring(afterId + 1)).normalize();
        if (!file.startsWith(directory.normalize()) || file.equals(directory.normalize())) {
            throw new ExportFormatException(key + " points outside the export directory " + directory);
        }
        return file;
    }

    private static ExportFormatException notAKey(String key) {
        return new ExportFormatException("'" + key + "' is not a key inside an export (" + ROOT + "/<ExportId>/...)");
    }
}
