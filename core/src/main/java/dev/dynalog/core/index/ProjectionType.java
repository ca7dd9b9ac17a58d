package dev.dynalog.core.index;

/** DynamoDB's projection types: which attributes an index entry carries besides the keys. */
public enum ProjectionType {
    /** The table's key attributes and the index's key attributes. */
    KEYS_ONLY,
    /** As KEYS_ONLY, plus the named non-key attributes. */
    INCLUDE,
    /** The whole item. */
    ALL
}
