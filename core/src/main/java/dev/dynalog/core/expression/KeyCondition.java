package dev.dynalog.core.expression;

import dev.dynalog.core.model.AttributeValue;
import java.util.Objects;
import java.util.Optional;

/** What a Query selects: one partition, and optionally a range of sort keys in it. */
public record KeyCondition(AttributeValue partitionKey, Optional<SortKeyCondition> sortKey) {
    public KeyCondition {
        Objects.requireNonNull(partitionKey);
        Objects.requireNonNull(sortKey);
    }
}
