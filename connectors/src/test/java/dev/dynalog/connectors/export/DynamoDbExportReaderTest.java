package dev.dynalog.connectors.export;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.dynalog.core.model.AttributeValue;
import dev.dynalog.core.model.Binary;
import dev.dynalog.core.number.Numbers;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.OutputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Base64;
import java.util.HexFormat;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Random;
import java.util.stream.Stream;
import java.util.zip.GZIPOutputStream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class DynamoDbExportReaderTest {
    private static final String ID = "01796290000123-0a1b2c3d";
    private static final Instant END = Instant.parse("2026-12-03T09:43:25Z");

    @TempDir
    Path bucket;

    @Test
    void anExportOfEveryAttributeTypeReadsBackEqual() throws IOException {
        List<Map<String, AttributeValue>> items = items(3_000);
        export(items, new DynamoDbExportWriter.Rotation(400, 64 * 1024));

        try (DynamoDbExportReader reader = DynamoDbExportReader.open(bucket)) {
            assertThat(reader.dataFiles()).hasSizeGreaterThan(5);
            assertThat(readAll(reader)).isEqualTo(items);
            assertThat(reader.summary()).hasValueSatisfying(s -> assertThat(s.itemCount()).isEqualTo(3_000));
            assertThat(reader.tableDescription()).contains(DynamoDbExportWriterTest.tableDescription());
        }
    }

    @Test
    void theExportDirectoryItselfOpensToo() throws IOException {
        List<Map<String, AttributeValue>> items = items(10);
        export(items, DynamoDbExportWriter.Rotation.DEFAULT);

        try (DynamoDbExportReader reader = DynamoDbExportReader.open(layout().directory())) {
            assertThat(readAll(reader)).isEqualTo(items);
        }
    }

    @Test
    void aDataFileWithAChangedByteIsRefusedBeforeAnyItemIsRead() throws IOException {
        export(items(100), new DynamoDbExportWriter.Rotation(30, Long.MAX_VALUE));
        Path damaged;
        try (Stream<Path> files = Files.list(layout().dataDirectory())) {
            damaged = files.sorted().toList().get(1);
        }
        byte[] bytes = Files.readAllBytes(damaged);
        bytes[bytes.length / 2] ^= 0x01;
        Files.write(damaged, bytes);

        assertThatThrownBy(() -> DynamoDbExportReader.open(bucket))
                .isInstanceOfSatisfying(ExportFormatException.class, e -> {
                    assertThat(e.file()).isEqualTo(damaged);
                    assertThat(e).hasMessageContaining("MD5");
                });
    }

    @Test
    void aChangedManifestIsRefusedByItsChecksum() throws IOException {
        export(items(10), DynamoDbExportWriter.Rotation.DEFAULT);
        Path manifest = layout().manifestFiles();
        Files.writeString(manifest, Files.readString(manifest).replace("\"itemCount\":10", "\"itemCount\":11"));

        assertThatThrownBy(() -> DynamoDbExportReader.open(bucket))
                .isInstanceOfSatisfying(ExportFormatException.class,
                        e -> assertThat(e.getMessage()).contains("manifest-files.json", "manifest-files.checksum"));
    }

    @Test
    void aDataFileHoldingOtherThanItsListedItemCountIsReportedWhenRead() throws IOException {
        export(items(20), new DynamoDbExportWriter.Rotation(10, Long.MAX_VALUE));
        // Move one item from the first file's count to the second's: the totals still agree.
        Path manifest = layout().manifestFiles();
        List<String> lines = Files.readAllLines(manifest);
        Files.write(manifest, List.of(lines.get(0).replace("\"itemCount\":10", "\"itemCount\":9"),
                lines.get(1).replace("\"itemCount\":10", "\"itemCount\":11")));
        Files.delete(layout().manifestFilesChecksum());

        try (DynamoDbExportReader reader = DynamoDbExportReader.open(bucket)) {
            for (int i = 0; i < 10; i++) {
                reader.next();
            }
            assertThatThrownBy(reader::hasNext).isInstanceOfSatisfying(ExportFormatException.class, e -> {
                assertThat(e.file()).isEqualTo(reader.dataFiles().get(0));
                assertThat(e).hasMessageContaining("holds 10 items, manifest-files.json says 9");
            });
        }
    }

    @Test
    void anIncompleteExportIsRefused() throws IOException {
        try (DynamoDbExportWriter writer = DynamoDbExportWriter.open(bucket, ID, DynamoDbExportWriterTest.metadata())) {
            writer.write(items(1).get(0));
        }

        assertThatThrownBy(() -> DynamoDbExportReader.open(bucket))
                .isInstanceOf(ExportFormatException.class)
                .hasMessageContaining(ID + " has no manifest-summary.json");
    }

    @Test
    void aDirectoryHoldingTwoExportsAsksForOne() throws IOException {
        export(items(1), DynamoDbExportWriter.Rotation.DEFAULT);
        try (DynamoDbExportWriter writer = DynamoDbExportWriter.open(bucket, "01796290000999-99999999",
                DynamoDbExportWriterTest.metadata())) {
            writer.finish(END);
        }

        assertThatThrownBy(() -> DynamoDbExportReader.open(bucket))
                .isInstanceOf(ExportFormatException.class)
                .hasMessageContaining("holds 2 exports (" + ID + ", 01796290000999-99999999)");
    }

    @Test
    void anExportWrittenByDynamoDbUnderAPrefixReads() throws IOException {
        // What ExportTableToPointInTime leaves with S3Prefix "nightly": keys carry the prefix, the
        // etag is a multipart one, the summary has no exportType and there is no dynalog-table.json.
        Path export = bucket.resolve("nightly").resolve("AWSDynamoDB").resolve(ID);
        Files.createDirectories(export.resolve("data"));
        byte[] data = gzip("{\"Item\":{\"Id\":{\"N\":\"103\"},\"Authors\":{\"SS\":[\"Author1\",\"Author2\"]}}}\n");
        Files.write(export.resolve("data").resolve("bafybeiczss3yxay3o4abnabbb.json.gz"), data);
        String files = "{\"itemCount\":1,\"md5Checksum\":\"" + Base64.getEncoder().encodeToString(md5(data))
                + "\",\"etag\":\"af83d6f217c19b8b0fff8023d8ca4716-1\",\"dataFileS3Key\":\"nightly/AWSDynamoDB/" + ID
                + "/data/bafybeiczss3yxay3o4abnabbb.json.gz\"}\n";
        Files.writeString(export.resolve("manifest-files.json"), files);
        Files.writeString(export.resolve("manifest-files.checksum"), HexFormat.of().formatHex(md5(files.getBytes(StandardCharsets.UTF_8))));
        Files.writeString(export.resolve("manifest-summary.json"), "{\"version\":\"2020-06-30\","
                + "\"exportArn\":\"arn:aws:dynamodb:us-east-1:123456789012:table/ProductCatalog/export/" + ID + "\","
                + "\"startTime\":\"2020-11-04T07:28:34.028Z\",\"endTime\":\"2020-11-04T07:33:43.897Z\","
                + "\"tableArn\":\"arn:aws:dynamodb:us-east-1:123456789012:table/ProductCatalog\","
                + "\"tableId\":\"12345a12-abcd-123a-ab12-1234abc12345\",\"exportTime\":\"2020-11-04T07:28:34.028Z\","
                + "\"s3Bucket\":\"ddb-productcatalog-export\",\"s3Prefix\":\"nightly\",\"s3SseAlgorithm\":\"AES256\","
                + "\"s3SseKmsKeyId\":null,\"manifestFilesS3Key\":\"nightly/AWSDynamoDB/" + ID + "/manifest-files.json\","
                + "\"billedSizeBytes\":0,\"itemCount\":1,\"outputFormat\":\"DYNAMODB_JSON\"}");

        try (DynamoDbExportReader reader = DynamoDbExportReader.open(bucket.resolve("nightly"))) {
            assertThat(readAll(reader)).containsExactly(Map.of("Id", new AttributeValue.N("103"),
                    "Authors", new AttributeValue.SS(List.of("Author1", "Author2"))));
            assertThat(reader.tableDescription()).isEmpty();
            assertThat(reader.summary()).hasValueSatisfying(s -> {
                assertThat(s.exportType()).isNull();
                assertThat(s.exportTime()).isEqualTo(Instant.parse("2020-11-04T07:28:34.028Z"));
            });
        }
    }

    @Test
    void anExportInIonFormatIsRefused() throws IOException {
        export(items(1), DynamoDbExportWriter.Rotation.DEFAULT);
        Path summary = layout().manifestSummary();
        Files.writeString(summary, Files.readString(summary).replace("DYNAMODB_JSON", "ION"));
        Files.delete(layout().manifestSummaryChecksum());

        assertThatThrownBy(() -> DynamoDbExportReader.open(bucket))
                .isInstanceOf(ExportFormatException.class)
                .hasMessageContaining("ION");
    }

    @Test
    void aDirectoryOfImportTableInputFilesReadsInPathOrder() throws IOException {
        Files.writeString(bucket.resolve("a.json"), "{\"Item\":{\"pk\":{\"S\":\"1\"}}}\n\n{\"Item\":{\"pk\":{\"S\":\"2\"}}}\n");
        Files.createDirectory(bucket.resolve("b"));
        Files.write(bucket.resolve("b").resolve("part.json.gz"), gzip("{\"Item\":{\"pk\":{\"S\":\"3\"}}}\n"));
        Files.write(bucket.resolve("c.gz"), gzip("{\"Item\":{\"pk\":{\"S\":\"4\"}}}"));
        // Gzip is told by its first bytes, not by the name.
        Files.write(bucket.resolve("d.json"), gzip("{\"Item\":{\"pk\":{\"S\":\"5\"}}}\n"));
        Files.writeString(bucket.resolve("notes.txt"), "not an input file");

        try (DynamoDbExportReader reader = DynamoDbExportReader.open(bucket)) {
            assertThat(readAll(reader)).extracting(item -> ((AttributeValue.S) item.get("pk")).value())
                    .containsExactly("1", "2", "3", "4", "5");
            assertThat(reader.summary()).isEmpty();
            assertThat(reader.tableDescription()).isEmpty();
        }
    }

    @Test
    void aMalformedLineNamesItsFileAndLineAndReadingGoesOn() throws IOException {
        Path file = bucket.resolve("items.json");
        Files.writeString(file, String.join("\n", "{\"Item\":{\"pk\":{\"S\":\"1\"}}}", "{\"Item\":{\"pk\":{\"S\":",
                "", "{\"Item\":{\"pk\":{\"S\":\"4\"}}}", "{\"pk\":{\"S\":\"5\"}}", "{\"Item\":{\"n\":{\"N\":\"x\"}}}"));

        try (DynamoDbExportReader reader = DynamoDbExportReader.open(bucket)) {
            assertThat(reader.next()).containsEntry("pk", new AttributeValue.S("1"));
            assertThatThrownBy(reader::next).isInstanceOfSatisfying(ExportFormatException.class, e -> {
                assertThat(e.file()).isEqualTo(file);
                assertThat(e.line()).isEqualTo(2);
                assertThat(e).hasMessageStartingWith(file + " line 2 is not JSON");
            });
            assertThat(reader.next()).containsEntry("pk", new AttributeValue.S("4"));
            assertThat(reader.position()).isEqualTo(file + " line 4");
            assertThatThrownBy(reader::next).isInstanceOfSatisfying(ExportFormatException.class,
                    e -> assertThat(e).hasMessage(file + " line 5 is not an item ({\"Item\": {...}})"));
            assertThatThrownBy(reader::next).isInstanceOfSatisfying(ExportFormatException.class,
                    e -> assertThat(e).hasMessageStartingWith(file + " line 6 is not a valid item"));
            assertThat(reader.hasNext()).isFalse();
        }
    }

    @Test
    void aGzipFileCutShortNamesItsFile() throws IOException {
        StringBuilder lines = new StringBuilder();
        for (int i = 0; i < 1000; i++) {
            lines.append("{\"Item\":{\"pk\":{\"S\":\"").append(i).append("\"}}}\n");
        }
        byte[] whole = gzip(lines.toString());
        Path file = bucket.resolve("cut.json.gz");
        Files.write(file, Arrays.copyOf(whole, whole.length / 2));

        try (DynamoDbExportReader reader = DynamoDbExportReader.open(bucket)) {
            assertThatThrownBy(() -> readAll(reader)).isInstanceOfSatisfying(ExportFormatException.class, e -> {
                assertThat(e.file()).isEqualTo(file);
                assertThat(e).hasMessageContaining("is damaged at line");
            });
        }
    }

    @Test
    void aDirectoryWithNothingToImportIsRefused() {
        assertThatThrownBy(() -> DynamoDbExportReader.open(bucket))
                .isInstanceOf(ExportFormatException.class)
                .hasMessageContaining("no *.json, *.json.gz or *.gz file");
    }

    private void export(List<Map<String, AttributeValue>> items, DynamoDbExportWriter.Rotation rotation)
            throws IOException {
        try (DynamoDbExportWriter writer = DynamoDbExportWriter.open(bucket, ID, DynamoDbExportWriterTest.metadata(),
                rotation)) {
            for (Map<String, AttributeValue> item : items) {
                writer.write(item);
            }
            writer.finish(END);
        }
    }

    private ExportLayout layout() {
        return ExportLayout.in(bucket, ID);
    }

    private static List<Map<String, AttributeValue>> readAll(DynamoDbExportReader reader) {
        List<Map<String, AttributeValue>> items = new ArrayList<>();
        reader.forEachRemaining(items::add);
        return items;
    }

    /** Items with every attribute type, nested ones included, the same for every run. */
    private static List<Map<String, AttributeValue>> items(int count) {
        Random random = new Random(42);
        List<Map<String, AttributeValue>> items = new ArrayList<>(count);
        for (int i = 0; i < count; i++) {
            Map<String, AttributeValue> item = new LinkedHashMap<>();
            item.put("pk", new AttributeValue.S("item-" + i + "-\u00e9\u6f22\uD83D\uDE00"));
            item.put("sk", number(random));
            item.put("b", new AttributeValue.B(bytes(random)));
            item.put("bool", AttributeValue.Bool.of(random.nextBoolean()));
            item.put("null", AttributeValue.Null.INSTANCE);
            item.put("ss", new AttributeValue.SS(List.of("x" + i, "y\n\"" + i)));
            item.put("ns", new AttributeValue.NS(List.of(Numbers.canonical(Integer.toString(i)), Numbers.canonical("-1.5E-3"))));
            item.put("bs", new AttributeValue.BS(List.of(Binary.wrap(new byte[] {1, (byte) i}), Binary.wrap(new byte[] {2}))));
            Map<String, AttributeValue> nested = new LinkedHashMap<>();
            nested.put("list", new AttributeValue.L(List.of(number(random), new AttributeValue.S(""),
                    new AttributeValue.M(Map.of("deep", AttributeValue.Bool.TRUE)))));
            nested.put("empty", new AttributeValue.M(Map.of()));
            item.put("m", new AttributeValue.M(nested));
            item.put("l", new AttributeValue.L(List.of()));
            items.add(item);
        }
        return items;
    }

    private static AttributeValue.N number(Random random) {
        return new AttributeValue.N(Numbers.canonical(random.nextInt(2_000_000) - 1_000_000 + "." + random.nextInt(1000)));
    }

    private static Binary bytes(Random random) {
        byte[] bytes = new byte[1 + random.nextInt(40)];
        random.nextBytes(bytes);
        return Binary.wrap(bytes);
    }

    private static byte[] gzip(String text) throws IOException {
        ByteArrayOutputStream bytes = new ByteArrayOutputStream();
        try (OutputStream out = new GZIPOutputStream(bytes)) {
            out.write(text.getBytes(StandardCharsets.UTF_8));
        }
        return bytes.toByteArray();
    }

    private static byte[] md5(byte[] bytes) {
        try {
            return MessageDigest.getInstance("MD5").digest(bytes);
        } catch (NoSuchAlgorithmException e) {
            throw new AssertionError(e);
        }
    }
}
