package dev.dynalog.connectors.export;

import com.fasterxml.jackson.core.JsonFactory;
import com.fasterxml.jackson.core.JsonGenerator;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.dynalog.core.json.AttributeValueJson;
import dev.dynalog.core.model.AttributeValue;
import dev.dynalog.core.size.ItemSize;
import java.io.BufferedOutputStream;
import java.io.ByteArrayOutputStream;
import java.io.Closeable;
import java.io.IOException;
import java.io.OutputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.FileAlreadyExistsException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.nio.file.StandardOpenOption;
import java.security.DigestOutputStream;
import java.security.MessageDigest;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.zip.GZIPOutputStream;

/**
 * Writes one table export in Amazon DynamoDB's export layout (see {@link ExportLayout}), format
 * DYNAMODB_JSON, type FULL_EXPORT: {@link #open open}, {@link #write write} every item, then
 * {@link #finish finish}.
 *
 * <p>Items go to gzip data files of JSON lines ({@code {"Item":{"pk":{"S":"a"}}}}), a new file
 * whenever the current one reaches {@link Rotation}'s item count or uncompressed size. The
 * summary manifest is written last and atomically: an export directory without one is
 * incomplete (the writer failed or was closed without {@code finish}), and readers refuse it.
 * An export with no items still has one (empty) data file, as DynamoDB writes one for an empty
 * partition.
 */
public final class DynamoDbExportWriter implements Closeable {
    private static final ObjectMapper JSON = new ObjectMapper();
    private static final JsonFactory FACTORY = JSON.getFactory();

    /**
     * When to start a new data file: once it holds {@code maxItems} items, or when the next item
     * would take it past {@code maxUncompressedBytes} (a file always takes at least one item).
     */
    public record Rotation(long maxItems, long maxUncompressedBytes) {
        /** 100,000 items or 64 MiB uncompressed, whichever comes first. */
        public static final Rotation DEFAULT = new Rotation(100_000, 64L << 20);

        public Rotation {
            if (maxItems < 1 || maxUncompressedBytes < 1) {
                throw new IllegalArgumentException("a data file takes at least one item and one byte");
            }
        }
    }

    private final ExportLayout layout;
    private final String bucketName;
    private final ExportMetadata metadata;
    private final Rotation rotation;
    private final List<ExportManifest.DataFile> files = new ArrayList<>();
    private final ByteArrayOutputStream line = new ByteArrayOutputStream(1024);
    private DataFileStream current;
    private long itemCount;
    private long billedSizeBytes;
    private boolean finished;

    private DynamoDbExportWriter(ExportLayout layout, String bucketName, ExportMetadata metadata, Rotation rotation) {
        this.layout = layout;
        this.bucketName = bucketName;
        this.metadata = metadata;
        this.rotation = rotation;
    }

    /** Starts the export {@code exportId} in {@code bucket} with data files rotated by {@link Rotation#DEFAULT}. */
    public static DynamoDbExportWriter open(Path bucket, String exportId, ExportMetadata metadata) throws IOException {
        return open(bucket, exportId, metadata, Rotation.DEFAULT);
    }

    /**
     * Starts the export {@code exportId} in the directory {@code bucket} (created if missing):
     * writes {@code _started} and {@code dynalog-table.json}.
     *
     * @throws FileAlreadyExistsException if the bucket already holds an export of that id; an
     *                                    export is never written over another
     */
    public static DynamoDbExportWriter open(Path bucket, String exportId, ExportMetadata metadata, Rotation rotation)
            throws IOException {
        ExportLayout layout = ExportLayout.in(bucket, exportId);
        Files.createDirectories(layout.directory().getParent());
        Files.createDirectory(layout.directory());
        Files.createDirectory(layout.dataDirectory());
        Files.createFile(layout.started());
        Files.write(layout.tableDescription(), JSON.writerWithDefaultPrettyPrinter()
                .writeValueAsBytes(metadata.tableDescription()));
        Path name = bucket.toAbsolutePath().normalize().getFileName();
        return new DynamoDbExportWriter(layout, name == null ? "" : name.toString(), metadata, rotation);
    }

    public ExportLayout layout() {
        return layout;
    }

