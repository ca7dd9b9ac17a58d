package dev.dynalog.connectors.export;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.time.DateTimeException;
import java.time.Instant;
import java.time.ZoneOffset;
import java.time.format.DateTimeFormatter;
import java.util.ArrayList;
import java.util.List;

/**
 * The two manifests of a DynamoDB export, as Amazon DynamoDB writes them for an
 * ExportTableToPointInTime in DYNAMODB_JSON format.
 *
 * <p>{@code manifest-summary.json} is one JSON object ({@link Summary}); {@code manifest-files.json}
 * is JSON lines, one {@link DataFile} per line. Members are written in DynamoDB's order and times as
 * DynamoDB writes them, ISO-8601 UTC to the millisecond. Reading ignores members it does not know,
 * so newer exports still read.
 */
public final class ExportManifest {
    /** The summary format's version; DynamoDB has written no other. */
    public static final String VERSION = "2020-06-30";
    public static final String DYNAMODB_JSON = "DYNAMODB_JSON";
    public static final String FULL_EXPORT = "FULL_EXPORT";
    private static final ObjectMapper JSON = new ObjectMapper();
    private static final DateTimeFormatter TIME =
            DateTimeFormatter.ofPattern("uuuu-MM-dd'T'HH:mm:ss.SSS'Z'").withZone(ZoneOffset.UTC);

    private ExportManifest() {
    }

    /**
     * {@code manifest-summary.json}. {@code exportType} is null in exports older than incremental
     * exports, which meant a full export; {@code s3Prefix} and {@code s3SseKmsKeyId} may be null.
     */
    public record Summary(String version, String exportArn, Instant startTime, Instant endTime, String tableArn,
            String tableId, Instant exportTime, String s3Bucket, String s3Prefix, String s3SseAlgorithm,
            String s3SseKmsKeyId, String manifestFilesS3Key, long billedSizeBytes, long itemCount,
            String outputFormat, String exportType) {

        public ObjectNode toJson() {
            ObjectNode json = JSON.createObjectNode();
            json.put("version", version);
            json.put("exportArn", exportArn);
            json.put("startTime", format(startTime));
            json.put("endTime", format(endTime));
            json.put("tableArn", tableArn);
            json.put("tableId", tableId);
            json.put("exportTime", format(exportTime));
            json.put("s3Bucket", s3Bucket);
            json.put("s3Prefix", s3Prefix);
            json.put("s3SseAlgorithm", s3SseAlgorithm);
            json.put("s3SseKmsKeyId", s3SseKmsKeyId);
            json.put("manifestFilesS3Key", manifestFilesS3Key);
            json.put("billedSizeBytes", billedSizeBytes);
            json.put("itemCount", itemCount);
            json.put("outputFormat", outputFormat);
            if (exportType != null) {
                json.put("exportType", exportType);
            }
            return json;
        }

        public static Summary fromJson(JsonNode json) {
            if (!json.isObject()) {
                throw new ExportFormatException("manifest-summary.json is not a JSON object");
            }
            return new Summary(optionalText(json, "version"), optionalText(json, "exportArn"),
                    time(json, "startTime"), time(json, "endTime"), optionalText(json, "tableArn"),
                    optionalText(json, "tableId"), time(json, "exportTime"), optionalText(json, "s3Bucket"),
                    optionalText(json, "s3Prefix"), optionalText(json, "s3SseAlgorithm"),
                    optionalText(json, "s3SseKmsKeyId"), requiredText(json, "manifestFilesS3Key", "manifest-summary.json"),
                    count(json, "billedSizeBytes", "manifest-summary.json"), count(json, "itemCount", "manifest-summary.json"),
                    requiredText(json, "outputFormat", "manifest-summary.json"), optionalText(json, "exportType"));
        }
    }

    /**
     * One line of {@code manifest-files.json}. {@code md5Checksum} is the base64 MD5 of the data
     * file as stored (gzip); {@code etag} is S3's, which for a multipart upload is not an MD5 of
     * the file ({@code <hex>-<parts>}), so only {@code md5Checksum} can be checked.
     */
    public record DataFile(long itemCount, String md5Checksum, String etag, String dataFileS3Key) {

        public ObjectNode toJson() {
            ObjectNode json = JSON.createObjectNode();
            json.put("itemCount", itemCount);
            json.put("md5Checksum", md5Checksum);
            json.put("etag", etag);
            json.put("dataFileS3Key", dataFileS3Key);
            return json;
        }

        public static DataFile fromJson(JsonNode json) {
            String where = "a line of manifest-files.json";
            if (!json.isObject()) {
                throw new ExportFormatException(where + " is not a JSON object");
            }
            return new DataFile(count(json, "itemCount", where), requiredText(json, "md5Checksum", where),
                    optionalText(json, "etag"), requiredText(json, "dataFileS3Key", where));
        }
    }

    /** {@code manifest-summary.json}'s text. */
    public static String summaryText(Summary summary) {
        return summary.toJson().toString();
    }

    /** {@code manifest-files.json}'s text: JSON lines, each ended by a line feed. */
    public static String filesText(List<DataFile> files) {
        StringBuilder text = new StringBuilder();
        for (DataFile file : files) {
            text.append(file.toJson()).append('\n');
        }
        return text.toString();
    }

    public static Summary parseSummary(String text) {
        return Summary.fromJson(parse(text, "manifest-summary.json"));
    }

    /** The data files in the order the manifest lists them; blank lines are skipped. */
    public static List<DataFile> parseFiles(String text) {
        List<DataFile> files = new ArrayList<>();
        String[] lines = text.split("\n", -1);
        for (int i = 0; i < lines.length; i++) {
            if (lines[i].isBlank()) {
                continue;
            }
            try {
                files.add(DataFile.fromJson(parse(lines[i], "manifest-files.json")));
            } catch (ExportFormatException e) {
                throw new ExportFormatException("manifest-files.json line " + (i + 1) + ": " + e.getMessage());
            }
        }
        return files;
    }

    private static JsonNode parse(String text, String what) {
        try {
            return JSON.readTree(text);
        } catch (JsonProcessingException e) {
            throw new ExportFormatException(what + " is not JSON: " + e.getOriginalMessage());
        }
    }

    private static String optionalText(JsonNode json, String field) {
        JsonNode value = json.get(field);
        return value == null || value.isNull() ? null : value.asText();
    }

    private static String requiredText(JsonNode json, String field, String where) {
        JsonNode value = json.get(field);
        if (value == null || !value.isTextual()) {
            throw new ExportFormatException(where + " has no " + field);
        }
        return value.textValue();
    }

    private static long count(JsonNode json, String field, String where) {
        JsonNode value = json.get(field);
        if (value == null || !value.canConvertToExactIntegral() || value.asLong() < 0) {
            throw new ExportFormatException(where + " has no " + field + " count");
        }
        return value.asLong();
    }

    private static String format(Instant time) {
        return time == null ? null : TIME.format(time);
    }

    private static Instant time(JsonNode json, String field) {
        String text = optionalText(json, field);
        if (text == null) {
            return null;
        }
        try {
            return Instant.parse(text);
        } catch (DateTimeException e) {
            throw new ExportFormatException("manifest-summary.json: " + field + " '" + text + "' is not an ISO-8601 time");
        }
    }
}
