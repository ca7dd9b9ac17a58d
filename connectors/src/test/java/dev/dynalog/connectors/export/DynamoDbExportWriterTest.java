package dev.dynalog.connectors.export;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.dynalog.core.model.AttributeValue;
import dev.dynalog.core.size.ItemSize;
import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.FileAlreadyExistsException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Base64;
import java.util.HexFormat;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.zip.GZIPInputStream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class DynamoDbExportWriterTest {
    private static final ObjectMapper JSON = new ObjectMapper();
    private static final String ID = "01796290000123-0a1b2c3d";
    private static final String TABLE_ARN = "arn:aws:dynamodb:us-east-1:000000000000:table/orders";
    private static final Instant START = Instant.parse("2026-12-03T09:43:20.100Z");
    private static final Instant EXPORT_TIME = Instant.parse("2026-12-03T09:43:19Z");
    private static final Instant END = Instant.parse("2026-12-03T09:43:25.456Z");

    @TempDir
    Path bucket;

    @Test
    void anExportHasDynamoDbsLayout() throws IOException {
        try (DynamoDbExportWriter writer = DynamoDbExportWriter.open(bucket, ID, metadata())) {
            writer.write(item("a", 1));
            writer.finish(END);
        }

        Path export = bucket.resolve("AWSDynamoDB").resolve(ID);
        assertThat(export.resolve("_started")).isEmptyFile();
        assertThat(export.resolve("manifest-summary.json")).isRegularFile();
        assertThat(export.resolve("manifest-summary.checksum")).isRegularFile();
        assertThat(export.resolve("manifest-files.json")).isRegularFile();
        assertThat(export.resolve("manifest-files.checksum")).isRegularFile();
        assertThat(export.resolve("dynalog-table.json")).isRegularFile();
        try (var data = Files.list(export.resolve("data"))) {
            assertThat(data.map(p -> p.getFileName().toString()).toList())
                    .singleElement().asString().matches("[a-z2-7]{26}\\.json\\.gz");
        }
    }

    @Test
    void dataFilesAreGzipJsonLinesOfItems() throws IOException {
        try (DynamoDbExportWriter writer = DynamoDbExportWriter.open(bucket, ID, metadata())) {
            writer.write(item("a", 1));
            writer.write(item("b", 2));
            writer.finish(END);
        }

        assertThat(decompressed(onlyDataFile())).isEqualTo(
                "{\"Item\":{\"pk\":{\"S\":\"a\"},\"n\":{\"N\":\"1\"}}}\n{\"Item\":{\"pk\":{\"S\":\"b\"},\"n\":{\"N\":\"2\"}}}\n");
    }

    @Test
    void theSummaryManifestHasEveryMemberDynamoDbWrites() throws IOException {
        Map<String, AttributeValue> a = item("a", 1);
        Map<String, AttributeValue> b = item("bb", 22);
        ExportManifest.Summary returned;
        try (DynamoDbExportWriter writer = DynamoDbExportWriter.open(bucket, ID, metadata())) {
            writer.write(a);
            writer.write(b);
            returned = writer.finish(END);
        }

        JsonNode summary = JSON.readTree(layout().manifestSummary().toFile());
        assertThat(fieldNames(summary)).containsExactly("version", "exportArn", "startTime", "endTime", "tableArn",
                "tableId", "exportTime", "s3Bucket", "s3Prefix", "s3SseAlgorithm", "s3SseKmsKeyId",
                "manifestFilesS3Key", "billedSizeBytes", "itemCount", "outputFormat", "exportType");
        assertThat(summary.get("version").asText()).isEqualTo("2020-06-30");
        assertThat(summary.get("exportArn").asText()).isEqualTo(TABLE_ARN + "/export/" + ID);
        assertThat(summary.get("startTime").asText()).isEqualTo("2026-12-03T09:43:20.100Z");
        assertThat(summary.get("endTime").asText()).isEqualTo("2026-12-03T09:43:25.456Z");
        assertThat(summary.get("exportTime").asText()).isEqualTo("2026-12-03T09:43:19.000Z");
        assertThat(summary.get("tableArn").asText()).isEqualTo(TABLE_ARN);
        assertThat(summary.get("tableId").asText()).isEqualTo("5f0c1a2b-0000-4000-8000-000000000001");
        assertThat(summary.get("s3Bucket").asText()).isEqualTo(bucket.getFileName().toString());
        assertThat(summary.get("s3Prefix").isNull()).isTrue();
        assertThat(summary.get("s3SseAlgorithm").asText()).isEqualTo("AES256");
        assertThat(summary.get("s3SseKmsKeyId").isNull()).isTrue();
        assertThat(summary.get("manifestFilesS3Key").asText()).isEqualTo("AWSDynamoDB/" + ID + "/manifest-files.json");
        assertThat(summary.get("billedSizeBytes").asLong()).isEqualTo(ItemSize.of(a) + ItemSize.of(b));
        assertThat(summary.get("itemCount").asLong()).isEqualTo(2);
        assertThat(summary.get("outputFormat").asText()).isEqualTo("DYNAMODB_JSON");
        assertThat(summary.get("exportType").asText()).isEqualTo("FULL_EXPORT");
        assertThat(returned.itemCount()).isEqualTo(2);
        assertThat(returned.billedSizeBytes()).isEqualTo(summary.get("billedSizeBytes").asLong());
    }

    @Test
    void theFilesManifestListsEachDataFileWithItsCountAndMd5() throws IOException {
        try (DynamoDbExportWriter writer = DynamoDbExportWriter.open(bucket, ID, metadata(),
                new DynamoDbExportWriter.Rotation(2, Long.MAX_VALUE))) {
            for (int i = 0; i < 5; i++) {
                writer.write(item("k" + i, i));
            }
            writer.finish(END);
        }

        List<String> lines = Files.readAllLines(layout().manifestFiles());
        assertThat(lines).hasSize(3);
        long items = 0;
        for (String line : lines) {
            JsonNode entry = JSON.readTree(line);
            assertThat(fieldNames(entry)).containsExactly("itemCount", "md5Checksum", "etag", "dataFileS3Key");
            String key = entry.get("dataFileS3Key").asText();
            assertThat(key).startsWith("AWSDynamoDB/" + ID + "/data/").endsWith(".json.gz");
            byte[] md5 = md5(Files.readAllBytes(bucket.resolve(key)));
            assertThat(entry.get("md5Checksum").asText()).isEqualTo(Base64.getEncoder().encodeToString(md5));
            assertThat(entry.get("etag").asText()).isEqualTo(HexFormat.of().formatHex(md5));
            items += entry.get("itemCount").asLong();
        }
        assertThat(items).isEqualTo(5);
    }

    @Test
    void checksumFilesHoldTheBase64Md5OfTheManifestBesideThem() throws IOException {
        try (DynamoDbExportWriter writer = DynamoDbExportWriter.open(bucket, ID, metadata())) {
            writer.write(item("a", 1));
            writer.finish(END);
        }

        ExportLayout layout = layout();
        assertThat(Files.readString(layout.manifestSummaryChecksum()))
                .isEqualTo(Base64.getEncoder().encodeToString(md5(Files.readAllBytes(layout.manifestSummary()))));
        assertThat(Files.readString(layout.manifestFilesChecksum()))
                .isEqualTo(Base64.getEncoder().encodeToString(md5(Files.readAllBytes(layout.manifestFiles()))));
    }

    @Test
    void aDataFileIsRotatedBeforeItPassesTheUncompressedSize() throws IOException {
        try (DynamoDbExportWriter writer = DynamoDbExportWriter.open(bucket, ID, metadata(),
                new DynamoDbExportWriter.Rotation(Long.MAX_VALUE, 100))) {
            for (int i = 0; i < 10; i++) {
                writer.write(item("k" + i, i)); // 41 bytes a line: two lines to a file
            }
            writer.finish(END);
        }

        List<String> lines = Files.readAllLines(layout().manifestFiles());
        assertThat(lines).hasSize(5);
        for (String line : lines) {
            assertThat(JSON.readTree(line).get("itemCount").asLong()).isEqualTo(2);
        }
    }

    @Test
    void anItemLargerThanTheRotationSizeStillGetsAFile() throws IOException {
        try (DynamoDbExportWriter writer = DynamoDbExportWriter.open(bucket, ID, metadata(),
                new DynamoDbExportWriter.Rotation(Long.MAX_VALUE, 10))) {
            writer.write(item("a", 1));
            writer.write(item("b", 2));
            writer.finish(END);
        }

        assertThat(Files.readAllLines(layout().manifestFiles())).hasSize(2);
    }

    @Test
    void anEmptyTableExportsOneEmptyDataFile() throws IOException {
        ExportManifest.Summary summary;
        try (DynamoDbExportWriter writer = DynamoDbExportWriter.open(bucket, ID, metadata())) {
            summary = writer.finish(END);
        }

        assertThat(summary.itemCount()).isZero();
        assertThat(summary.billedSizeBytes()).isZero();
        assertThat(decompressed(onlyDataFile())).isEmpty();
        assertThat(JSON.readTree(Files.readString(layout().manifestFiles())).get("itemCount").asLong()).isZero();
    }

    @Test
    void theTableDescriptionIsKeptBesideTheManifests() throws IOException {
        try (DynamoDbExportWriter writer = DynamoDbExportWriter.open(bucket, ID, metadata())) {
            writer.finish(END);
        }

        assertThat(JSON.readTree(layout().tableDescription().toFile())).isEqualTo(tableDescription());
    }

    @Test
    void anExportWithoutFinishHasNoSummaryManifest() throws IOException {
        try (DynamoDbExportWriter writer = DynamoDbExportWriter.open(bucket, ID, metadata())) {
            writer.write(item("a", 1));
        }

        assertThat(layout().manifestSummary()).doesNotExist();
        assertThat(layout().manifestFiles()).doesNotExist();
    }

    @Test
    void anExportIsNeverWrittenOverAnother() throws IOException {
        try (DynamoDbExportWriter writer = DynamoDbExportWriter.open(bucket, ID, metadata())) {
            writer.finish(END);
        }

        assertThatThrownBy(() -> DynamoDbExportWriter.open(bucket, ID, metadata()))
                .isInstanceOf(FileAlreadyExistsException.class);
    }

    @Test
    void nothingIsWrittenAfterFinish() throws IOException {
        try (DynamoDbExportWriter writer = DynamoDbExportWriter.open(bucket, ID, metadata())) {
            writer.finish(END);

            assertThatThrownBy(() -> writer.write(item("a", 1))).isInstanceOf(IllegalStateException.class);
        }
    }

    private ExportLayout layout() {
        return ExportLayout.in(bucket, ID);
    }

    private Path onlyDataFile() throws IOException {
        try (var data = Files.list(layout().dataDirectory())) {
            return data.findFirst().orElseThrow();
        }
    }

    static ExportMetadata metadata() {
        return new ExportMetadata(TABLE_ARN + "/export/" + ID, TABLE_ARN, "5f0c1a2b-0000-4000-8000-000000000001",
                START, EXPORT_TIME, tableDescription());
    }

    static ObjectNode tableDescription() {
        ObjectNode table = JSON.createObjectNode();
        table.put("TableName", "orders");
        table.putArray("KeySchema").addObject().put("AttributeName", "pk").put("KeyType", "HASH");
        table.putArray("AttributeDefinitions").addObject().put("AttributeName", "pk").put("AttributeType", "S");
        table.put("BillingMode", "PAY_PER_REQUEST");
        return table;
    }

    private static Map<String, AttributeValue> item(String pk, int n) {
        Map<String, AttributeValue> item = new LinkedHashMap<>();
        item.put("pk", new AttributeValue.S(pk));
        item.put("n", new AttributeValue.N(Integer.toString(n)));
        return item;
    }

    private static String decompressed(Path file) throws IOException {
        try (InputStream in = new GZIPInputStream(Files.newInputStream(file))) {
            return new String(in.readAllBytes(), StandardCharsets.UTF_8);
        }
    }

    private static List<String> fieldNames(JsonNode object) {
        List<String> names = new ArrayList<>();
        object.fieldNames().forEachRemaining(names::add);
        return names;
    }

    private static byte[] md5(byte[] bytes) {
        try {
            return MessageDigest.getInstance("MD5").digest(bytes);
        } catch (NoSuchAlgorithmException e) {
            throw new AssertionError(e);
        }
    }
}
