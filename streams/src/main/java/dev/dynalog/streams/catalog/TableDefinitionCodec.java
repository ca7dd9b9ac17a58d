package dev.dynalog.streams.catalog;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.dynalog.core.model.AttributeType;
import dev.dynalog.core.model.BillingMode;
import dev.dynalog.core.model.KeyAttribute;
import dev.dynalog.core.model.KeySchema;
import dev.dynalog.core.model.StreamViewType;
import dev.dynalog.core.model.RestoreSummary;
import dev.dynalog.core.model.TableDefinition;
import dev.dynalog.core.model.TableClass;
import dev.dynalog.core.model.TableRecovery;
import dev.dynalog.core.model.TableSettings;
import dev.dynalog.core.model.TableStatus;
import dev.dynalog.core.model.TableStream;
import dev.dynalog.core.model.TimeToLive;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.TreeMap;

/**
 * A table definition as the value of its {@code _catalog} record: a JSON object, readable with any
 * Kafka tool. Fields are only ever added, with readers tolerating their absence.
 */
public final class TableDefinitionCodec {
    private static final ObjectMapper JSON = new ObjectMapper();

    private TableDefinitionCodec() {
    }

    public static byte[] encode(TableDefinition t) {
        ObjectNode o = JSON.createObjectNode();
        o.put("version", 1);
        o.put("name", t.name());
        o.put("tableId", t.tableId());
        o.put("status", t.status().name());
        o.put("creationTimeMillis", t.creationTimeMillis());
        o.set("partitionKey", keyAttribute(t.keySchema().partitionKey()));
        t.keySchema().sortKey().ifPresent(k -> o.set("sortKey", keyAttribute(k)));
        ArrayNode defs = o.putArray("attributeDefinitions");
        t.attributeDefinitions().forEach(a -> defs.add(keyAttribute(a)));
        o.put("billingMode", t.billingMode().name());
        o.put("readCapacityUnits", t.readCapacityUnits());
        o.put("writeCapacityUnits", t.writeCapacityUnits());
        o.put("partitions", t.partitions());
        if (t.stream().enabled()) {
            o.put("streamViewType", t.stream().viewType().name());
        }
        if (t.stream().latestLabel() != null) {
            o.put("latestStreamLabel", t.stream().latestLabel());
        }
        if (!t.stream().closed().isEmpty()) {
            ArrayNode closed = o.putArray("closedStreams");
            for (TableStream.Closed c : t.stream().closed()) {
                closed.addObject().put("label", c.label()).put("viewType", c.viewType().name())
                        .put("closedAtMillis", c.closedAtMillis());
            }
        }
        if (!t.indexes().isEmpty()) {
            o.set("indexes", SecondaryIndexesJson.write(JSON, t.indexes()));
        }
        if (t.recovery().pointInTimeRecovery()) {
            o.put("pointInTimeRecovery", true);
        }
        if (t.recovery().recoveryPeriodDays() != TableRecovery.DEFAULT_RECOVERY_PERIOD_DAYS) {
            o.put("recoveryPeriodDays", t.recovery().recoveryPeriodDays());
        }
        if (t.recovery().importSource() != null) {
            o.put("importSource", t.recovery().importSource());
        }
        RestoreSummary restore = t.recovery().restore();
        if (restore != null) {
            ObjectNode r = o.putObject("restore");
            r.put("sourceTableName", restore.sourceTableName());
            r.put("sourceTableId", restore.sourceTableId());
            r.put("restoreTimeMillis", restore.restoreTimeMillis());
            r.put("inProgress", restore.inProgress());
            ArrayNode start = r.putArray("cutStart");
            restore.cutStart().forEach(start::add);
            ArrayNode end = r.putArray("cutEnd");
            restore.cutEnd().forEach(end::add);
            if (restore.baseSnapshot() != null) {
                r.put("baseSnapshot", restore.baseSnapshot());
            }
        }
        if (!t.settings().equals(TableSettings.NONE)) {
            o.set("settings", settings(t.settings()));
        }
        TimeToLive ttl = t.timeToLive();
        if (!ttl.equals(TimeToLive.NONE)) {
            ObjectNode n = o.putObject("timeToLive");
            if (ttl.attributeName() != null) {
                n.put("attributeName", ttl.attributeName());
            }
            n.put("enabled", ttl.enabled());
            n.put("changedAtMillis", ttl.changedAtMillis());
        }
        try {
            return JSON.writeValueAsBytes(o);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    public static TableDefinition decode(byte[] bytes) {
        try {
            JsonNode o = JSON.readTree(bytes);
            List<KeyAttribute> defs = new ArrayList<>();
            o.path("attributeDefinitions").forEach(a -> defs.add(keyAttribute(a)));
            Optional<KeyAttribute> sortKey = o.has("sortKey") ? Optional.of(keyAttribute(o.get("sortKey"))) : Optional.empty();
            return new TableDefinition(
                    o.get("name").asText(),
                    o.get("tableId").asText(),
                    TableStatus.valueOf(o.get("status").asText()),
                    o.get("creationTimeMillis").asLong(),
                    new KeySchema(keyAttribute(o.get("partitionKey")), sortKey),
                    List.copyOf(defs),
                    BillingMode.valueOf(o.get("billingMode").asText()),
                    o.path("readCapacityUnits").asLong(),
                    o.path("writeCapacityUnits").asLong(),
                    o.get("partitions").asInt(),
                    new TableStream(
                            o.hasNonNull("streamViewType") ? StreamViewType.valueOf(o.get("streamViewType").asText()) : null,
                            o.hasNonNull("latestStreamLabel") ? o.get("latestStreamLabel").asText() : null,
                            closedStreams(o.get("closedStreams"))),
                    SecondaryIndexesJson.read(o.get("indexes")),
                    new TableRecovery(o.path("pointInTimeRecovery").asBoolean(false),
                            o.path("recoveryPeriodDays").asInt(TableRecovery.DEFAULT_RECOVERY_PERIOD_DAYS),
                            restore(o.get("restore")),
                            o.hasNonNull("importSource") ? o.get("importSource").asText() : null),
                    settings(o.get("settings")),
                    timeToLive(o.get("timeToLive")));
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    private static List<TableStream.Closed> closedStreams(JsonNode n) {
        List<TableStream.Closed> closed = new ArrayList<>();
        if (n != null) {
            n.forEach(c -> closed.add(new TableStream.Closed(c.get("label").asText(),
                    StreamViewType.valueOf(c.get("viewType").asText()), c.get("closedAtMillis").asLong())));
        }
        return closed;
    }

    /** A definition written before Time to Live existed has none: TTL was never enabled. */
    private static TimeToLive timeToLive(JsonNode n) {
        if (n == null || n.isNull()) {
            return TimeToLive.NONE;
        }
        return new TimeToLive(n.hasNonNull("attributeName") ? n.get("attributeName").asText() : null,
                n.path("enabled").asBoolean(false), n.path("changedAtMillis").asLong(0));
    }

    private static RestoreSummary restore(JsonNode r) {
        if (r == null) {
            return null;
        }
        List<Long> start = new ArrayList<>();
        r.path("cutStart").forEach(n -> start.add(n.asLong()));
        List<Long> end = new ArrayList<>();
        r.path("cutEnd").forEach(n -> end.add(n.asLong()));
        return new RestoreSummary(r.get("sourceTableName").asText(), r.get("sourceTableId").asText(),
                r.get("restoreTimeMillis").asLong(), r.get("inProgress").asBoolean(), start, end,
                r.hasNonNull("baseSnapshot") ? r.get("baseSnapshot").asText() : null);
    }

    /**
     * The {@code settings} object: each member only when it differs from {@link TableSettings#NONE},
     * so that a reader takes a missing member (or a missing object) for the default.
     */
    private static ObjectNode settings(TableSettings s) {
        ObjectNode n = JSON.createObjectNode();
        if (!s.tags().isEmpty()) {
            ObjectNode tags = n.putObject("tags");
            s.tags().forEach(tags::put);
        }
        if (s.tableClass() != null) {
            n.put("tableClass", s.tableClass().name());
        }
        if (s.tableClassUpdateMillis() != 0) {
            n.put("tableClassUpdateMillis", s.tableClassUpdateMillis());
        }
        if (s.deletionProtection()) {
            n.put("deletionProtection", true);
        }
        if (s.kmsMasterKeyId() != null) {
            n.put("kmsMasterKeyId", s.kmsMasterKeyId());
        }
        if (s.maxReadRequestUnits() != TableSettings.NO_MAXIMUM) {
            n.put("maxReadRequestUnits", s.maxReadRequestUnits());
        }
        if (s.maxWriteRequestUnits() != TableSettings.NO_MAXIMUM) {
            n.put("maxWriteRequestUnits", s.maxWriteRequestUnits());
        }
        if (s.warmReadUnitsPerSecond() != 0) {
            n.put("warmReadUnitsPerSecond", s.warmReadUnitsPerSecond());
        }
        if (s.warmWriteUnitsPerSecond() != 0) {
            n.put("warmWriteUnitsPerSecond", s.warmWriteUnitsPerSecond());
        }
        return n;
    }

    private static TableSettings settings(JsonNode n) {
        if (n == null) {
            return TableSettings.NONE;
        }
        TreeMap<String, String> tags = new TreeMap<>();
        n.path("tags").fields().forEachRemaining(e -> tags.put(e.getKey(), e.getValue().asText()));
        return new TableSettings(tags,
                n.hasNonNull("tableClass") ? TableClass.valueOf(n.get("tableClass").asText()) : null,
                n.path("tableClassUpdateMillis").asLong(0),
                n.path("deletionProtection").asBoolean(false),
                n.hasNonNull("kmsMasterKeyId") ? n.get("kmsMasterKeyId").asText() : null,
                n.path("maxReadRequestUnits").asLong(TableSettings.NO_MAXIMUM),
                n.path("maxWriteRequestUnits").asLong(TableSettings.NO_MAXIMUM),
                n.path("warmReadUnitsPerSecond").asLong(0),
                n.path("warmWriteUnitsPerSecond").asLong(0));
    }

    private static ObjectNode keyAttribute(KeyAttribute a) {
        ObjectNode n = JSON.createObjectNode();
        n.put("name", a.name());
        n.put("type", a.type().name());
        return n;
    }

    private static KeyAttribute keyAttribute(JsonNode n) {
        return new KeyAttribute(n.get("name").asText(), AttributeType.valueOf(n.get("type").asText()));
    }
}
