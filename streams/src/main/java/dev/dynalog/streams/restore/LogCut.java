package dev.dynalog.streams.restore;

import java.util.ArrayList;
import java.util.List;

/**
 * A consistent cut of the command log: a prefix of every partition. For a cut at log time t each
 * prefix ends before the partition's first command stamped after t, so the cut is one log time
 * for every partition; a transaction whose decision lies inside the cut is restored whole (see
 * TableReplay), one whose decision lies outside is not restored at all.
 *
 * @param requestedTimeMillis the log time asked for, or null when the cut was given by offsets
 */
public record LogCut(List<PartitionCut> partitions, Long requestedTimeMillis) {
    public LogCut {
        partitions = List.copyOf(partitions);
    }

    public long commands() {
        return partitions.stream().mapToLong(PartitionCut::commands).sum();
    }

    public List<Long> startOffsets() {
        List<Long> starts = new ArrayList<>();
        partitions.forEach(p -> starts.add(p.startOffset()));
        return starts;
    }

    public List<Long> endOffsets() {
        List<Long> ends = new ArrayList<>();
        partitions.forEach(p -> ends.add(p.endOffset()));
        return ends;
    }

    /** The cut a restore recorded in its table's summary. */
    public static LogCut of(List<Long> starts, List<Long> ends, Long requestedTimeMillis) {
        List<PartitionCut> cuts = new ArrayList<>();
        for (int p = 0; p < ends.size(); p++) {
            cuts.add(new PartitionCut(p, starts.get(p), ends.get(p)));
        }
        return new LogCut(cuts, requestedTimeMillis);
    }
}
