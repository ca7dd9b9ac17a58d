package dev.dynalog.core.index;

import java.util.ArrayList;
import java.util.List;
import java.util.Optional;

/**
 * The secondary indexes of one table, local ones first, each kind in creation order (the order
 * DescribeTable lists them and the order a write's index keys are checked).
 */
public record SecondaryIndexes(List<SecondaryIndex> all) {
    public static final SecondaryIndexes NONE = new SecondaryIndexes(List.of());

    public SecondaryIndexes {
        all = List.copyOf(all);
        for (int i = 0; i < all.size(); i++) {
            for (int j = i + 1; j < all.size(); j++) {
                if (all.get(i).name().equals(all.get(j).name())) {
                    throw new IllegalArgumentException("two indexes named " + all.get(i).name());
                }
            }
        }
    }

    public boolean isEmpty() {
        return all.isEmpty();
    }

    public Optional<SecondaryIndex> named(String name) {
        return all.stream().filter(i -> i.name().equals(name)).findFirst();
    }

    public List<SecondaryIndex> locals() {
        return all.stream().filter(i -> !i.isGlobal()).toList();
    }

    public List<SecondaryIndex> globals() {
        return all.stream().filter(SecondaryIndex::isGlobal).toList();
    }

    /** These indexes plus one more GSI (UpdateTable Create), which comes last. */
    public SecondaryIndexes with(SecondaryIndex index) {
        List<SecondaryIndex> next = new ArrayList<>(all);
        next.add(index);
        return new SecondaryIndexes(next);
    }

    /** These indexes without the named one (UpdateTable Delete). */
    public SecondaryIndexes without(String name) {
        return new SecondaryIndexes(all.stream().filter(i -> !i.name().equals(name)).toList());
    }

    /** These indexes with the named one replaced (status and throughput changes). */
    public SecondaryIndexes replaced(SecondaryIndex index) {
        return new SecondaryIndexes(all.stream().map(i -> i.name().equals(index.name()) ? index : i).toList());
    }
}
