package dev.dynalog.streams.query;

import dev.dynalog.core.encoding.KeyCodec;
import dev.dynalog.core.expression.KeyCondition;
import dev.dynalog.core.expression.SortKeyCondition;
import dev.dynalog.core.model.TableDefinition;
import dev.dynalog.streams.state.ItemStoreKeys;
import dev.dynalog.streams.state.KeyRange;
import java.util.Arrays;

/**
 * The store-key range a Query reads. Store keys are [table id][0x01][partition key][sort key] in
 * DynamoDB's order, so every key condition is one contiguous range inside the partition key's
 * prefix.
 */
public final class QueryRange {
    private QueryRange() {
    }

    public static KeyRange of(TableDefinition table, KeyCondition condition) {
        byte[] tableId = ItemStoreKeys.tableIdBytes(table.tableId());
        byte[] prefix = ItemStoreKeys.item(tableId, KeyCodec.encodeValue(condition.partitionKey())).get();
        KeyRange all = KeyRange.withPrefix(prefix);
        if (condition.sortKey().isEmpty()) {
            return all;
        }
        SortKeyCondition sk = condition.sortKey().get();
        byte[] value = concat(prefix, KeyCodec.encodeValue(sk.value()));
        return switch (sk.op()) {
            case EQ -> new KeyRange(value, true, value, true);
            case LT -> all.withTo(value, false);
            case LE -> all.withTo(value, true);
            case GT -> all.withFrom(value, false);
            case GE -> all.withFrom(value, true);
            case BETWEEN -> new KeyRange(value, true, concat(prefix, KeyCodec.encodeValue(sk.upper())), true);
            case BEGINS_WITH -> KeyRange.withPrefix(concat(prefix, KeyCodec.encodePrefix(sk.value())));
        };
    }

    /**
     * The store-key range of an index Query. Entry keys are [index partition key][index sort
     * key][table key] under {@code indexPrefix}: the table key after the sort key means that a
     * bound on the sort key is a bound on a key prefix, so the inclusive and exclusive ends move
     * to the ends of that prefix.
     */
    public static KeyRange ofIndex(byte[] indexPrefix, KeyCondition condition) {
        byte[] prefix = concat(indexPrefix, KeyCodec.encodeValue(condition.partitionKey()));
        KeyRange all = KeyRange.withPrefix(prefix);
        if (condition.sortKey().isEmpty()) {
            return all;
        }
        SortKeyCondition sk = condition.sortKey().get();
        byte[] value = concat(prefix, KeyCodec.encodeValue(sk.value()));
        return switch (sk.op()) {
            case EQ -> KeyRange.withPrefix(value);
            case LT -> all.withTo(value, false);
            case LE -> afterPrefix(all, value, false);
            case GT -> afterPrefix(all, value, true);
            case GE -> all.withFrom(value, true);
            case BETWEEN -> afterPrefix(all.withFrom(value, true),
                    concat(prefix, KeyCodec.encodeValue(sk.upper())), false);
            case BEGINS_WITH -> KeyRange.withPrefix(concat(prefix, KeyCodec.encodePrefix(sk.value())));
        };
    }

    /** Bounds the range just past every key starting with {@code keyPrefix}: from there, or up to there. */
    private static KeyRange afterPrefix(KeyRange range, byte[] keyPrefix, boolean asLowerBound) {
        byte[] end = KeyRange.prefixEnd(keyPrefix);
        if (asLowerBound) {
            return end == null ? new KeyRange(keyPrefix, false, keyPrefix, false) : range.withFrom(end, true);
        }
        return end == null ? range : range.withTo(end, false);
    }

    /** Narrows a range to the keys after {@code storeKey} in the direction of reading. */
    public static KeyRange after(KeyRange range, byte[] storeKey, boolean reverse) {
        if (reverse) {
            boolean narrows = range.to() == null || Arrays.compareUnsigned(storeKey, range.to()) <= 0;
            return narrows ? range.withTo(storeKey, false) : range;
        }
        boolean narrows = range.from() == null || Arrays.compareUnsigned(storeKey, range.from()) >= 0;
        return narrows ? range.withFrom(storeKey, false) : range;
    }

    private static byte[] concat(byte[] a, byte[] b) {
        byte[] out = new byte[a.length + b.length];
        System.arraycopy(a, 0, out, 0, a.length);
        System.arraycopy(b, 0, out, a.length, b.length);
        return out;
    }
}
