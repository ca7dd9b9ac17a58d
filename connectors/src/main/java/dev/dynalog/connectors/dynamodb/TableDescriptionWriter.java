package dev.dynalog.connectors.dynamodb;

import com.fasterxml.jackson.core.JsonGenerator;
import dev.dynalog.core.index.IndexStatus;
import dev.dynalog.core.index.SecondaryIndex;
import dev.dynalog.core.model.BillingMode;
import dev.dynalog.core.model.KeyAttribute;
import dev.dynalog.core.model.RestoreSummary;
import dev.dynalog.core.model.TableDefinition;
import dev.dynalog.core.model.TableSettings;
import dev.dynalog.core.model.TableStatus;
import dev.dynalog.streams.state.TableStats;
import java.io.IOException;
import java.math.BigDecimal;
import java.util.List;
import java.util.function.Function;

/** Writes DynamoDB's TableDescription structure for a table. */
public final class TableDescriptionWriter {
    private final String region;
    private final String accountId;

    public TableDescriptionWriter(String region, String accountId) {
        this.region = region;
        this.accountId = accountId;
    }

    public String tableArn(String tableName) {
        return "arn:aws:dynamodb:" + region + ":" + accountId + ":table/" + tableName;
    }

    /** Writes the description object; {@code stats} is null while the table has no readable state. */
    public void write(JsonGenerator json, TableDefinition t, TableStats stats) throws IOException {
        write(json, t, stats, index -> null);
    }

    /**
     * Writes the description object with each index's ItemCount and IndexSizeBytes from
     * {@code indexStats} (null: not readable yet, reported as 0).
     */
    public void write(JsonGenerator json, TableDefinition t, TableStats stats,
                      Function<SecondaryIndex, TableStats> indexStats) throws IOException {
        json.writeStartObject();
        json.writeArrayFieldStart("AttributeDefinitions");
        for (KeyAttribute a : t.attributeDefinitions()) {
            json.writeStartObject();
            json.writeStringField("AttributeName", a.name());
            json.writeStringField("AttributeType", a.type().name());
            json.writeEndObject();
        }
        json.writeEndArray();
        json.writeStringField("TableName", t.name());
        json.writeArrayFieldStart("KeySchema");
        writeKeyElement(json, t.keySchema().partitionKey(), "HASH");
        if (t.keySchema().sortKey().isPresent()) {
            writeKeyElement(json, t.keySchema().sortKey().get(), "RANGE");
        }
        json.writeEndArray();
        json.writeStringField("TableStatus", t.status().name());
        BigDecimal created = BigDecimal.valueOf(t.creationTimeMillis(), 3);
        json.writeNumberField("CreationDateTime", created);
        json.writeObjectFieldStart("ProvisionedThroughput");
        json.writeNumberField("NumberOfDecreasesToday", 0);
        json.writeNumberField("ReadCapacityUnits", t.readCapacityUnits());
        json.writeNumberField("WriteCapacityUnits", t.writeCapacityUnits());
        json.writeEndObject();
        json.writeNumberField("TableSizeBytes", stats == null ? 0 : stats.sizeBytes());
        json.writeNumberField("ItemCount", stats == null ? 0 : stats.itemCount());
        json.writeStringField("TableArn", tableArn(t.name()));
        json.writeStringField("TableId", dashed(t.tableId()));
        if (t.billingMode() == BillingMode.PAY_PER_REQUEST) {
            json.writeObjectFieldStart("BillingModeSummary");
            json.writeStringField("BillingMode", "PAY_PER_REQUEST");
            json.writeNumberField("LastUpdateToPayPerRequestDateTime", created);
            json.writeEndObject();
        }
        writeIndexes(json, t, indexStats);
        StreamSpecifications.writeDescription(json, t.stream(), tableArn(t.name()));
        RestoreSummary restore = t.recovery().restore();
        if (restore != null) {
            json.writeObjectFieldStart("RestoreSummary");
            json.writeStringField("SourceTableArn", tableArn(restore.sourceTableName()));
            json.writeNumberField("RestoreDateTime", BigDecimal.valueOf(restore.restoreTimeMillis(), 3));
            json.writeBooleanField("RestoreInProgress", restore.inProgress());
            json.writeEndObject();
        }
        writeSettings(json, t);
        json.writeEndObject();
    }

