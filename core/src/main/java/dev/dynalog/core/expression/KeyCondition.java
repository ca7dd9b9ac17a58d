package dev.dynalog.core.expression;

import dev.dynalog.core.model.AttributeValue;
import java.util.Optional;

/** A Query's key condition: the partition key value and, optionally, a sort key condition. */
public record KeyCondition(AttributeValue partitionKey, Optional<SortKeyCondition> sortKey) {
}
