package dev.dynalog.core.model;

/**
 * A table's class. DynamoDB prices storage and requests differently for the two; dynalog stores
 * and serves both alike and reports the class the table was given.
 */
public enum TableClass {
    STANDARD, STANDARD_INFREQUENT_ACCESS
}
