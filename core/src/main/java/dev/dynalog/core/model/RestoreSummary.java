package dev.dynalog.core.model;

import java.util.List;

/**
 * Where a table restored from another's log came from (DescribeTable's RestoreSummary), and the
 * cut of the command log it was restored to, so that a node that stops during the restore runs
 * the same restore again when it starts.
 *
 * @param sourceTableName    the table restored
 * @param sourceTableId      its id at the time (its commands carry it)
 * @param restoreTimeMillis  the recovery point: the log time the restore was asked for (or, for a
 *                           cut given by offsets, the newest log time in it)
 * @param inProgress         true until the restored table is ACTIVE
 * @param cutStart           per partition of the command log, the first offset replayed
 * @param cutEnd             per partition, the first offset not replayed
 * @param baseSnapshot       the snapshot the replay starts from, or null for the log's start
 */
public record RestoreSummary(String sourceTableName, String sourceTableId, long restoreTimeMillis, boolean inProgress,
                             List<Long> cutStart, List<Long> cutEnd, String baseSnapshot) {
    public RestoreSummary {
        cutStart = List.copyOf(cutStart);
        cutEnd = List.copyOf(cutEnd);
    }

    public RestoreSummary completed() {
        return new RestoreSummary(sourceTableName, sourceTableId, restoreTimeMillis, false, cutStart, cutEnd,
                baseSnapshot);
    }
}