    /**
     * The settings members. Encryption with a KMS key is reported as requested (Status ENABLED,
     * SSEType KMS and the key's ARN, built from the key id, alias or ARN the request named), so
     * that code and tools which check the setting see what they asked for; dynalog has no KMS and
     * encrypts nothing with that key: its data is as safe as the disks of its Kafka brokers and
     * nodes. The AWS owned key, DynamoDB's default, has no SSEDescription, as in DynamoDB.
     */
    private void writeSettings(JsonGenerator json, TableDefinition t) throws IOException {
        TableSettings s = t.settings();
        if (s.kmsEncrypted()) {
            json.writeObjectFieldStart("SSEDescription");
            json.writeStringField("Status", "ENABLED");
            json.writeStringField("SSEType", "KMS");
            json.writeStringField("KMSMasterKeyArn", kmsKeyArn(s.kmsMasterKeyId()));
            json.writeEndObject();
        }
        if (s.tableClass() != null) {
            json.writeObjectFieldStart("TableClassSummary");
            json.writeStringField("TableClass", s.tableClass().name());
            if (s.tableClassUpdateMillis() != 0) {
                json.writeNumberField("LastUpdateDateTime", BigDecimal.valueOf(s.tableClassUpdateMillis(), 3));
            }
            json.writeEndObject();
        }
        json.writeBooleanField("DeletionProtectionEnabled", s.deletionProtection());
        if (t.billingMode() == BillingMode.PAY_PER_REQUEST) {
            json.writeObjectFieldStart("OnDemandThroughput");
            json.writeNumberField("MaxReadRequestUnits", s.maxReadRequestUnits());
            json.writeNumberField("MaxWriteRequestUnits", s.maxWriteRequestUnits());
            json.writeEndObject();
        }
        json.writeObjectFieldStart("WarmThroughput");
        json.writeNumberField("ReadUnitsPerSecond", s.warmReadUnits());
        json.writeNumberField("WriteUnitsPerSecond", s.warmWriteUnits());
        json.writeStringField("Status", t.status().name());
        json.writeEndObject();
    }

    /** The ARN of a KMS key named by id, ARN, alias or alias ARN, in this node's region and account. */
    public String kmsKeyArn(String keyId) {
        if (keyId.startsWith("arn:")) {
            return keyId;
        }
        return "arn:aws:kms:" + region + ":" + accountId + ":" + (keyId.startsWith("alias/") ? keyId : "key/" + keyId);
    }

    private void writeIndexes(JsonGenerator json, TableDefinition t, Function<SecondaryIndex, TableStats> indexStats)
            throws IOException {
        List<SecondaryIndex> locals = t.indexes().locals();
        if (!locals.isEmpty()) {
            json.writeArrayFieldStart("LocalSecondaryIndexes");
            for (SecondaryIndex index : locals) {
                writeIndex(json, t, index, indexStats.apply(index));
            }
            json.writeEndArray();
        }
        List<SecondaryIndex> globals = t.indexes().globals();
        if (!globals.isEmpty()) {
            json.writeArrayFieldStart("GlobalSecondaryIndexes");
            for (SecondaryIndex index : globals) {
                writeIndex(json, t, index, indexStats.apply(index));
            }
            json.writeEndArray();
        }
    }

    private void writeIndex(JsonGenerator json, TableDefinition t, SecondaryIndex index, TableStats stats)
            throws IOException {
        json.writeStartObject();
        json.writeStringField("IndexName", index.name());
        json.writeArrayFieldStart("KeySchema");
        writeKeyElement(json, index.keySchema().partitionKey(), "HASH");
        if (index.keySchema().sortKey().isPresent()) {
            writeKeyElement(json, index.keySchema().sortKey().get(), "RANGE");
        }
        json.writeEndArray();
        json.writeObjectFieldStart("Projection");
        json.writeStringField("ProjectionType", index.projection().type().name());
        if (!index.projection().nonKeyAttributes().isEmpty()) {
            json.writeArrayFieldStart("NonKeyAttributes");
            for (String a : index.projection().nonKeyAttributes()) {
                json.writeString(a);
            }
            json.writeEndArray();
        }
        json.writeEndObject();
        if (index.isGlobal()) {
            IndexStatus status = t.status() == TableStatus.CREATING ? IndexStatus.CREATING : index.status();
            json.writeStringField("IndexStatus", status.name());
            if (index.backfilling()) {
                json.writeBooleanField("Backfilling", true);
            }
            json.writeObjectFieldStart("ProvisionedThroughput");
            json.writeNumberField("NumberOfDecreasesToday", 0);
            json.writeNumberField("ReadCapacityUnits", index.readCapacityUnits());
            json.writeNumberField("WriteCapacityUnits", index.writeCapacityUnits());
            json.writeEndObject();
        }
        json.writeNumberField("IndexSizeBytes", stats == null ? 0 : stats.sizeBytes());
        json.writeNumberField("ItemCount", stats == null ? 0 : stats.itemCount());
        json.writeStringField("IndexArn", tableArn(t.name()) + "/index/" + index.name());
        json.writeEndObject();
    }

    private static void writeKeyElement(JsonGenerator json, KeyAttribute a, String keyType) throws IOException {
        json.writeStartObject();
        json.writeStringField("AttributeName", a.name());
        json.writeStringField("KeyType", keyType);
        json.writeEndObject();
    }

    /** DynamoDB reports table ids as UUIDs. */
    private static String dashed(String hex) {
        return hex.substring(0, 8) + "-" + hex.substring(8, 12) + "-" + hex.substring(12, 16) + "-"
                + hex.substring(16, 20) + "-" + hex.substring(20);
    }
}
