package dev.dynalog.connectors.dynamodb;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.fasterxml.jackson.databind.ObjectMapper;
import dev.dynalog.core.error.DynamoDbException;
import dev.dynalog.core.index.SecondaryIndexes;
import dev.dynalog.core.model.AttributeType;
import dev.dynalog.core.model.BillingMode;
import dev.dynalog.core.model.KeyAttribute;
import dev.dynalog.core.model.KeySchema;
import dev.dynalog.core.model.TableClass;
import dev.dynalog.core.model.TableDefinition;
import dev.dynalog.core.model.TableRecovery;
import dev.dynalog.core.model.TableSettings;
import dev.dynalog.core.model.TableStatus;
import dev.dynalog.core.model.TableStream;
import java.util.List;
import org.junit.jupiter.api.Test;

class TableSettingsMembersTest {
    private static final ObjectMapper JSON = new ObjectMapper();
    private static final KeyAttribute ID = new KeyAttribute("id", AttributeType.S);

    private static TableSettingsMembers members(String requestJson) throws Exception {
        RequestFields f = new RequestFields(JSON.readTree(requestJson));
        TableSettingsMembers members = TableSettingsMembers.read(f, true);
        f.check();
        return members;
    }

    private static TableSettings newTable(String requestJson, BillingMode mode) throws Exception {
        return members(requestJson).forNewTable(mode);
    }

    private static TableDefinition table(BillingMode mode, TableSettings settings) {
        return new TableDefinition("t", "0123456789abcdef0123456789abcdef", TableStatus.ACTIVE, 0, KeySchema.of(ID),
                List.of(ID), mode, 0, 0, 4, TableStream.NONE, SecondaryIndexes.NONE, TableRecovery.NONE, settings);
    }

    @Test
    void aTableCreatedWithoutSettingsHasDynamoDbsDefaults() throws Exception {
        TableSettings s = newTable("{}", BillingMode.PAY_PER_REQUEST);

        assertThat(s).isEqualTo(TableSettings.NONE);
        assertThat(s.kmsEncrypted()).isFalse();
        assertThat(s.warmReadUnits()).isEqualTo(12_000);
        assertThat(s.warmWriteUnits()).isEqualTo(4_000);
        assertThat(members("{}").any()).isFalse();
    }

    @Test
    void createTableSetsTheClassProtectionTagsAndThroughputs() throws Exception {
        TableSettings s = newTable("""
                {"TableClass":"STANDARD_INFREQUENT_ACCESS","DeletionProtectionEnabled":true,
                 "Tags":[{"Key":"env","Value":"prod"}],"OnDemandThroughput":{"MaxReadRequestUnits":100},
                 "WarmThroughput":{"ReadUnitsPerSecond":13000,"WriteUnitsPerSecond":5000}}""", BillingMode.PAY_PER_REQUEST);

        assertThat(s.tableClass()).isEqualTo(TableClass.STANDARD_INFREQUENT_ACCESS);
        assertThat(s.tableClassUpdateMillis()).isZero();
        assertThat(s.deletionProtection()).isTrue();
        assertThat(s.tags()).containsExactly(java.util.Map.entry("env", "prod"));
        assertThat(s.maxReadRequestUnits()).isEqualTo(100);
        assertThat(s.maxWriteRequestUnits()).isEqualTo(TableSettings.NO_MAXIMUM);
        assertThat(s.warmReadUnits()).isEqualTo(13_000);
        assertThat(s.warmWriteUnits()).isEqualTo(5_000);
    }

    @Test
    void encryptionWithKmsUsesTheNamedKeyOrDynamoDbsManagedKey() throws Exception {
        assertThat(newTable("{\"SSESpecification\":{\"Enabled\":true}}", BillingMode.PAY_PER_REQUEST).kmsMasterKeyId())
                .isEqualTo("alias/aws/dynamodb");
        assertThat(newTable("{\"SSESpecification\":{\"Enabled\":true,\"SSEType\":\"KMS\",\"KMSMasterKeyId\":\"alias/mine\"}}",
                BillingMode.PAY_PER_REQUEST).kmsMasterKeyId()).isEqualTo("alias/mine");
        assertThat(newTable("{\"SSESpecification\":{\"Enabled\":false}}", BillingMode.PAY_PER_REQUEST).kmsEncrypted())
                .isFalse();
    }

