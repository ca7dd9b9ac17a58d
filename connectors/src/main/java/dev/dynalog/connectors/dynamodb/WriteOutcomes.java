package dev.dynalog.connectors.dynamodb;

import dev.dynalog.core.encoding.ItemCodec;
import dev.dynalog.core.error.Errors;
import dev.dynalog.streams.processor.CommandResult;

/** Turns a write's result from the processor into DynamoDB's answer or error. */
public final class WriteOutcomes {
    private WriteOutcomes() {
    }

    /** The result if the write was applied; otherwise the error DynamoDB gives. */
    public static CommandResult requireApplied(CommandResult result) {
        return switch (result.outcome()) {
            case APPLIED -> result;
            case CONDITION_FAILED -> throw Errors.conditionalCheckFailed("The conditional request failed",
                    result.returnedItem() == null ? null : ItemCodec.decode(result.returnedItem()));
            case INVALID -> throw Errors.validation(result.message());
            case COLLECTION_TOO_LARGE -> throw Errors.itemCollectionSizeLimitExceeded(result.message());
            case TRANSACTION_CONFLICT -> throw Errors.transactionConflict();
            // The partition no longer knows the table: it was deleted while the write was in flight.
            case REJECTED -> throw Errors.tableNotFound();
        };
    }
}
