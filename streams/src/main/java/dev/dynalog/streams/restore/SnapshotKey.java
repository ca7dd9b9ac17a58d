package dev.dynalog.streams.restore;

import java.nio.charset.StandardCharsets;

/**
 * The key of a snapshot chunk: which snapshot, which partition and cut, which chunk. Everything a
 * restore needs to choose a snapshot is in the keys, so the chunks' contents are read only for the
 * snapshot chosen.
 *
 * @param endOffset the cut: the first offset of the partition's log that the snapshot does not hold
 * @param logTime   the newest log time among the commands the snapshot holds, or -1
 * @param last      the snapshot's last chunk of this partition
 */
record SnapshotKey(String snapshotId, int partition, long endOffset, long logTime, int sequence, boolean last) {

    byte[] encode() {
        return (snapshotId + "|" + partition + "|" + endOffset + "|" + logTime + "|" + sequence + "|" + (last ? 1 : 0))
                .getBytes(StandardCharsets.UTF_8);
    }

    /** The key, or null for bytes that are not one. */
    static SnapshotKey decode(byte[] bytes) {
        if (bytes == null) {
            return null;
        }
        String[] parts = new String(bytes, StandardCharsets.UTF_8).split("\\|");
        if (parts.length != 6) {
            return null;
        }
        try {
            return new SnapshotKey(parts[0], Integer.parseInt(parts[1]), Long.parseLong(parts[2]),
                    Long.parseLong(parts[3]), Integer.parseInt(parts[4]), parts[5].equals("1"));
        } catch (NumberFormatException e) {
            return null;
        }
    }
}
