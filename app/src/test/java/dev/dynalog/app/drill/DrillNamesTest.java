package dev.dynalog.app.drill;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Path;
import java.time.Instant;
import org.junit.jupiter.api.Test;

/** What a drill calls the table and the files it creates. */
class DrillNamesTest {
    private static final Instant DRILL_TIME = Instant.parse("2025-12-03T09:43:21.789Z");

    @Test
    void theScratchTableAndTheReportsAreNamedAfterTheTableAndTheUtcTime() {
        assertThat(DrillNames.scratchTable("orders", DRILL_TIME)).isEqualTo("orders-drill-20251203-094321");
        assertThat(DrillNames.report(Path.of("drill-reports"), "orders", DRILL_TIME, "md"))
                .isEqualTo(Path.of("drill-reports", "drill-orders-20251203-094321.md"));
        assertThat(DrillNames.report(Path.of("drill-reports"), "orders", DRILL_TIME, "json"))
                .isEqualTo(Path.of("drill-reports", "drill-orders-20251203-094321.json"));
    }

    @Test
    void aTableWithTheLongestNameGetsAScratchTableNameDynamoDbAccepts() {
        String longest = "t".repeat(255);

        String scratch = DrillNames.scratchTable(longest, DRILL_TIME);
        String markdown = DrillNames.report(Path.of("."), longest, DRILL_TIME, "md").getFileName().toString();
        String json = DrillNames.report(Path.of("."), longest, DRILL_TIME, "json").getFileName().toString();

        assertThat(scratch).hasSize(255).endsWith("-drill-20251203-094321").matches("[a-zA-Z0-9_.-]+");
        assertThat(json).hasSize(255);
        assertThat(markdown.replace(".md", "")).isEqualTo(json.replace(".json", ""));
    }
}
