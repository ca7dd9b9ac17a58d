package dev.dynalog.streams.processor;

import dev.dynalog.core.encoding.ItemCodec;
import dev.dynalog.core.error.CancellationReason;
import dev.dynalog.schemas.command.Reason;
import dev.dynalog.schemas.command.TransactionOutcome;
import java.nio.ByteBuffer;
import java.util.ArrayList;
import java.util.List;

/** What a client was told of a transaction, in the form kept with its token, and back. */
public final class TransactionOutcomes {
    private TransactionOutcomes() {
    }

    /** {@code reasons}: one per action in request order, for a cancelled transaction; ignored if committed. */
    public static TransactionOutcome of(boolean committed, List<CancellationReason> reasons) {
        List<Reason> kept = new ArrayList<>();
        if (!committed) {
            for (CancellationReason r : reasons) {
                kept.add(new Reason(r.code(), r.message(),
                        r.item() == null ? null : ByteBuffer.wrap(ItemCodec.encode(r.item()))));
            }
        }
        return new TransactionOutcome(committed, kept);
    }

    public static List<CancellationReason> reasons(TransactionOutcome outcome) {
        List<CancellationReason> reasons = new ArrayList<>();
        for (Reason r : outcome.getReasons()) {
            reasons.add(new CancellationReason(r.getCode(), r.getMessage(),
                    r.getItem() == null ? null : ItemCodec.decode(CommandExpressions.bytes(r.getItem()))));
        }
        return reasons;
    }
}
