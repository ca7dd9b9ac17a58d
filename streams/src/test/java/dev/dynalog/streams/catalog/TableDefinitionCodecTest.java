package dev.dynalog.streams.catalog;

import static org.assertj.core.api.Assertions.assertThat;

import dev.dynalog.core.index.SecondaryIndexes;
import dev.dynalog.core.model.AttributeType;
import dev.dynalog.core.model.BillingMode;
import dev.dynalog.core.model.KeyAttribute;
import dev.dynalog.core.model.KeySchema;
import dev.dynalog.core.model.StreamViewType;
import dev.dynalog.core.model.TableClass;
import dev.dynalog.core.model.TableDefinition;
import dev.dynalog.core.model.TableRecovery;
import dev.dynalog.core.model.TableSettings;
import dev.dynalog.core.model.TableStatus;
import dev.dynalog.core.model.TableStream;
import dev.dynalog.core.model.TimeToLive;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

class TableDefinitionCodecTest {
    private static final KeyAttribute ID = new KeyAttribute("id", AttributeType.S);
    private static final TableDefinition PLAIN = new TableDefinition("t", "0123456789abcdef0123456789abcdef",
            TableStatus.ACTIVE, 1_700_000_000_000L, KeySchema.of(ID), List.of(ID), BillingMode.PAY_PER_REQUEST, 0, 0,
            4, TableStream.NONE, SecondaryIndexes.NONE, TableRecovery.NONE);

    @Test
    void everySettingSurvivesTheCatalogRecord() {
        TableSettings settings = TableSettings.NONE
                .withTags(Map.of("env", "prod", "team", ""))
                .withTableClass(TableClass.STANDARD_INFREQUENT_ACCESS, 1_700_000_123_456L)
                .withDeletionProtection(true)
                .withKmsMasterKey("alias/mine")
                .withOnDemandThroughput(100, TableSettings.NO_MAXIMUM)
                .withWarmThroughput(15_000, 0);
        TableDefinition table = PLAIN.withSettings(settings);

        assertThat(TableDefinitionCodec.decode(TableDefinitionCodec.encode(table))).isEqualTo(table);
    }

    @Test
    void aTableWithDefaultSettingsWritesNoSettingsObject() {
        String json = new String(TableDefinitionCodec.encode(PLAIN), StandardCharsets.UTF_8);

        assertThat(json).doesNotContain("settings");
        assertThat(TableDefinitionCodec.decode(TableDefinitionCodec.encode(PLAIN)).settings()).isEqualTo(TableSettings.NONE);
    }

    @Test
    void aRecordWrittenBeforeSettingsExistedReadsAsDefaultSettings() {
        String older = "{\"version\":1,\"name\":\"t\",\"tableId\":\"0123456789abcdef0123456789abcdef\",\"status\":\"ACTIVE\","
                + "\"creationTimeMillis\":1700000000000,\"partitionKey\":{\"name\":\"id\",\"type\":\"S\"},"
                + "\"attributeDefinitions\":[{\"name\":\"id\",\"type\":\"S\"}],\"billingMode\":\"PAY_PER_REQUEST\","
                + "\"readCapacityUnits\":0,\"writeCapacityUnits\":0,\"partitions\":4}";

        TableDefinition decoded = TableDefinitionCodec.decode(older.getBytes(StandardCharsets.UTF_8));

        assertThat(decoded.settings()).isEqualTo(TableSettings.NONE);
        assertThat(decoded.settings().deletionProtection()).isFalse();
        assertThat(decoded.settings().tags()).isEmpty();
    }

    @Test
    void onlyTheSettingsThatDifferFromTheDefaultsAreWritten() {
        TableDefinition protectedTable = PLAIN.withSettings(TableSettings.NONE.withDeletionProtection(true));

        String json = new String(TableDefinitionCodec.encode(protectedTable), StandardCharsets.UTF_8);

        assertThat(json).contains("\"settings\":{\"deletionProtection\":true}");
    }

    @Test
    void streamsDisabledAndEnabledAgainSurviveTheCatalogRecord() {
        TableStream stream = new TableStream(StreamViewType.NEW_IMAGE, "2026-12-04T02:00:00.000")
                .disabled(1_000)
                .enabledAgain(StreamViewType.KEYS_ONLY, "2026-12-04T03:00:00.000", 2_000);
        TableDefinition table = PLAIN.withStream(stream);

        assertThat(TableDefinitionCodec.decode(TableDefinitionCodec.encode(table)).stream()).isEqualTo(stream);
    }

    @Test
    void aTableWhoseStreamWasNeverDisabledWritesNoDisabledStreams() {
        TableDefinition table = PLAIN.withStream(new TableStream(StreamViewType.NEW_IMAGE, "l"));

        String json = new String(TableDefinitionCodec.encode(table), StandardCharsets.UTF_8);

        assertThat(json).doesNotContain("closedStreams");
        assertThat(TableDefinitionCodec.decode(TableDefinitionCodec.encode(table)).stream().closed()).isEmpty();
    }

    @Test
    void theTimeToLiveSettingRoundTrips() {
        TableDefinition enabled = PLAIN.withTimeToLive(TimeToLive.NONE.enable("expiresAt", 1_700_000_100_000L));
        TableDefinition disabled = enabled.withTimeToLive(enabled.timeToLive().disable(1_700_004_000_000L));

        assertThat(TableDefinitionCodec.decode(TableDefinitionCodec.encode(enabled))).isEqualTo(enabled);
        assertThat(TableDefinitionCodec.decode(TableDefinitionCodec.encode(disabled)).timeToLive())
                .isEqualTo(new TimeToLive("expiresAt", false, 1_700_004_000_000L));
    }

    @Test
    void aTableWithoutTimeToLiveWritesNoTimeToLiveFieldAndReadsAsNeverEnabled() throws Exception {
        assertThat(new ObjectMapper().readTree(TableDefinitionCodec.encode(PLAIN)).has("timeToLive")).isFalse();
        assertThat(TableDefinitionCodec.decode(TableDefinitionCodec.encode(PLAIN)).timeToLive()).isEqualTo(TimeToLive.NONE);
    }
}
