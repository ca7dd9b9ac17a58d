package dev.dynalog.streams.catalog;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.dynalog.core.index.SecondaryIndexes;
import dev.dynalog.core.model.AttributeType;
import dev.dynalog.core.model.BillingMode;
import dev.dynalog.core.model.KeyAttribute;
import dev.dynalog.core.model.KeySchema;
import dev.dynalog.core.model.TableDefinition;
import dev.dynalog.core.model.TableRecovery;
import dev.dynalog.core.model.TableStatus;
import dev.dynalog.core.model.TableStream;
import dev.dynalog.core.model.TimeToLive;
import java.util.List;
import org.junit.jupiter.api.Test;

/** The catalog record of a table: what it keeps, and that older records still read. */
class TableDefinitionCodecTest {
    private static final KeySchema KEY = KeySchema.of(new KeyAttribute("id", AttributeType.S));
    private static final TableDefinition TABLE = new TableDefinition("Sessions", "0123456789abcdef0123456789abcdef",
            TableStatus.ACTIVE, 1_700_000_000_000L, KEY, List.of(KEY.partitionKey()), BillingMode.PAY_PER_REQUEST, 0, 0,
            4, TableStream.NONE, SecondaryIndexes.NONE, TableRecovery.NONE);

    @Test
    void theTimeToLiveSettingRoundTrips() {
        TableDefinition enabled = TABLE.withTimeToLive(TimeToLive.NONE.enable("expiresAt", 1_700_000_100_000L));
        TableDefinition disabled = enabled.withTimeToLive(enabled.timeToLive().disable(1_700_004_000_000L));

        assertThat(TableDefinitionCodec.decode(TableDefinitionCodec.encode(enabled))).isEqualTo(enabled);
        assertThat(TableDefinitionCodec.decode(TableDefinitionCodec.encode(disabled)).timeToLive())
                .isEqualTo(new TimeToLive("expiresAt", false, 1_700_004_000_000L));
    }

    @Test
    void aRecordWrittenBeforeTimeToLiveExistedReadsAsNeverEnabled() throws Exception {
        ObjectMapper json = new ObjectMapper();
        ObjectNode older = (ObjectNode) json.readTree(TableDefinitionCodec.encode(TABLE));
        older.remove("timeToLive");

        TableDefinition read = TableDefinitionCodec.decode(json.writeValueAsBytes(older));

        assertThat(read.timeToLive()).isEqualTo(TimeToLive.NONE);
        assertThat(read).isEqualTo(TABLE);
    }

    @Test
    void aTableWithoutTimeToLiveWritesNoTimeToLiveField() throws Exception {
        assertThat(new ObjectMapper().readTree(TableDefinitionCodec.encode(TABLE)).has("timeToLive")).isFalse();
    }
}
