package dev.dynalog.streams.transaction;

import org.apache.kafka.common.utils.Bytes;

/** The writable face of a partition's transaction state; only the transaction event applier uses it. */
public interface MutableTransactionState extends TransactionState {

    void put(Bytes key, byte[] value);

    void delete(Bytes key);

    /** Deletes every key that starts with {@code prefix}. */
    void deletePrefix(byte[] prefix);
}
