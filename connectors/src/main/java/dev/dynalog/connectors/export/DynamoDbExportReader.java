package dev.dynalog.connectors.export;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.DeserializationFeature;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.dynalog.core.error.DynamoDbException;
import dev.dynalog.core.json.AttributeValueJson;
import dev.dynalog.core.model.AttributeValue;
import java.io.BufferedInputStream;
import java.io.BufferedReader;
import java.io.Closeable;
import java.io.EOFException;
import java.io.IOException;
import java.io.InputStream;
import java.io.InputStreamReader;
import java.io.UncheckedIOException;
import java.nio.charset.CharacterCodingException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.Iterator;
import java.util.List;
import java.util.Map;
import java.util.NoSuchElementException;
import java.util.Optional;
import java.util.stream.Collectors;
import java.util.stream.Stream;
import java.util.zip.GZIPInputStream;
import java.util.zip.ZipException;

/**
 * Reads the items of a DynamoDB export or of ImportTable input, one at a time, never holding
 * more than one line in memory.
 *
 * <p>{@link #open} takes a directory that is one of:
 * <ul>
 *   <li>an export, found as {@code <dir>/manifest-summary.json} or as the one
 *       {@code <dir>/AWSDynamoDB/<ExportId>/manifest-summary.json}: exactly the data files that
 *       manifest-files.json lists are read, in its order. Before any item is read, the manifests'
 *       .checksum files (when present) and every data file's MD5 are checked, so a damaged export
 *       is refused before anything is imported from it; each file's item count is checked when
 *       the file has been read.</li>
 *   <li>otherwise, ImportTable's DYNAMODB_JSON input: every {@code *.json}, {@code *.json.gz} and
 *       {@code *.gz} file under the directory, in path order, gzip or not by its first bytes
 *       rather than its name.</li>
 * </ul>
 * Both hold JSON lines {@code {"Item": {...}}}; blank lines are skipped.
 *
 * <p>A line that is not such an item raises an {@link ExportFormatException} naming the file and
 * line, from {@link #hasNext} or {@link #next}; the reader then stands after that line (after a
 * fault of a whole file, at the next file), so a caller may count the error and go on.
 * Failures to read a file raise {@link UncheckedIOException}.
 */
public final class DynamoDbExportReader implements Iterator<Map<String, AttributeValue>>, Closeable {
    private static final ObjectMapper JSON = new ObjectMapper()
            .enable(DeserializationFeature.FAIL_ON_TRAILING_TOKENS);
    private static final int GZIP_MAGIC_1 = 0x1f;
    private static final int GZIP_MAGIC_2 = 0x8b;
    private static final long UNKNOWN = -1;

    /** A file to read, and how many items its manifest says it holds ({@link #UNKNOWN} without one). */
    private record DataFile(Path file, long expectedItems) {
    }

    private final ExportManifest.Summary summary;
    private final ObjectNode tableDescription;
    private final List<DataFile> files;
    private int nextFile;
    private DataFile currentFile;
    private BufferedReader lines;
    private long lineNumber;
    private long itemsInFile;
    private Map<String, AttributeValue> nextItem;
    private Path nextItemFile;
    private long nextItemLine;
    private Path lastItemFile;
    private long lastItemLine;

    private DynamoDbExportReader(ExportManifest.Summary summary, ObjectNode tableDescription, List<DataFile> files) {
        this.summary = summary;
        this.tableDescription = tableDescription;
        this.files = files;
    }

    /**
     * Opens an export or a directory of ImportTable input files (see the class comment).
     *
     * @throws ExportFormatException if the export's manifests or data files are damaged or
     *                               inconsistent, the directory holds several exports or an
     *                               incomplete one, or no input file at all
     */
    public static DynamoDbExportReader open(Path directory) throws IOException {
        if (!Files.isDirectory(directory)) {
            throw new NoSuchFileException(directory.toString(), null, "not a directory");
        }
        if (Files.isRegularFile(ExportLayout.at(directory).manifestSummary())) {
            return openExport(ExportLayout.at(directory));
        }
        Path exports = directory.resolve(ExportLayout.ROOT);
        if (Files.isDirectory(exports)) {
            List<Path> complete = new ArrayList<>();
            List<Path> incomplete = new ArrayList<>();
            try (Stream<Path> children = Files.list(exports)) {
                for (Path child : children.filter(Files::isDirectory).sorted().toList()) {
                    (Files.isRegularFile(ExportLayout.at(child).manifestSummary()) ? complete : incomplete).add(child);
                }
            }
            if (complete.size() == 1) {
                return openExport(ExportLayout.at(complete.get(0)));
            }
            if (complete.size() > 1) {
                throw new ExportFormatException(directory + " holds " + complete.size() + " exports ("
                        + names(complete) + "); open one of them: " + exports.resolve("<ExportId>"));
            }
            throw new ExportFormatException(directory + " holds no complete export: "
                    + (incomplete.isEmpty() ? exports + " is empty"
                            : names(incomplete) + " has no manifest-summary.json (the export failed or is still running)"));
        }
        return openInputFiles(directory);
    }

