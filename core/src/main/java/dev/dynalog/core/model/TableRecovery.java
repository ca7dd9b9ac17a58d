package dev.dynalog.core.model;

/**
 * A table's recovery settings and history.
 *
 * @param pointInTimeRecovery whether PITR is enabled (UpdateContinuousBackups): DynamoDB refuses
 *                            RestoreTableToPointInTime for a table without it, and so does
 *                            dynalog, although its command log holds the history either way
 * @param recoveryPeriodDays  how far back restores may go (RecoveryPeriodInDays, 1 to 35)
 * @param restore             how the table was restored, or null for a table created by CreateTable
 * @param importSource        the directory a table being imported is read from, or null: a node that
 *                            stops during an import runs it again from there when it starts
 */
public record TableRecovery(boolean pointInTimeRecovery, int recoveryPeriodDays, RestoreSummary restore,
                            String importSource) {
    public static final int DEFAULT_RECOVERY_PERIOD_DAYS = 35;
    public static final TableRecovery NONE = new TableRecovery(false, DEFAULT_RECOVERY_PERIOD_DAYS, null, null);

    public TableRecovery withPointInTimeRecovery(boolean enabled, int periodDays) {
        return new TableRecovery(enabled, periodDays, restore, importSource);
    }

    public TableRecovery withRestore(RestoreSummary summary) {
        return new TableRecovery(pointInTimeRecovery, recoveryPeriodDays, summary, importSource);
    }

    public TableRecovery withImportSource(String directory) {
        return new TableRecovery(pointInTimeRecovery, recoveryPeriodDays, restore, directory);
    }

    /** The table is being filled from elsewhere (a restore or an import), not by its clients. */
    public boolean filling() {
        return (restore != null && restore.inProgress()) || importSource != null;
    }
}
