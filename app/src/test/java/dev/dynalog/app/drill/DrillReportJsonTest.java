package dev.dynalog.app.drill;

import static dev.dynalog.app.drill.SampleStatuses.COMPLETED;
import static dev.dynalog.app.drill.SampleStatuses.run;
import static dev.dynalog.app.drill.SampleStatuses.status;
import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.dynalog.app.drill.DrillReport.DrillRun;
import dev.dynalog.app.drill.DrillReport.ScratchTable;
import dev.dynalog.app.drill.DrillReport.ScratchTableFate;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;

/** The JSON report as a program reads it: the shape DrillReport documents. */
class DrillReportJsonTest {
    private static final ObjectMapper JSON = new ObjectMapper();

    private static JsonNode render(DrillReport report) throws Exception {
        return JSON.readTree(DrillReportJson.render(report));
    }

    private static List<String> fieldNames(JsonNode node) {
        List<String> names = new ArrayList<>();
        node.fieldNames().forEachRemaining(names::add);
        return names;
    }

    @Test
    void aReportHasTheDocumentedTopLevelFieldsInOrder() throws Exception {
        JsonNode report = render(DrillReport.of(run(ScratchTableFate.DELETED), status(COMPLETED), null));

        assertThat(fieldNames(report)).containsExactly("formatVersion", "outcome", "drillTime", "sourceTable",
                "scratchTable", "status", "failureMessage", "recoveryPoint", "recoveryTime", "table", "indexes",
                "verification", "settingsNotCarriedOver", "cut", "restoreStatus");
        assertThat(report.get("formatVersion").asInt()).isEqualTo(1);
    }

    @Test
    void aCompletedDrillGivesItsOutcomePointsTimesAndSizes() throws Exception {
        JsonNode report = render(DrillReport.of(run(ScratchTableFate.DELETED), status(COMPLETED), null));

        assertThat(report.get("outcome").asText()).isEqualTo("MATCH");
        assertThat(report.get("drillTime").asText()).isEqualTo("2025-12-03T09:43:21Z");
        assertThat(report.at("/scratchTable/name").asText()).isEqualTo("orders-drill-20251203-094321");
        assertThat(report.at("/scratchTable/fate").asText()).isEqualTo("DELETED");
        assertThat(report.at("/recoveryPoint/requested").asText()).isEqualTo("2025-12-03T09:43:20.123Z");
        assertThat(report.at("/recoveryPoint/achieved").asText()).isEqualTo("2025-12-03T09:43:19.870Z");
        assertThat(report.at("/recoveryPoint/differenceMillis").asLong()).isEqualTo(-253);
        assertThat(report.at("/recoveryTime/wallClockMillis").asLong()).isEqualTo(8600);
        assertThat(report.at("/recoveryTime/nodeMillis").asLong()).isEqualTo(8500);
        assertThat(report.at("/recoveryTime/firstItemReadableMillis").asLong()).isEqualTo(3200);
        assertThat(report.at("/recoveryTime/itemsPerSecond").asDouble()).isBetween(294.1, 294.2);
        assertThat(report.at("/recoveryTime/commandsReplayedPerSecond").asDouble()).isBetween(529.4, 529.5);
        assertThat(report.at("/table/itemCount").asLong()).isEqualTo(2500);
        assertThat(report.at("/indexes/1/indexName").asText()).isEqualTo("byDate");
        assertThat(report.at("/indexes/1/type").asText()).isEqualTo("LSI");
        assertThat(report.get("settingsNotCarriedOver")).hasSize(7);
        assertThat(report.at("/cut/1/endOffset").asLong()).isEqualTo(980);
    }

    @Test
    void eachPartitionCheckIsThere() throws Exception {
        JsonNode report = render(DrillReport.of(run(ScratchTableFate.DELETED), status(COMPLETED), null));

        JsonNode partitions = report.at("/verification/partitions");
        assertThat(partitions).hasSize(4);
        assertThat(partitions.get(0).get("digestOffset").asLong()).isEqualTo(1100);
        assertThat(partitions.get(0).get("digestLogTime").asText()).isEqualTo("2025-12-03T09:43:10Z");
        assertThat(partitions.get(0).at("/expected/checksum").asText()).isEqualTo("0a1b2c3d4e5f6071");
        assertThat(partitions.get(0).at("/indexes/0/targetResult").asText()).isEqualTo("MATCH");
        assertThat(partitions.get(3).get("digestOffset").isNull()).isTrue();
        assertThat(partitions.get(3).get("replayResult").asText()).isEqualTo("NO_DIGEST");
        assertThat(report.at("/verification/indexes/0/result").asText()).isEqualTo("MATCH");
    }

    @Test
    void theNodesStatusIsEmbeddedAsItAnswered() throws Exception {
        JsonNode report = render(DrillReport.of(run(ScratchTableFate.DELETED), status(COMPLETED), null));

        assertThat(report.get("restoreStatus")).isEqualTo(SampleStatuses.json(COMPLETED));
    }

    @Test
    void aRefusedRestoreHasTheSameKeysWithNulls() throws Exception {
        DrillRun run = new DrillRun(SampleStatuses.DRILL_TIME, "orders",
                new ScratchTable(SampleStatuses.SCRATCH_TABLE, ScratchTableFate.NOT_CREATED, null), true, null, null);
        JsonNode refused = render(DrillReport.of(run, null, "The node refused the restore: ValidationException"));
        JsonNode completed = render(DrillReport.of(run(ScratchTableFate.DELETED), status(COMPLETED), null));

        assertThat(fieldNames(refused)).isEqualTo(fieldNames(completed));
        assertThat(fieldNames(refused.get("recoveryTime"))).isEqualTo(fieldNames(completed.get("recoveryTime")));
        assertThat(refused.get("outcome").asText()).isEqualTo("FAILED");
        assertThat(refused.get("failureMessage").asText())
                .isEqualTo("The node refused the restore: ValidationException");
        assertThat(refused.at("/recoveryPoint/latest").asBoolean()).isTrue();
        assertThat(refused.get("restoreStatus").isNull()).isTrue();
        assertThat(refused.get("cut")).isEmpty();
    }
}
