package dev.dynalog.connectors.dynamodb;

import java.util.List;

/**
 * The ReturnItemCollectionMetrics member of the write operations. DynamoDB returns item
 * collection metrics only for tables with local secondary indexes; for other tables it accepts
 * SIZE and returns nothing. dynalog has no local secondary indexes yet, so every table is such a
 * table: the member is validated and the response carries no ItemCollectionMetrics.
 */
public final class ItemCollectionMetrics {
    public static final List<String> VALUES = List.of("SIZE", "NONE");

    private ItemCollectionMetrics() {
    }

    /** Validates the member against the model (violations go with the request's others). */
    public static void read(RequestFields f) {
        f.enumValue("ReturnItemCollectionMetrics", VALUES);
    }
}
