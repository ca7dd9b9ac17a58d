package dev.dynalog.streams.restore;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;

/**
 * A consistent cut of the command log: a prefix of every partition. For a cut at log time t each
 * prefix ends before the partition's first command stamped after t, so the cut is one log time
 * for every partition; a transaction whose decision lies inside the cut is restored whole (see
 * TableReplay), one whose decision lies outside is not restored at all.
 *
 * @param requestedTimeMillis the log time asked for, or null when the cut was given by offsets
 * @param baseSnapshot        the snapshot the replay starts from (each partition's start offset
 *                            is the snapshot's end), or null to replay from the partitions' starts
 */
public record LogCut(List<PartitionCut> partitions, Long requestedTimeMillis, String baseSnapshot,
                     Map<Integer, Long> digestRequests) {
    public LogCut {
        partitions = List.copyOf(partitions);
        digestRequests = Map.copyOf(digestRequests);
    }

    public LogCut(List<PartitionCut> partitions, Long requestedTimeMillis) {
        this(partitions, requestedTimeMillis, null, Map.of());
    }

    /**
     * This cut, knowing that its last commands include a RecordDigest at these offsets (by
     * partition): the replay waits for their digests to be in the digests topic.
     */
    public LogCut withDigestRequests(Map<Integer, Long> offsets) {
        return new LogCut(partitions, requestedTimeMillis, baseSnapshot, offsets);
    }

    /** This cut, replayed from the snapshot instead of from the partitions' starts. */
    public LogCut from(Snapshot snapshot) {
        List<PartitionCut> cuts = new ArrayList<>();
        partitions.forEach(p -> cuts.add(new PartitionCut(p.partition(), snapshot.endOffset(p.partition()),
                p.endOffset())));
        return new LogCut(cuts, requestedTimeMillis, snapshot.id(), digestRequests);
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
    public static LogCut of(List<Long> starts, List<Long> ends, Long requestedTimeMillis, String baseSnapshot) {
        List<PartitionCut> cuts = new ArrayList<>();
        for (int p = 0; p < ends.size(); p++) {
            cuts.add(new PartitionCut(p, starts.get(p), ends.get(p)));
        }
        return new LogCut(cuts, requestedTimeMillis, baseSnapshot, Map.of());
    }
}
