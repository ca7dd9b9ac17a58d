package dev.dynalog.core.model;

import java.util.Optional;

/**
 * The primary key of a table (or, later, an index): a partition (HASH) key and an optional
 * sort (RANGE) key.
 */
public record KeySchema(KeyAttribute partitionKey, Optional<KeyAttribute> sortKey) {

    public static KeySchema of(KeyAttribute partitionKey) {
        return new KeySchema(partitionKey, Optional.empty());
    }

    public static KeySchema of(KeyAttribute partitionKey, KeyAttribute sortKey) {
        return new KeySchema(partitionKey, Optional.of(sortKey));
    }

    public boolean hasSortKey() {
        return sortKey.isPresent();
    }

    public boolean isKeyAttribute(String name) {
        return partitionKey.name().equals(name) || sortKey.map(k -> k.name().equals(name)).orElse(false);
    }

    public int size() {
        return hasSortKey() ? 2 : 1;
    }
}
