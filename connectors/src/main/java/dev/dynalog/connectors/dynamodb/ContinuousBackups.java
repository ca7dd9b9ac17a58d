package dev.dynalog.connectors.dynamodb;

import com.fasterxml.jackson.core.JsonGenerator;
import dev.dynalog.core.model.TableDefinition;
import dev.dynalog.streams.restore.Restores;
import java.io.IOException;
import java.math.BigDecimal;
import java.time.Instant;
import java.util.Optional;

/**
 * A table's ContinuousBackupsDescription. Continuous backups are always ENABLED: the command log
 * is the backup. The restorable window tells the truth about the log: it starts at the table's
 * creation or the start of its recovery period, and is absent when retention has removed some of
 * the table's commands.
 */
public final class ContinuousBackups {
    private final Restores restores;

    public ContinuousBackups(Restores restores) {
        this.restores = restores;
    }

    public void write(JsonGenerator json, TableDefinition table) throws IOException {
        json.writeStartObject();
        json.writeStringField("ContinuousBackupsStatus", "ENABLED");
        json.writeObjectFieldStart("PointInTimeRecoveryDescription");
        boolean enabled = table.recovery().pointInTimeRecovery();
        json.writeStringField("PointInTimeRecoveryStatus", enabled ? "ENABLED" : "DISABLED");
        if (enabled) {
            json.writeNumberField("RecoveryPeriodInDays", table.recovery().recoveryPeriodDays());
            Optional<Instant> earliest = restores.earliestRestorable(table);
            if (earliest.isPresent()) {
                json.writeNumberField("EarliestRestorableDateTime", seconds(earliest.get()));
                json.writeNumberField("LatestRestorableDateTime", seconds(restores.latestRestorable()));
            }
        }
        json.writeEndObject();
        json.writeEndObject();
    }

    public static BigDecimal seconds(Instant instant) {
        return BigDecimal.valueOf(instant.toEpochMilli(), 3);
    }
}
