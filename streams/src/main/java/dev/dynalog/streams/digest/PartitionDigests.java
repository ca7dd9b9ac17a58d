package dev.dynalog.streams.digest;

import dev.dynalog.core.index.SecondaryIndex;
import dev.dynalog.schemas.digest.DigestFigures;
import dev.dynalog.schemas.digest.IndexDigest;
import dev.dynalog.schemas.digest.TableDigest;
import dev.dynalog.streams.index.TableIndexes;
import dev.dynalog.streams.state.ItemState;
import dev.dynalog.streams.state.ItemStoreKeys;
import dev.dynalog.streams.state.TableStats;
import java.util.ArrayList;
import java.util.HexFormat;
import java.util.List;

/** A table's digest in one partition, read from the statistics the appliers keep. */
public final class PartitionDigests {
    private PartitionDigests() {
    }

    /** @param indexes the table's indexes as the partition's log defined them, or null */
    public static TableDigest of(ItemState state, TableIndexes indexes, String tableIdHex, int partition, long offset,
                                 long logTime) {
        byte[] tableId = ItemStoreKeys.tableIdBytes(tableIdHex);
        List<IndexDigest> locals = new ArrayList<>();
        if (indexes != null) {
            for (SecondaryIndex index : indexes.indexes()) {
                if (!index.isGlobal()) {
                    byte[] indexId = HexFormat.of().parseHex(index.indexId());
                    locals.add(new IndexDigest(index.indexId(),
                            figures(TableStats.decode(state.get(ItemStoreKeys.localIndexStats(tableId, indexId))))));
                }
            }
        }
        return new TableDigest(tableIdHex, partition, offset, logTime, figures(state.stats(tableId)), locals);
    }

    public static DigestFigures figures(TableStats stats) {
        return new DigestFigures(stats.itemCount(), stats.sizeBytes(), stats.checksummed() ? stats.checksum() : null);
    }
}
