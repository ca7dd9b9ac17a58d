package dev.dynalog.streams.processor;

import dev.dynalog.core.encoding.ItemCodec;
import dev.dynalog.core.error.DynamoDbException;
import dev.dynalog.core.expression.ast.DocumentPath;
import dev.dynalog.core.expression.eval.UpdateApplier;
import dev.dynalog.core.index.IndexKeyValidator;
import dev.dynalog.core.index.SecondaryIndexes;
import dev.dynalog.core.model.AttributeValue;
import dev.dynalog.core.size.ItemSize;
import dev.dynalog.schemas.command.Expression;
import dev.dynalog.streams.index.TableIndexes;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * The item an update makes of the item at its log position (UpdateItem, and a transaction's
 * Update), or the reason it cannot: DynamoDB's message for an update that does not fit the item
 * (ADD to a string, an item over 400 KB, an index key of the wrong type).
 *
 * @param item           the new item, or null when invalid
 * @param size           its size
 * @param applied        what the update expression did (null without one)
 * @param invalidMessage why the update cannot apply, or null
 */
record UpdatedItem(Map<String, AttributeValue> item, long size, UpdateApplier.Result applied, String invalidMessage) {
    static final String ITEM_TOO_LARGE = "Item size to update has exceeded the maximum allowed size";

    /**
     * @param old     the item as stored, or null: an update of a missing item creates it from its
     *                key attributes ({@code keyItem}, ItemCodec)
     * @param update  the update expression, or null (the update only makes sure the item exists)
     * @param indexes the table's indexes, or null
     * @param legacy  whether the update came as AttributeUpdates, which DynamoDB words a type
     *                mismatch differently for
     */
    static UpdatedItem of(Expression update, Map<String, AttributeValue> old, byte[] keyItem, TableIndexes indexes,
                          boolean legacy) {
        Map<String, AttributeValue> base = old == null ? ItemCodec.decode(keyItem) : old;
        UpdateApplier.Result updated = null;
        if (update != null) {
            try {
                updated = CommandExpressions.update(update, base);
            } catch (DynamoDbException e) {
                return invalid(legacy && UpdateApplier.WRONG_TYPE.equals(e.getMessage())
                        ? UpdateApplier.LEGACY_WRONG_TYPE : e.getMessage());
            }
        }
        Map<String, AttributeValue> newItem = updated == null ? base : updated.item();
        long newSize = ItemSize.of(newItem);
        if (newSize > ItemSize.MAX_ITEM_BYTES) {
            return invalid(ITEM_TOO_LARGE);
        }
        if (indexes != null && updated != null) {
            try {
                IndexKeyValidator.validateUpdate(new SecondaryIndexes(indexes.indexes()), newItem,
                        topLevelNames(updated.updatedPaths()));
            } catch (DynamoDbException e) {
                return invalid(e.getMessage());
            }
        }
        return new UpdatedItem(newItem, newSize, updated, null);
    }

    private static UpdatedItem invalid(String message) {
        return new UpdatedItem(null, 0, null, message);
    }

    private static Set<String> topLevelNames(List<DocumentPath> paths) {
        Set<String> names = new HashSet<>();
        paths.forEach(p -> names.add(p.topLevelName()));
        return names;
    }
}
