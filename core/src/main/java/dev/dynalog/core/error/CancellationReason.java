package dev.dynalog.core.error;

import dev.dynalog.core.model.AttributeValue;
import java.util.Map;

/**
 * Why one action of a cancelled transaction could not be carried out, as DynamoDB reports it in
 * TransactionCanceledException's CancellationReasons: one per action, in request order, with code
 * {@code None} (and no message) for the actions that were not at fault.
 *
 * @param code    {@code None}, {@code ConditionalCheckFailed}, {@code TransactionConflict},
 *                {@code ValidationError}, {@code ItemCollectionSizeLimitExceeded}
 * @param message DynamoDB's message for the code, or null for {@code None}
 * @param item    the item as it was, for a failed condition with ReturnValuesOnConditionCheckFailure
 *                ALL_OLD; else null
 */
public record CancellationReason(String code, String message, Map<String, AttributeValue> item) {
    public static final String NONE = "None";
    public static final String CONDITIONAL_CHECK_FAILED = "ConditionalCheckFailed";
    public static final String TRANSACTION_CONFLICT = "TransactionConflict";
    public static final String VALIDATION_ERROR = "ValidationError";
    public static final String ITEM_COLLECTION_SIZE_LIMIT_EXCEEDED = "ItemCollectionSizeLimitExceeded";

    public static CancellationReason none() {
        return new CancellationReason(NONE, null, null);
    }

    public static CancellationReason conditionalCheckFailed(Map<String, AttributeValue> oldItem) {
        return new CancellationReason(CONDITIONAL_CHECK_FAILED, "The conditional request failed", oldItem);
    }

    public static CancellationReason transactionConflict() {
        return new CancellationReason(TRANSACTION_CONFLICT, "Transaction is ongoing for the item", null);
    }

    public static CancellationReason validationError(String message) {
        return new CancellationReason(VALIDATION_ERROR, message, null);
    }

    public static CancellationReason itemCollectionSizeLimitExceeded() {
        return new CancellationReason(ITEM_COLLECTION_SIZE_LIMIT_EXCEEDED, "Collection size exceeded.", null);
    }

    public boolean isNone() {
        return NONE.equals(code);
    }
}
