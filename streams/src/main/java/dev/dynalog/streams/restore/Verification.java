package dev.dynalog.streams.restore;

import java.util.List;

/**
 * What a restore's checks found.
 *
 * @param partitions one entry per partition of the command log
 * @param indexes    each index of the restored table, all partitions together, against the
 *                   projection of the replayed items
 * @param problems   every mismatch, in words
 */
public record Verification(List<PartitionCheck> partitions, List<IndexCheck> indexes, List<String> problems) {

    /** MATCH when every check matched, MISMATCH when one did not, UNVERIFIED when no digest could be checked. */
    public String result() {
        if (!problems.isEmpty()) {
            return "MISMATCH";
        }
        boolean anyDigest = partitions.stream().anyMatch(p -> p.replayResult() == CheckResult.MATCH);
        boolean replayUnchecked = partitions.stream().anyMatch(p -> p.replayResult() == CheckResult.NO_DIGEST
                && p.expected().itemCount() > 0);
        return !anyDigest && replayUnchecked ? "UNVERIFIED" : "MATCH";
    }

    /**
     * One partition: the replay against the log's digest at or before the cut, and the restored
     * table against the replay at the cut.
     *
     * @param digest       the digest point checked, or null when the log has none for the table
     * @param replayResult MATCH, MISMATCH or NO_DIGEST
     * @param targetResult the restored partition (scanned) against the replay's figures at the cut
     */
    public record PartitionCheck(int partition, DigestPoint digest, CheckResult replayResult,
                                 CheckResult targetResult, Figures expected, Figures actual,
                                 List<LocalIndexCheck> localIndexes) {
    }

    /** A local index in one partition. */
    public record LocalIndexCheck(String indexName, CheckResult replayResult, CheckResult targetResult,
                                  Figures expected, Figures actual) {
    }

    /** An index as a whole; type is "GSI" or "LSI". */
    public record IndexCheck(String indexName, String type, CheckResult result, Figures expected, Figures actual) {
    }
}
