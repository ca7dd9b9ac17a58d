package dev.dynalog.streams.restore;

import dev.dynalog.schemas.digest.IndexDigest;
import dev.dynalog.schemas.digest.TableDigest;
import java.util.Map;
import java.util.TreeMap;

/**
 * A replay's state at a RecordDigest command against what the live processor recorded there.
 *
 * @param recorded the processor's digest, or null when the digests topic has none for the offset
 * @param replayed the replay's own digest at the same command
 */
public record DigestPoint(long offset, long logTime, TableDigest recorded, TableDigest replayed) {

    public CheckResult tableResult() {
        return recorded == null ? CheckResult.NO_DIGEST
                : CheckResult.of(Figures.of(recorded.getTable()), Figures.of(replayed.getTable()));
    }

    /** Per local index id: the recorded figures against the replayed ones. */
    public Map<String, CheckResult> localIndexResults() {
        Map<String, CheckResult> results = new TreeMap<>();
        Map<String, Figures> replayedIndexes = indexes(replayed);
        Map<String, Figures> recordedIndexes = recorded == null ? Map.of() : indexes(recorded);
        replayedIndexes.forEach((id, figures) -> results.put(id, recorded == null ? CheckResult.NO_DIGEST
                : CheckResult.of(recordedIndexes.getOrDefault(id, Figures.ZERO), figures)));
        recordedIndexes.keySet().stream().filter(id -> !replayedIndexes.containsKey(id))
                .forEach(id -> results.put(id, CheckResult.MISMATCH));
        return results;
    }

    public boolean matches() {
        return tableResult() == CheckResult.MATCH
                && localIndexResults().values().stream().allMatch(r -> r == CheckResult.MATCH);
    }

    static Map<String, Figures> indexes(TableDigest digest) {
        Map<String, Figures> byId = new TreeMap<>();
        for (IndexDigest index : digest.getLocalIndexes()) {
            byId.put(index.getIndexId(), Figures.of(index.getFigures()));
        }
        return byId;
    }
}
