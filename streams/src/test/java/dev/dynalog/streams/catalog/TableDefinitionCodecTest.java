package dev.dynalog.streams.catalog;

import static org.assertj.core.api.Assertions.assertThat;

import dev.dynalog.core.index.SecondaryIndexes;
import dev.dynalog.core.model.AttributeType;
import dev.dynalog.core.model.BillingMode;
import dev.dynalog.core.model.KeyAttribute;
import dev.dynalog.core.model.KeySchema;
import dev.dynalog.core.model.StreamViewType;
import dev.dynalog.core.model.TableDefinition;
import dev.dynalog.core.model.TableRecovery;
import dev.dynalog.core.model.TableStatus;
import dev.dynalog.core.model.TableStream;
import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.Optional;
import org.junit.jupiter.api.Test;

class TableDefinitionCodecTest {
    private static final KeyAttribute ID = new KeyAttribute("id", AttributeType.S);

    @Test
    void streamsDisabledAndEnabledAgainSurviveTheCatalogRecord() {
        TableStream stream = new TableStream(StreamViewType.NEW_IMAGE, "2026-12-04T02:00:00.000")
                .disabled(1_000)
                .enabledAgain(StreamViewType.KEYS_ONLY, "2026-12-04T03:00:00.000", 2_000);

        TableDefinition decoded = TableDefinitionCodec.decode(TableDefinitionCodec.encode(table(stream)));

        assertThat(decoded.stream()).isEqualTo(stream);
    }

    @Test
    void aRecordWrittenBeforeStreamsWereKeptHasNoDisabledStreams() {
        byte[] encoded = TableDefinitionCodec.encode(table(new TableStream(StreamViewType.NEW_IMAGE, "l")));
        String json = new String(encoded, StandardCharsets.UTF_8);
        assertThat(json).doesNotContain("closedStreams");

        assertThat(TableDefinitionCodec.decode(encoded).stream().closed()).isEmpty();
    }

    private static TableDefinition table(TableStream stream) {
        return new TableDefinition("t", "0123456789abcdef0123456789abcdef", TableStatus.ACTIVE, 0,
                new KeySchema(ID, Optional.empty()), List.of(ID), BillingMode.PAY_PER_REQUEST, 0, 0, 4,
                stream, SecondaryIndexes.NONE, TableRecovery.NONE);
    }
}