    @Test
    void anUnknownTableClassIsAConstraintViolation() {
        assertThatThrownBy(() -> members("{\"TableClass\":\"GLACIER\"}"))
                .isInstanceOf(DynamoDbException.class)
                .hasMessage("1 validation error detected: Value 'GLACIER' at 'tableClass' failed to satisfy constraint: "
                        + "Member must satisfy enum value set: [STANDARD, STANDARD_INFREQUENT_ACCESS]");
    }

    @Test
    void updatingTheClassRecordsWhenAndTurningProtectionOffKeepsTheRest() throws Exception {
        TableDefinition current = table(BillingMode.PAY_PER_REQUEST,
                TableSettings.NONE.withDeletionProtection(true).withTags(java.util.Map.of("k", "v")));

        TableSettings after = members("{\"TableClass\":\"STANDARD\",\"DeletionProtectionEnabled\":false}")
                .change(current, BillingMode.PAY_PER_REQUEST, 1234).apply(current.settings());

        assertThat(after.tableClass()).isEqualTo(TableClass.STANDARD);
        assertThat(after.tableClassUpdateMillis()).isEqualTo(1234);
        assertThat(after.deletionProtection()).isFalse();
        assertThat(after.tags()).containsKey("k");
    }

    @Test
    void aTableThatLeavesOnDemandModeLosesItsOnDemandMaximums() throws Exception {
        TableDefinition current = table(BillingMode.PAY_PER_REQUEST, TableSettings.NONE.withOnDemandThroughput(10, 20));

        TableSettings after = members("{}").change(current, BillingMode.PROVISIONED, 0).apply(current.settings());

        assertThat(after.maxReadRequestUnits()).isEqualTo(TableSettings.NO_MAXIMUM);
        assertThat(after.maxWriteRequestUnits()).isEqualTo(TableSettings.NO_MAXIMUM);
    }

    @Test
    void anOnDemandMaximumIsAtLeastOneOrMinusOneToRemoveIt() throws Exception {
        TableDefinition current = table(BillingMode.PAY_PER_REQUEST, TableSettings.NONE.withOnDemandThroughput(10, 20));

        TableSettings removed = members("{\"OnDemandThroughput\":{\"MaxReadRequestUnits\":-1}}")
                .change(current, BillingMode.PAY_PER_REQUEST, 0).apply(current.settings());

        assertThat(removed.maxReadRequestUnits()).isEqualTo(TableSettings.NO_MAXIMUM);
        assertThat(removed.maxWriteRequestUnits()).isEqualTo(20);
        assertThatThrownBy(() -> members("{\"OnDemandThroughput\":{\"MaxReadRequestUnits\":0}}")
                .change(current, BillingMode.PAY_PER_REQUEST, 0))
                .isInstanceOf(DynamoDbException.class).hasMessage("One or more parameter values were invalid: Requested "
                        + "MaxReadRequestUnits for OnDemandThroughput for table is outside of valid range");
    }

    @Test
    void warmThroughputOnlyGrows() throws Exception {
        TableDefinition current = table(BillingMode.PAY_PER_REQUEST, TableSettings.NONE.withWarmThroughput(20_000, 0));

        assertThatThrownBy(() -> members("{\"WarmThroughput\":{\"ReadUnitsPerSecond\":15000}}")
                .change(current, BillingMode.PAY_PER_REQUEST, 0))
                .isInstanceOf(DynamoDbException.class).hasMessageContaining("ReadUnitsPerSecond");
        TableSettings grown = members("{\"WarmThroughput\":{\"WriteUnitsPerSecond\":6000}}")
                .change(current, BillingMode.PAY_PER_REQUEST, 0).apply(current.settings());
        assertThat(grown.warmReadUnits()).isEqualTo(20_000);
        assertThat(grown.warmWriteUnits()).isEqualTo(6_000);
    }
}
