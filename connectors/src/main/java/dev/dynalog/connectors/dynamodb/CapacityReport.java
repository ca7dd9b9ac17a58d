package dev.dynalog.connectors.dynamodb;

import com.fasterxml.jackson.core.JsonGenerator;
import java.io.IOException;
import java.util.Collection;
import java.util.Comparator;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;

/**
 * The ReturnConsumedCapacity member: whether a response carries ConsumedCapacity, and in how much
 * detail. The shape is DynamoDB Local 2.6.1's: TOTAL gives {@code {TableName, CapacityUnits}},
 * INDEXES adds {@code Table: {CapacityUnits}} and, for indexes the request touched,
 * {@code GlobalSecondaryIndexes}/{@code LocalSecondaryIndexes: {name: {CapacityUnits}}}.
 * Numbers are written as decimals (1.0, 0.5), as DynamoDB writes them.
 */
public enum CapacityReport {
    NONE, TOTAL, INDEXES;

    /** The model's values, in its order (the order DynamoDB lists them in constraint messages). */
    public static final List<String> VALUES = List.of("INDEXES", "TOTAL", "NONE");
    static final String MEMBER = "ReturnConsumedCapacity";

    /** The request's choice, NONE when absent; an unknown value is recorded as a constraint violation. */
    public static CapacityReport read(RequestFields f) {
        String value = f.enumValue(MEMBER, VALUES);
        return value == null || !VALUES.contains(value) ? NONE : valueOf(value);
    }

    /** Writes {@code "ConsumedCapacity": {...}} unless the request asked for none. */
    public void write(JsonGenerator json, ConsumedCapacity consumed) throws IOException {
        if (this == NONE) {
            return;
        }
        json.writeFieldName("ConsumedCapacity");
        writeObject(json, consumed);
    }

    /**
     * Writes {@code "ConsumedCapacity": [...]}, one entry per table, for BatchGetItem and
     * BatchWriteItem. Entries are in table-name order, as DynamoDB Local lists them; DynamoDB
     * promises no order.
     */
    public void writeList(JsonGenerator json, Collection<ConsumedCapacity> consumed) throws IOException {
        if (this == NONE) {
            return;
        }
        json.writeArrayFieldStart("ConsumedCapacity");
        for (ConsumedCapacity c : consumed.stream().sorted(Comparator.comparing(ConsumedCapacity::tableName)).toList()) {
            writeObject(json, c);
        }
        json.writeEndArray();
    }

    private void writeObject(JsonGenerator json, ConsumedCapacity consumed) throws IOException {
        json.writeStartObject();
        json.writeStringField("TableName", consumed.tableName());
        json.writeNumberField("CapacityUnits", consumed.totalUnits());
        if (this == INDEXES) {
            json.writeObjectFieldStart("Table");
            json.writeNumberField("CapacityUnits", consumed.tableUnits());
            json.writeEndObject();
            writeIndexes(json, "LocalSecondaryIndexes", consumed.localSecondaryIndexes());
            writeIndexes(json, "GlobalSecondaryIndexes", consumed.globalSecondaryIndexes());
        }
        json.writeEndObject();
    }

    private static void writeIndexes(JsonGenerator json, String member, Map<String, Double> indexes) throws IOException {
        if (indexes.isEmpty()) {
            return;
        }
        json.writeObjectFieldStart(member);
        for (Map.Entry<String, Double> e : new TreeMap<>(indexes).entrySet()) {
            json.writeObjectFieldStart(e.getKey());
            json.writeNumberField("CapacityUnits", e.getValue());
            json.writeEndObject();
        }
        json.writeEndObject();
    }
}
