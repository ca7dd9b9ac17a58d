package dev.dynalog.connectors.registry;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.dynalog.schemas.registry.CompatibilityLevel;
import java.io.IOException;
import java.io.UncheckedIOException;

/**
 * Bytes of {@link RegistryRecord}s in the {@code _schemas} topic. Keys and values are JSON
 * objects, readable with any Kafka tool:
 *
 * <pre>
 * key                                                   value
 * {"keytype":"SCHEMA","subject":S,"version":V}          {"subject":S,"version":V,"id":I,"schema":TEXT,"deleted":false}
 *                                                       or null: version V of S deleted permanently
 * {"keytype":"CONFIG","subject":S}  (S null: default)   {"compatibilityLevel":"BACKWARD"} or null: removed
 * {"keytype":"ID_HIGH_WATER"}                           {"maxId":I}
 * </pre>
 *
 * <p>Compaction keeps the last value per key, so the key must be the record's identity and its
 * bytes must never vary: fields are written in this fixed order, without spaces.
 */
public final class RegistryRecordCodec {
    private static final ObjectMapper JSON = new ObjectMapper();

    private RegistryRecordCodec() {
    }

    public static byte[] key(RegistryRecord record) {
        ObjectNode key = JSON.createObjectNode();
        if (record instanceof RegistryRecord.SchemaVersion v) {
            schemaKey(key, v.subject(), v.version());
        } else if (record instanceof RegistryRecord.SchemaVersionRemoved r) {
            schemaKey(key, r.subject(), r.version());
        } else if (record instanceof RegistryRecord.Config c) {
            key.put("keytype", "CONFIG").put("subject", c.subject());
        } else if (record instanceof RegistryRecord.ConfigRemoved c) {
            key.put("keytype", "CONFIG").put("subject", c.subject());
        } else if (record instanceof RegistryRecord.IdHighWater) {
            key.put("keytype", "ID_HIGH_WATER");
        }
        return bytes(key);
    }

    /** The value, or null for the removals, which are tombstones. */
    public static byte[] value(RegistryRecord record) {
        if (record instanceof RegistryRecord.SchemaVersion v) {
            return bytes(JSON.createObjectNode().put("subject", v.subject()).put("version", v.version())
                    .put("id", v.id()).put("schema", v.schema()).put("deleted", v.deleted()));
        } else if (record instanceof RegistryRecord.Config c) {
            return bytes(JSON.createObjectNode().put("compatibilityLevel", c.level().name()));
        } else if (record instanceof RegistryRecord.IdHighWater h) {
            return bytes(JSON.createObjectNode().put("maxId", h.maxId()));
        }
        return null;
    }

    /**
     * The record of a key and value read from the topic.
     *
     * @throws IllegalArgumentException for a key this version does not know
     */
    public static RegistryRecord decode(byte[] keyBytes, byte[] valueBytes) {
        JsonNode key = parse(keyBytes);
        JsonNode value = valueBytes == null ? null : parse(valueBytes);
        String keytype = key.path("keytype").asText();
        switch (keytype) {
            case "SCHEMA": {
                String subject = key.path("subject").asText();
                int version = key.path("version").asInt();
                if (value == null) {
                    return new RegistryRecord.SchemaVersionRemoved(subject, version);
                }
                return new RegistryRecord.SchemaVersion(subject, version, value.path("id").asInt(),
                        value.path("schema").asText(), value.path("deleted").asBoolean(false));
            }
            case "CONFIG": {
                String subject = key.path("subject").isNull() ? null : key.path("subject").asText();
                if (value == null) {
                    return new RegistryRecord.ConfigRemoved(subject);
                }
                return new RegistryRecord.Config(subject, CompatibilityLevel.parse(value.path("compatibilityLevel").asText()));
            }
            case "ID_HIGH_WATER":
                return new RegistryRecord.IdHighWater(value == null ? 0 : value.path("maxId").asInt());
            default:
                throw new IllegalArgumentException("unknown registry record key type '" + keytype + "'");
        }
    }

    private static void schemaKey(ObjectNode key, String subject, int version) {
        key.put("keytype", "SCHEMA").put("subject", subject).put("version", version);
    }

    private static byte[] bytes(JsonNode node) {
        try {
            return JSON.writeValueAsBytes(node);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    private static JsonNode parse(byte[] bytes) {
        try {
            return JSON.readTree(bytes);
        } catch (IOException e) {
            throw new IllegalArgumentException("registry record is not JSON", e);
        }
    }
}
