package dev.dynalog.streams.processor;

import java.util.List;
import org.apache.kafka.common.utils.Bytes;

/**
 * What a transaction's command did to the partition's transaction state (locks, prepared shares,
 * decisions, tokens). Produced by {@link TransactionDecider}, applied only by
 * {@link TransactionEventApplier}; item changes of a committed transaction are {@link ItemEvent}s.
 */
public sealed interface TransactionEvent {

    /** The share was prepared: its items are locked for the transaction. {@code share}: Avro PreparedShare. */
    record SharePrepared(byte[] transactionId, byte[] share, List<Bytes> lockKeys) implements TransactionEvent {
    }

    /** The share was completed (committed or aborted): its locks, and the share itself, are gone. */
    record ShareReleased(byte[] transactionId, List<Bytes> lockKeys) implements TransactionEvent {
    }

    /** The share's record changed (the coordinator was asked to resolve it). */
    record ShareUpdated(byte[] transactionId, byte[] share) implements TransactionEvent {
    }

    /** The coordinator recorded its decision (Avro CoordinatorRecord), kept until {@code expiresAt}. */
    record TransactionDecided(byte[] transactionId, byte[] decision, long expiresAt) implements TransactionEvent {
    }

    /**
     * A token's claim was written (Avro TokenRecord), kept until {@code expiresAt}; the expiry it
     * had before, if any ({@code previousExpiresAt}, else -1), is dropped.
     */
    record TokenRecorded(String token, byte[] claim, long expiresAt, long previousExpiresAt)
            implements TransactionEvent {
    }

    /** Records whose time is up: the expiry entries and the keys they stand for are removed. */
    record RecordsExpired(List<Bytes> expiryKeys) implements TransactionEvent {
    }

    /** The table was deleted: every lock on its items is dropped. */
    record TableLocksDropped(byte[] tableId) implements TransactionEvent {
    }
}
