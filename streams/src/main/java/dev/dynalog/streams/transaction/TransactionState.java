package dev.dynalog.streams.transaction;

import dev.dynalog.schemas.transaction.CoordinatorRecord;
import dev.dynalog.schemas.transaction.PreparedShare;
import dev.dynalog.schemas.transaction.TokenRecord;
import java.util.List;
import java.util.function.BiConsumer;
import org.apache.kafka.common.utils.Bytes;

/**
 * Read-only view of one partition's transaction state (see {@link TransactionStoreKeys}), used by
 * the deciders and by transactional reads.
 */
public interface TransactionState extends LockView {

    /** This partition's prepared share of the transaction, or null. */
    PreparedShare prepared(byte[] transactionId);

    /** The decision this partition, as coordinator, recorded for the transaction, or null. */
    CoordinatorRecord decision(byte[] transactionId);

    /** The claim of a ClientRequestToken in this partition, or null. */
    TokenRecord token(String token);

    /** Visits every prepared share of this partition, by transaction id. */
    void forEachPrepared(BiConsumer<byte[], PreparedShare> visitor);

    /** The expiry entries of times up to {@code time}, oldest first, at most {@code max}. */
    List<Bytes> expiriesUpTo(long time, int max);
}
