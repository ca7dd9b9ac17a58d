package dev.dynalog.core.error;

import java.util.List;
import java.util.stream.Collectors;

/**
 * DynamoDB's TransactionCanceledException: the whole transaction was cancelled, with one reason
 * per action in request order. The message lists the reasons' codes the way DynamoDB does.
 */
public final class TransactionCanceledException extends DynamoDbException {
    private final List<CancellationReason> reasons;

    TransactionCanceledException(List<CancellationReason> reasons) {
        super("TransactionCanceledException", 400, message(reasons));
        this.reasons = List.copyOf(reasons);
    }

    private static String message(List<CancellationReason> reasons) {
        return "Transaction cancelled, please refer cancellation reasons for specific reasons "
                + reasons.stream().map(CancellationReason::code).collect(Collectors.joining(", ", "[", "]"));
    }

    public List<CancellationReason> reasons() {
        return reasons;
    }
}
