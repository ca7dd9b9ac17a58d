package dev.dynalog.streams.digest;

import dev.dynalog.core.encoding.ItemCodec;
import dev.dynalog.core.model.AttributeValue;
import java.util.Map;
import net.jpountz.xxhash.XXHash64;
import net.jpountz.xxhash.XXHashFactory;

/**
 * The 64-bit hash of one item (or index entry) whose sum over a table is the table's checksum:
 * adding and subtracting hashes as items come and go keeps the checksum exact in any order, so
 * every partition can keep it as it applies writes and a replay or a scan can compute the same
 * figure afresh.
 *
 * <p>The hash is of the item's content, not of its stored bytes: attributes (and the members of
 * nested maps) are hashed in name order, because the stored order follows whatever map the
 * writer used, which need not be the same on every run. xxHash64 (from lz4-java, which Kafka's
 * clients already ship for compression) is fast and spreads well; the checksum detects damage
 * and divergence, it is not meant to resist a forger.
 */
public final class ItemDigest {
    private static final XXHash64 HASH = XXHashFactory.fastestJavaInstance().hash64();
    private static final long SEED = 0x64796e616c6f67L;

    private ItemDigest() {
    }

    /** The hash of an item. */
    public static long of(Map<String, AttributeValue> item) {
        byte[] canonical = ItemCodec.encodeCanonical(item);
        return HASH.hash(canonical, 0, canonical.length, SEED);
    }

    /** The hash of an index entry: its key and its projected attributes. */
    public static long ofEntry(byte[] entryKey, Map<String, AttributeValue> value) {
        return HASH.hash(entryKey, 0, entryKey.length, SEED) * 31 + of(value);
    }

    /** The hash of an item as stored (core ItemCodec), or 0 for none. */
    public static long ofStored(byte[] storedItem) {
        return storedItem == null ? 0 : of(ItemCodec.decode(storedItem));
    }
}
