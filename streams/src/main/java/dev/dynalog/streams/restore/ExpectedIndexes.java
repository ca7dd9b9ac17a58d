package dev.dynalog.streams.restore;

import dev.dynalog.core.index.IndexEntry;
import dev.dynalog.core.index.IndexEntrySize;
import dev.dynalog.core.index.IndexProjector;
import dev.dynalog.core.index.SecondaryIndex;
import dev.dynalog.core.model.AttributeValue;
import dev.dynalog.core.model.TableDefinition;
import dev.dynalog.streams.digest.ItemDigest;
import java.util.HashMap;
import java.util.Map;
import java.util.Optional;

/**
 * What the restored table's indexes must hold, summed as items go into it: each item's
 * projection for each of the target's indexes (which may differ from the source's).
 */
final class ExpectedIndexes {
    private final TableDefinition target;
    private final Map<String, Figures> totals = new HashMap<>();
    private final Map<String, Figures> perPartition = new HashMap<>();

    ExpectedIndexes(TableDefinition target) {
        this.target = target;
    }

    boolean any() {
        return !target.indexes().isEmpty();
    }

    void add(int partition, Map<String, AttributeValue> item) {
        for (SecondaryIndex index : target.indexes().all()) {
            Optional<IndexEntry> entry = IndexProjector.entry(index, target.keySchema(), item);
            if (entry.isEmpty()) {
                continue;
            }
            long size = IndexEntrySize.of(entry.get().value());
            long hash = ItemDigest.ofEntry(entry.get().key(), entry.get().value());
            totals.merge(index.name(), Figures.ZERO.plus(size, hash), Figures::plus);
            if (!index.isGlobal()) {
                perPartition.merge(index.name() + "/" + partition, Figures.ZERO.plus(size, hash), Figures::plus);
            }
        }
    }

    Figures total(SecondaryIndex index) {
        return totals.getOrDefault(index.name(), Figures.ZERO);
    }

    Figures local(SecondaryIndex index, int partition) {
        return perPartition.getOrDefault(index.name() + "/" + partition, Figures.ZERO);
    }
}
