package dev.dynalog.connectors.dynamodbstreams;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.core.JsonGenerator;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.dynalog.core.model.AttributeValue;
import dev.dynalog.schemas.change.AttributeValueConverter;
import dev.dynalog.schemas.change.ChangeRecord;
import dev.dynalog.schemas.change.EventName;
import dev.dynalog.schemas.change.StreamViewType;
import dev.dynalog.schemas.change.UserIdentity;
import java.io.StringWriter;
import java.time.Instant;
import java.util.Map;
import org.junit.jupiter.api.Test;

/** A change record as GetRecords gives it: the Streams API's Record shape. */
class StreamRecordJsonTest {
    private static final ObjectMapper JSON = new ObjectMapper();

    @Test
    void aTimeToLiveRemoveNamesTheServiceWithTheIdentityShapesMembers() throws Exception {
        JsonNode record = write(remove(new UserIdentity("Service", "dynamodb.amazonaws.com")));

        assertThat(record.path("eventName").asText()).isEqualTo("REMOVE");
        assertThat(record.get("userIdentity")).isEqualTo(JSON.readTree(
                "{\"PrincipalId\":\"dynamodb.amazonaws.com\",\"Type\":\"Service\"}"));
    }

    @Test
    void aClientsDeleteHasNoUserIdentity() throws Exception {
        assertThat(write(remove(null)).has("userIdentity")).isFalse();
    }

    private static ChangeRecord remove(UserIdentity identity) {
        Map<String, AttributeValue> key = Map.of("id", new AttributeValue.S("s1"));
        return ChangeRecord.newBuilder().setEventName(EventName.REMOVE).setTableName("Sessions")
                .setTableId("0123456789abcdef0123456789abcdef").setStreamLabel("2026-01-01T00:00:00.000")
                .setKeys(AttributeValueConverter.toAvro(key)).setSequenceNumber("000000000000000001000")
                .setApproximateCreationDateTime(Instant.parse("2026-06-01T12:00:00Z")).setSizeBytes(4)
                .setStreamViewType(StreamViewType.KEYS_ONLY).setUserIdentity(identity).build();
    }

    private static JsonNode write(ChangeRecord record) throws Exception {
        StringWriter out = new StringWriter();
        try (JsonGenerator g = JSON.getFactory().createGenerator(out)) {
            StreamRecordJson.write(g, record, "us-east-1");
        }
        return JSON.readTree(out.toString());
    }
}
