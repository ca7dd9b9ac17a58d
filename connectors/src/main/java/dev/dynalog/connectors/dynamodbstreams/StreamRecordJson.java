package dev.dynalog.connectors.dynamodbstreams;

import com.fasterxml.jackson.core.JsonGenerator;
import dev.dynalog.core.json.AttributeValueJson;
import dev.dynalog.schemas.change.AttributeValueConverter;
import dev.dynalog.schemas.change.ChangeRecord;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.util.Map;
import java.util.UUID;

/**
 * Writes a change record as DynamoDB Streams writes a stream record (GetRecords' {@code Record},
 * the shape Lambda receives too), by the mapping in schemas/CHANGE_RECORDS.md.
 */
public final class StreamRecordJson {
    private StreamRecordJson() {
    }

    public static void write(JsonGenerator json, ChangeRecord r, String region) throws IOException {
        json.writeStartObject();
        json.writeStringField("eventID", eventId(r));
        json.writeStringField("eventName", r.getEventName().name());
        json.writeStringField("eventVersion", "1.1");
        json.writeStringField("eventSource", "aws:dynamodb");
        json.writeStringField("awsRegion", region);
        json.writeObjectFieldStart("dynamodb");
        // DynamoDB Streams gives the time in epoch seconds, rounded down.
        json.writeNumberField("ApproximateCreationDateTime", r.getApproximateCreationDateTime().getEpochSecond());
        writeImage(json, "Keys", r.getKeys());
        writeImage(json, "NewImage", r.getNewImage());
        writeImage(json, "OldImage", r.getOldImage());
        json.writeStringField("SequenceNumber", r.getSequenceNumber());
        json.writeNumberField("SizeBytes", r.getSizeBytes());
        json.writeStringField("StreamViewType", r.getStreamViewType().name());
        json.writeEndObject();
        if (r.getUserIdentity() != null) {
            // The Streams API's Identity shape names its members PrincipalId and Type (the SDKs read
            // exactly these); Lambda's event JSON spells them in lower case, this API does not.
            json.writeObjectFieldStart("userIdentity");
            json.writeStringField("PrincipalId", r.getUserIdentity().getPrincipalId());
            json.writeStringField("Type", r.getUserIdentity().getType());
            json.writeEndObject();
        }
        json.writeEndObject();
    }

    /**
     * A record's eventID: unique per stream and change, and the same each time the record is read
     * (a name-based UUID of the table id, stream label, sequence number and keys: sequence numbers
     * are unique per shard only, and two shards never hold the same item).
     */
    static String eventId(ChangeRecord r) {
        String name = r.getTableId() + "/" + r.getStreamLabel() + "/" + r.getSequenceNumber() + "/" + r.getKeys();
        return UUID.nameUUIDFromBytes(name.getBytes(StandardCharsets.UTF_8)).toString();
    }

    private static void writeImage(JsonGenerator json, String field,
                                   Map<String, dev.dynalog.schemas.change.AttributeValue> image) throws IOException {
        if (image != null) {
            json.writeFieldName(field);
            AttributeValueJson.writeItem(json, AttributeValueConverter.fromAvro(image));
        }
    }
}
