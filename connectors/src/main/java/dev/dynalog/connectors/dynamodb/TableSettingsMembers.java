package dev.dynalog.connectors.dynamodb;

import com.fasterxml.jackson.databind.JsonNode;
import dev.dynalog.core.error.Errors;
import dev.dynalog.core.model.BillingMode;
import dev.dynalog.core.model.TableClass;
import dev.dynalog.core.model.TableDefinition;
import dev.dynalog.core.model.TableSettings;
import java.util.List;
import java.util.Map;
import java.util.function.UnaryOperator;

/**
 * The members of CreateTable and UpdateTable that set a table's {@link TableSettings}:
 * SSESpecification, TableClass, DeletionProtectionEnabled, OnDemandThroughput and WarmThroughput
 * (and CreateTable's Tags), with DynamoDB's constraints. {@link #read} collects the constraint
 * violations with the rest of the request's; {@link #forNewTable} and {@link #change} check the
 * members against the table.
 *
 * @param tags               CreateTable's Tags, or null
 * @param tableClass         TableClass, or null
 * @param deletionProtection DeletionProtectionEnabled, or null
 * @param sse                SSESpecification, or null
 * @param onDemand           OnDemandThroughput, or null
 * @param warm               WarmThroughput, or null
 */
public record TableSettingsMembers(List<TagLists.Tag> tags, TableClass tableClass, Boolean deletionProtection,
                                   Encryption sse, Throughput onDemand, Throughput warm) {

    /** SSESpecification: Enabled (absent is false), SSEType and KMSMasterKeyId as given. */
    public record Encryption(boolean enabled, String sseType, String kmsMasterKeyId) {
    }

    /** A pair of read and write figures of which either may be absent (null). */
    public record Throughput(Long read, Long write) {
    }

    /** Reads the members, recording constraint violations in {@code f}; {@code withTags} for CreateTable. */
    public static TableSettingsMembers read(RequestFields f, boolean withTags) {
        List<TagLists.Tag> tags = withTags ? TagLists.read(f, "Tags") : null;
        List<String> classes = List.of("STANDARD", "STANDARD_INFREQUENT_ACCESS");
        String tableClass = f.enumValue("TableClass", classes);
        Boolean deletionProtection = f.has("DeletionProtectionEnabled")
                ? f.bool("DeletionProtectionEnabled", false) : null;
        Encryption sse = null;
        JsonNode sseNode = f.node("SSESpecification");
        if (sseNode != null) {
            RequestFields s = f.nested(object(sseNode), "sSESpecification");
            sse = new Encryption(s.bool("Enabled", false), s.enumValue("SSEType", List.of("AES256", "KMS")),
                    s.string("KMSMasterKeyId"));
        }
        // An unknown class is a violation already, reported by the caller's check.
        TableClass known = tableClass != null && classes.contains(tableClass) ? TableClass.valueOf(tableClass) : null;
        return new TableSettingsMembers(tags, known, deletionProtection, sse,
                throughput(f, "OnDemandThroughput", "MaxReadRequestUnits", "MaxWriteRequestUnits"),
                throughput(f, "WarmThroughput", "ReadUnitsPerSecond", "WriteUnitsPerSecond"));
    }

    /** Whether the request has any of these members (UpdateTable needs one change at least). */
    public boolean any() {
        return tags != null || tableClass != null || deletionProtection != null || sse != null || onDemand != null
                || warm != null;
    }

    /** The settings of a new table, created with billing mode {@code mode}. */
    public TableSettings forNewTable(BillingMode mode) {
        TableSettings s = TableSettings.NONE;
        if (tags != null) {
            Map<String, String> byKey = TagLists.byKey(tags);
            s = s.withTags(TagLists.merged(Map.of(), byKey));
        }
        return change(s, mode, 0).apply(s);
    }

    /**
     * The change these members make to {@code table}'s settings, where the request leaves the
     * table with billing mode {@code mode}; checked against the table's settings now. A table
     * that leaves on-demand mode loses its OnDemandThroughput, which only on-demand tables have.
     */
    public UnaryOperator<TableSettings> change(TableDefinition table, BillingMode mode, long now) {
        UnaryOperator<TableSettings> change = change(table.settings(), mode, now);
        if (mode == BillingMode.PROVISIONED && onDemand == null) {
            return s -> change.apply(s).withOnDemandThroughput(TableSettings.NO_MAXIMUM, TableSettings.NO_MAXIMUM);
        }
        return change;
    }

    private UnaryOperator<TableSettings> change(TableSettings current, BillingMode mode, long now) {
        UnaryOperator<TableSettings> change = UnaryOperator.identity();
        if (tableClass != null) {
            change = then(change, s -> s.withTableClass(tableClass, now));
        }
        if (deletionProtection != null) {
            boolean enabled = deletionProtection;
            change = then(change, s -> s.withDeletionProtection(enabled));
        }
        if (sse != null) {
            String key = encryptionKey(sse);
            change = then(change, s -> s.withKmsMasterKey(key));
        }
        if (onDemand != null) {
            if (mode != BillingMode.PAY_PER_REQUEST) {
                throw Errors.validation("One or more parameter values were invalid: OnDemandThroughput can only be "
                        + "specified when BillingMode is PAY_PER_REQUEST");
            }
            if (onDemand.read() == null && onDemand.write() == null) {
                throw Errors.validation("One or more parameter values were invalid: OnDemandThroughput must specify "
                        + "MaxReadRequestUnits, MaxWriteRequestUnits, or both");
            }
            long read = maximum(onDemand.read(), "MaxReadRequestUnits", current.maxReadRequestUnits());
            long write = maximum(onDemand.write(), "MaxWriteRequestUnits", current.maxWriteRequestUnits());
            change = then(change, s -> s.withOnDemandThroughput(read, write));
        }
        if (warm != null) {
            long read = warm(warm.read(), "ReadUnitsPerSecond", current.warmReadUnits(), current.warmReadUnitsPerSecond());
            long write = warm(warm.write(), "WriteUnitsPerSecond", current.warmWriteUnits(),
                    current.warmWriteUnitsPerSecond());
            change = then(change, s -> s.withWarmThroughput(read, write));
        }
        return change;
    }

    /** The KMS key an SSESpecification asks for: null for the AWS owned key. */
    private static String encryptionKey(Encryption sse) {
        if (!sse.enabled()) {
            if (sse.kmsMasterKeyId() != null || sse.sseType() != null) {
                throw Errors.validation("One or more parameter values were invalid: SSEType and KMSMasterKeyId can "
                        + "only be specified when SSESpecification Enabled is true");
            }
            return null;
        }
        if ("AES256".equals(sse.sseType())) {
            throw Errors.validation("One or more parameter values were invalid: SSEType AES256 is not supported; "
                    + "use KMS");
        }
        return sse.kmsMasterKeyId() == null ? TableSettings.AWS_MANAGED_KEY : sse.kmsMasterKeyId();
    }

    /**
     * An OnDemandThroughput maximum: at least 1, or -1 to remove it (DynamoDB Local's message for
     * others); absent keeps {@code current}.
     */
    private static long maximum(Long requested, String member, long current) {
        if (requested == null) {
            return current;
        }
        if (requested != TableSettings.NO_MAXIMUM && requested < 1) {
            throw Errors.validation("One or more parameter values were invalid: Requested " + member
                    + " for OnDemandThroughput for table is outside of valid range");
        }
        return requested;
    }

    /** A WarmThroughput figure: warm throughput only grows, from DynamoDB's default; absent keeps {@code stored}. */
    private static long warm(Long requested, String member, long effective, long stored) {
        if (requested == null) {
            return stored;
        }
        if (requested < effective) {
            throw Errors.validation("One or more parameter values were invalid: Requested " + member + " for "
                    + "WarmThroughput is lower than the table's current warm throughput. Requested: " + requested
                    + ". Current: " + effective + ".");
        }
        return requested;
    }

    private static UnaryOperator<TableSettings> then(UnaryOperator<TableSettings> first, UnaryOperator<TableSettings> next) {
        return s -> next.apply(first.apply(s));
    }

    private static Throughput throughput(RequestFields f, String member, String readMember, String writeMember) {
        JsonNode n = f.node(member);
        if (n == null) {
            return null;
        }
        JsonNode o = object(n);
        return new Throughput(longValue(o, readMember), longValue(o, writeMember));
    }

    private static Long longValue(JsonNode structure, String member) {
        JsonNode n = structure.get(member);
        if (n == null || n.isNull()) {
            return null;
        }
        if (!n.isIntegralNumber()) {
            throw Errors.serialization("Unexpected value type in payload");
        }
        return n.longValue();
    }

    private static JsonNode object(JsonNode n) {
        if (!n.isObject()) {
            throw Errors.serialization("Unexpected value type in payload");
        }
        return n;
    }
}
