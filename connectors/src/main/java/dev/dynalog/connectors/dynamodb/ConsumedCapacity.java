package dev.dynalog.connectors.dynamodb;

import java.util.Map;

/**
 * The capacity one request consumed on one table: the units charged to the table itself and to
 * each of its secondary indexes, by index name. Index maps are empty until dynalog has secondary
 * indexes; a write that maintains an index, or a Query on one, then charges the index here, and
 * {@link CapacityReport#INDEXES} reports it.
 */
public record ConsumedCapacity(String tableName, double tableUnits, Map<String, Double> globalSecondaryIndexes,
                               Map<String, Double> localSecondaryIndexes) {

    public ConsumedCapacity {
        globalSecondaryIndexes = Map.copyOf(globalSecondaryIndexes);
        localSecondaryIndexes = Map.copyOf(localSecondaryIndexes);
    }

    /** Capacity consumed on the table alone. */
    public static ConsumedCapacity ofTable(String tableName, double tableUnits) {
        return new ConsumedCapacity(tableName, tableUnits, Map.of(), Map.of());
    }

    /** The request's total: the table's units and every index's. */
    public double totalUnits() {
        double total = tableUnits;
        for (double units : globalSecondaryIndexes.values()) {
            total += units;
        }
        for (double units : localSecondaryIndexes.values()) {
            total += units;
        }
        return total;
    }
}
