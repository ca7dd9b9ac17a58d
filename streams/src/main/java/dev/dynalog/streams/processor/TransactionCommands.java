package dev.dynalog.streams.processor;

import dev.dynalog.schemas.command.Command;
import dev.dynalog.schemas.command.CompleteTransaction;
import dev.dynalog.schemas.command.ResolveTransaction;
import java.util.List;

/**
 * The protocol steps one partition's processor appends to another's log. They belong to no table
 * and no client waits for them: table id zero, no origin.
 */
public final class TransactionCommands {
    /** The table id of commands that belong to no table. */
    public static final String NO_TABLE = "00000000000000000000000000000000";

    private TransactionCommands() {
    }

    static Command complete(String transactionId, boolean commit) {
        return step(transactionId + ":complete", new CompleteTransaction(transactionId, commit));
    }

    static Command resolve(String transactionId, List<Integer> participants) {
        return step(transactionId + ":resolve", new ResolveTransaction(transactionId, participants));
    }

    private static Command step(String requestId, Object body) {
        return Command.newBuilder().setRequestId(requestId).setOrigin("").setTableId(NO_TABLE).setBody(body)
                .setStream(null).build();
    }
}
