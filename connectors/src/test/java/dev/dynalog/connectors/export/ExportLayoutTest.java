package dev.dynalog.connectors.export;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.nio.file.Path;
import java.time.Instant;
import org.junit.jupiter.api.Test;

class ExportLayoutTest {
    private static final Path BUCKET = Path.of("exports");
    private static final ExportLayout LAYOUT = ExportLayout.in(BUCKET, "01796290000123-0a1b2c3d");

    @Test
    void anExportSitsUnderAwsDynamoDbAndItsId() {
        assertThat(LAYOUT.directory()).isEqualTo(BUCKET.resolve("AWSDynamoDB").resolve("01796290000123-0a1b2c3d"));
        assertThat(LAYOUT.manifestSummaryKey()).isEqualTo("AWSDynamoDB/01796290000123-0a1b2c3d/manifest-summary.json");
        assertThat(LAYOUT.key(LAYOUT.dataDirectory().resolve("abc.json.gz")))
                .isEqualTo("AWSDynamoDB/01796290000123-0a1b2c3d/data/abc.json.gz");
    }

    @Test
    void aKeyResolvesInsideTheExportWhateverPrefixItCarries() {
        Path expected = LAYOUT.dataDirectory().resolve("abc.json.gz");

        assertThat(LAYOUT.resolve("AWSDynamoDB/01796290000123-0a1b2c3d/data/abc.json.gz")).isEqualTo(expected);
        assertThat(LAYOUT.resolve("nightly/2026/AWSDynamoDB/01796290000123-0a1b2c3d/data/abc.json.gz")).isEqualTo(expected);
    }

    @Test
    void aKeyMayNotLeaveTheExport() {
        assertThatThrownBy(() -> LAYOUT.resolve("AWSDynamoDB/01796290000123-0a1b2c3d/../../../etc/passwd"))
                .isInstanceOf(ExportFormatException.class);
        assertThatThrownBy(() -> LAYOUT.resolve("data/abc.json.gz")).isInstanceOf(ExportFormatException.class);
    }

    @Test
    void exportIdsAreShapedLikeDynamoDbsAndSortByTime() {
        String earlier = ExportLayout.newExportId(Instant.ofEpochMilli(1_796_290_000_123L));
        String later = ExportLayout.newExportId(Instant.ofEpochMilli(1_796_290_000_124L));

        assertThat(earlier).matches("01796290000123-[0-9a-f]{8}");
        assertThat(earlier).isLessThan(later);
    }

    @Test
    void anExportIdCannotNameAnotherDirectory() {
        assertThatThrownBy(() -> ExportLayout.in(BUCKET, "../x")).isInstanceOf(IllegalArgumentException.class);
    }
}