    /** The export's summary manifest; empty for ImportTable input files, which have none. */
    public Optional<ExportManifest.Summary> summary() {
        return Optional.ofNullable(summary);
    }

    /** dynalog-table.json, the CreateTable members of the exported table; empty when the export has none. */
    public Optional<ObjectNode> tableDescription() {
        return Optional.ofNullable(tableDescription == null ? null : tableDescription.deepCopy());
    }

    /** The data files, in the order their items come. */
    public List<Path> dataFiles() {
        return files.stream().map(DataFile::file).toList();
    }

    /** Where the item {@link #next} returned last came from: {@code <file> line <n>}; null before the first. */
    public String position() {
        return lastItemFile == null ? null : lastItemFile + " line " + lastItemLine;
    }

    @Override
    public boolean hasNext() {
        while (nextItem == null) {
            if (lines == null) {
                if (nextFile == files.size()) {
                    return false;
                }
                openFile(files.get(nextFile++));
            }
            String line;
            try {
                line = lines.readLine();
            } catch (CharacterCodingException e) {
                throw fileFault("line " + (lineNumber + 1) + " is not UTF-8 text", lineNumber + 1, e);
            } catch (ZipException | EOFException e) {
                throw fileFault("is damaged at line " + (lineNumber + 1) + ": " + e.getMessage(), lineNumber + 1, e);
            } catch (IOException e) {
                closeFile();
                throw new UncheckedIOException("Could not read " + currentFile.file(), e);
            }
            if (line == null) {
                DataFile done = currentFile;
                long items = itemsInFile;
                closeFile();
                if (done.expectedItems() != UNKNOWN && items != done.expectedItems()) {
                    throw new ExportFormatException(done.file() + " holds " + items + " items, manifest-files.json says "
                            + done.expectedItems(), done.file(), 0, null);
                }
                continue;
            }
            lineNumber++;
            if (lineNumber == 1 && line.startsWith("\uFEFF")) {
                line = line.substring(1); // a byte order mark some editors write
            }
            if (line.isBlank()) {
                continue;
            }
            itemsInFile++;
            nextItem = parseItem(line);
            nextItemFile = currentFile.file();
            nextItemLine = lineNumber;
        }
        return true;
    }

    @Override
    public Map<String, AttributeValue> next() {
        if (!hasNext()) {
            throw new NoSuchElementException();
        }
        Map<String, AttributeValue> item = nextItem;
        nextItem = null;
        lastItemFile = nextItemFile;
        lastItemLine = nextItemLine;
        return item;
    }

    @Override
    public void close() throws IOException {
        nextFile = files.size();
        nextItem = null;
        if (lines != null) {
            lines.close();
            lines = null;
        }
    }

    private static DynamoDbExportReader openExport(ExportLayout layout) throws IOException {
        byte[] summaryBytes = Files.readAllBytes(layout.manifestSummary());
        verifyChecksum(layout.manifestSummaryChecksum(), summaryBytes, layout.manifestSummary());
        ExportManifest.Summary summary = ExportManifest.parseSummary(new String(summaryBytes, StandardCharsets.UTF_8));
        if (!ExportManifest.DYNAMODB_JSON.equals(summary.outputFormat())) {
            throw new ExportFormatException(layout.manifestSummary() + ": the export is in " + summary.outputFormat()
                    + " format; only " + ExportManifest.DYNAMODB_JSON + " can be read");
        }
        if (summary.exportType() != null && !ExportManifest.FULL_EXPORT.equals(summary.exportType())) {
            throw new ExportFormatException(layout.manifestSummary() + ": the export is an " + summary.exportType()
                    + "; only a " + ExportManifest.FULL_EXPORT + " holds whole items");
        }
        Path manifestFiles = layout.resolve(summary.manifestFilesS3Key());
        byte[] filesBytes;
        try {
            filesBytes = Files.readAllBytes(manifestFiles);
        } catch (NoSuchFileException e) {
            throw new ExportFormatException(manifestFiles + ", which manifest-summary.json names, is missing",
                    manifestFiles, 0, e);
        }
        verifyChecksum(manifestFiles.resolveSibling(layout.manifestFilesChecksum().getFileName()), filesBytes, manifestFiles);
        List<ExportManifest.DataFile> listed = ExportManifest.parseFiles(new String(filesBytes, StandardCharsets.UTF_8));
        long listedItems = listed.stream().mapToLong(ExportManifest.DataFile::itemCount).sum();
        if (listedItems != summary.itemCount()) {
            throw new ExportFormatException(manifestFiles + " lists " + listedItems + " items, manifest-summary.json "
                    + summary.itemCount(), manifestFiles, 0, null);
        }
        List<DataFile> files = new ArrayList<>(listed.size());
        for (ExportManifest.DataFile entry : listed) {
            Path file = layout.resolve(entry.dataFileS3Key());
            byte[] md5;
            try {
                md5 = Md5Checksums.of(file);
            } catch (NoSuchFileException e) {
                throw new ExportFormatException(file + ", which manifest-files.json lists, is missing", file, 0, e);
            }
            if (!Md5Checksums.matches(entry.md5Checksum(), md5)) {
                throw new ExportFormatException(file + " is damaged: its MD5 is " + Md5Checksums.base64(md5)
                        + ", manifest-files.json says " + entry.md5Checksum(), file, 0, null);
            }
            files.add(new DataFile(file, entry.itemCount()));
        }
        return new DynamoDbExportReader(summary, readTableDescription(layout.tableDescription()), files);
    }