    /** Appends one item to the export. */
    public void write(Map<String, AttributeValue> item) throws IOException {
        if (finished) {
            throw new IllegalStateException("the export " + layout.exportId() + " is finished");
        }
        line.reset();
        try (JsonGenerator g = FACTORY.createGenerator(line)) {
            g.writeStartObject();
            g.writeFieldName("Item");
            AttributeValueJson.writeItem(g, item);
            g.writeEndObject();
        }
        line.write('\n');
        if (current != null && (current.items >= rotation.maxItems()
                || current.uncompressedBytes + line.size() > rotation.maxUncompressedBytes())) {
            closeDataFile();
        }
        if (current == null) {
            current = new DataFileStream(layout.dataDirectory().resolve(ExportLayout.newDataFileName()));
        }
        current.write(line);
        itemCount++;
        billedSizeBytes += ItemSize.of(item);
    }

    /**
     * Completes the export: closes the last data file, writes manifest-files.json, then
     * manifest-summary.json, each with its checksum file, and returns the summary.
     */
    public ExportManifest.Summary finish(Instant endTime) throws IOException {
        if (finished) {
            throw new IllegalStateException("the export " + layout.exportId() + " is finished");
        }
        if (current == null && files.isEmpty()) {
            current = new DataFileStream(layout.dataDirectory().resolve(ExportLayout.newDataFileName()));
        }
        closeDataFile();
        finished = true;
        byte[] filesManifest = ExportManifest.filesText(files).getBytes(StandardCharsets.UTF_8);
        writeAtomically(layout.manifestFiles(), filesManifest);
        writeAtomically(layout.manifestFilesChecksum(), checksumText(filesManifest));
        ExportManifest.Summary summary = new ExportManifest.Summary(ExportManifest.VERSION, metadata.exportArn(),
                metadata.startTime(), endTime, metadata.tableArn(), metadata.tableId(), metadata.exportTime(),
                bucketName, null, "AES256", null, layout.key(layout.manifestFiles()), billedSizeBytes, itemCount,
                ExportManifest.DYNAMODB_JSON, ExportManifest.FULL_EXPORT);
        byte[] summaryText = ExportManifest.summaryText(summary).getBytes(StandardCharsets.UTF_8);
        // The checksum before its manifest: once the summary is there, everything it vouches for is.
        writeAtomically(layout.manifestSummaryChecksum(), checksumText(summaryText));
        writeAtomically(layout.manifestSummary(), summaryText);
        return summary;
    }

    /** Items written so far. */
    public long itemCount() {
        return itemCount;
    }

    /** DynamoDB item sizes of the items written so far. */
    public long billedSizeBytes() {
        return billedSizeBytes;
    }

    /** Closes an open data file; without {@link #finish} the export stays incomplete. */
    @Override
    public void close() throws IOException {
        if (current != null) {
            DataFileStream open = current;
            current = null;
            open.out.close();
        }
    }

    private void closeDataFile() throws IOException {
        DataFileStream done = current;
        current = null;
        done.out.close();
        byte[] md5 = done.digest.digest();
        files.add(new ExportManifest.DataFile(done.items, Md5Checksums.base64(md5), Md5Checksums.hex(md5),
                layout.key(done.file)));
    }

    private static byte[] checksumText(byte[] content) {
        return Md5Checksums.base64(Md5Checksums.of(content)).getBytes(StandardCharsets.US_ASCII);
    }

    private static void writeAtomically(Path target, byte[] content) throws IOException {
        Path temporary = target.resolveSibling(target.getFileName() + ".tmp");
        Files.write(temporary, content);
        Files.move(temporary, target, StandardCopyOption.ATOMIC_MOVE, StandardCopyOption.REPLACE_EXISTING);
    }

    /** One data file being written: gzip over an MD5 of the compressed bytes, which the manifest lists. */
    private static final class DataFileStream {
        final Path file;
        final MessageDigest digest = Md5Checksums.newDigest();
        final OutputStream out;
        long items;
        long uncompressedBytes;

        DataFileStream(Path file) throws IOException {
            this.file = file;
            // Buffered above gzip so that short lines reach the deflater in large chunks.
            this.out = new BufferedOutputStream(new GZIPOutputStream(new DigestOutputStream(
                    Files.newOutputStream(file, StandardOpenOption.CREATE_NEW, StandardOpenOption.WRITE), digest),
                    64 * 1024), 64 * 1024);
        }

        void write(ByteArrayOutputStream line) throws IOException {
            line.writeTo(out);
            items++;
            uncompressedBytes += line.size();
        }
    }
}
