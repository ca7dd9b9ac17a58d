package dev.dynalog.streams.processor;

import dev.dynalog.schemas.command.BeginTransaction;
import dev.dynalog.schemas.command.Command;
import dev.dynalog.schemas.command.CompleteTransaction;
import dev.dynalog.schemas.command.DecideTransaction;
import dev.dynalog.schemas.command.ResolveTransaction;
import dev.dynalog.schemas.command.TransactWrite;
import dev.dynalog.schemas.command.TransactionTick;
import dev.dynalog.streams.state.ItemState;
import dev.dynalog.streams.transaction.TransactionState;

/** Which commands are steps of the transaction protocol, and which of the decider's methods decides each. */
final class TransactionSteps {
    private TransactionSteps() {
    }

    static boolean isTransactionStep(Command command) {
        Object body = command.getBody();
        return body instanceof TransactWrite || body instanceof BeginTransaction || body instanceof DecideTransaction
                || body instanceof CompleteTransaction || body instanceof ResolveTransaction
                || body instanceof TransactionTick;
    }

    static TransactionDecider.Step decide(TransactionDecider decider, Command command, ItemState items,
                                          TransactionState txns, TransactionDecider.IndexLookup indexes, long logTime) {
        Object body = command.getBody();
        if (body instanceof TransactWrite write) {
            return decider.transactWrite(write.getTransactionId(), write, items, txns, indexes, logTime);
        }
        if (body instanceof BeginTransaction begin) {
            return decider.begin(begin, txns, logTime);
        }
        if (body instanceof DecideTransaction decide) {
            return decider.decideTransaction(decide, txns, logTime);
        }
        if (body instanceof CompleteTransaction complete) {
            return decider.complete(complete, txns);
        }
        if (body instanceof ResolveTransaction resolve) {
            return decider.resolve(resolve, txns, logTime);
        }
        return decider.expire(txns, logTime);
    }
}
