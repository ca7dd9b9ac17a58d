package dev.dynalog.streams.restore;

import dev.dynalog.schemas.digest.DigestFigures;
import dev.dynalog.streams.state.TableStats;

/**
 * What a table's or an index's entries add up to: count, size and checksum (the sum of the
 * entries' ItemDigest hashes; null where it is not known).
 */
public record Figures(long itemCount, long sizeBytes, Long checksum) {
    public static final Figures ZERO = new Figures(0, 0, 0L);

    public static Figures of(DigestFigures f) {
        return new Figures(f.getItemCount(), f.getSizeBytes(), f.getChecksum());
    }

    public static Figures of(TableStats stats) {
        return new Figures(stats.itemCount(), stats.sizeBytes(), stats.checksummed() ? stats.checksum() : null);
    }

    /** These figures with one more entry of {@code bytes} and hash {@code hash}. */
    public Figures plus(long bytes, long hash) {
        return new Figures(itemCount + 1, sizeBytes + bytes, checksum == null ? null : checksum + hash);
    }

    public Figures plus(Figures other) {
        return new Figures(itemCount + other.itemCount, sizeBytes + other.sizeBytes,
                checksum == null || other.checksum == null ? null : checksum + other.checksum);
    }

    /** Equal counts and sizes, and equal checksums where both are known. */
    public boolean matches(Figures other) {
        return itemCount == other.itemCount && sizeBytes == other.sizeBytes
                && (checksum == null || other.checksum == null || checksum.equals(other.checksum));
    }

    public String checksumHex() {
        return checksum == null ? null : String.format("%016x", checksum);
    }
}