    private static DynamoDbExportReader openInputFiles(Path directory) throws IOException {
        List<DataFile> files;
        try (Stream<Path> all = Files.walk(directory)) {
            files = all.filter(Files::isRegularFile)
                    .filter(DynamoDbExportReader::isInputFileName)
                    .sorted(Comparator.comparing(Path::toString))
                    .map(file -> new DataFile(file, UNKNOWN))
                    .toList();
        }
        if (files.isEmpty()) {
            throw new ExportFormatException(directory + " holds no export and no *.json, *.json.gz or *.gz file");
        }
        return new DynamoDbExportReader(null, null, files);
    }

    private static boolean isInputFileName(Path file) {
        String name = file.getFileName().toString();
        return name.endsWith(".json") || name.endsWith(".gz");
    }

    private static void verifyChecksum(Path checksumFile, byte[] content, Path file) throws IOException {
        if (!Files.isRegularFile(checksumFile)) {
            return; // the checksum files vouch for the manifests but are not needed to read them
        }
        String checksum = Files.readString(checksumFile, StandardCharsets.US_ASCII);
        if (!Md5Checksums.matches(checksum, Md5Checksums.of(content))) {
            throw new ExportFormatException(file + " is damaged: its MD5 does not match " + checksumFile.getFileName(),
                    file, 0, null);
        }
    }

    private static ObjectNode readTableDescription(Path file) throws IOException {
        if (!Files.isRegularFile(file)) {
            return null;
        }
        JsonNode json;
        try {
            json = JSON.readTree(file.toFile());
        } catch (JsonProcessingException e) {
            throw new ExportFormatException(file + " is not JSON: " + e.getOriginalMessage(), file, 0, e);
        }
        if (!(json instanceof ObjectNode object)) {
            throw new ExportFormatException(file + " is not a JSON object", file, 0, null);
        }
        return object;
    }

    private void openFile(DataFile file) {
        currentFile = file;
        lineNumber = 0;
        itemsInFile = 0;
        try {
            InputStream in = new BufferedInputStream(Files.newInputStream(file.file()), 64 * 1024);
            try {
                in.mark(2);
                boolean gzip = in.read() == GZIP_MAGIC_1 && in.read() == GZIP_MAGIC_2;
                in.reset();
                InputStream content = gzip ? new GZIPInputStream(in, 64 * 1024) : in;
                // newDecoder() reports malformed UTF-8 instead of replacing it.
                lines = new BufferedReader(new InputStreamReader(content, StandardCharsets.UTF_8.newDecoder()), 64 * 1024);
            } catch (IOException | RuntimeException e) {
                in.close();
                throw e;
            }
        } catch (ZipException | EOFException e) {
            throw fileFault("is not a readable gzip file: " + e.getMessage(), 0, e);
        } catch (IOException e) {
            throw new UncheckedIOException("Could not read " + file.file(), e);
        }
    }

    private Map<String, AttributeValue> parseItem(String line) {
        JsonNode json;
        try {
            json = JSON.readTree(line);
        } catch (JsonProcessingException e) {
            throw lineFault("is not JSON: " + e.getOriginalMessage(), e);
        }
        JsonNode item = json.get("Item");
        if (!json.isObject() || item == null || !item.isObject()) {
            throw lineFault("is not an item ({\"Item\": {...}})", null);
        }
        try {
            return AttributeValueJson.readItem(item);
        } catch (DynamoDbException e) {
            throw lineFault("is not a valid item: " + e.getMessage(), e);
        }
    }

    private ExportFormatException lineFault(String problem, Throwable cause) {
        return new ExportFormatException(currentFile.file() + " line " + lineNumber + " " + problem,
                currentFile.file(), lineNumber, cause);
    }

    /** A fault of the current file as a whole: reading goes on with the next file. */
    private ExportFormatException fileFault(String problem, long line, Throwable cause) {
        Path file = currentFile.file();
        closeFile();
        return new ExportFormatException(file + " " + problem, file, line, cause);
    }

    private void closeFile() {
        if (lines != null) {
            try {
                lines.close();
            } catch (IOException e) {
                // nothing was written; a failed close loses nothing
            }
            lines = null;
        }
    }

    private static String names(List<Path> directories) {
        return directories.stream().map(p -> p.getFileName().toString()).collect(Collectors.joining(", "));
    }
}
