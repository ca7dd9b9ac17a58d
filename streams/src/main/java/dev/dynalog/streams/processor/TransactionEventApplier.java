package dev.dynalog.streams.processor;

import dev.dynalog.streams.processor.TransactionEvent.RecordsExpired;
import dev.dynalog.streams.processor.TransactionEvent.ShareReleased;
import dev.dynalog.streams.processor.TransactionEvent.SharePrepared;
import dev.dynalog.streams.processor.TransactionEvent.ShareUpdated;
import dev.dynalog.streams.processor.TransactionEvent.TableLocksDropped;
import dev.dynalog.streams.processor.TransactionEvent.TokenRecorded;
import dev.dynalog.streams.processor.TransactionEvent.TransactionDecided;
import dev.dynalog.streams.transaction.MutableTransactionState;
import dev.dynalog.streams.transaction.TransactionStoreKeys;
import org.apache.kafka.common.utils.Bytes;

/** The only code that changes a partition's transaction state. */
public final class TransactionEventApplier {

    public void apply(TransactionEvent event, MutableTransactionState state) {
        if (event instanceof SharePrepared p) {
            for (Bytes lock : p.lockKeys()) {
                state.put(lock, p.transactionId());
            }
            state.put(TransactionStoreKeys.prepared(p.transactionId()), p.share());
        } else if (event instanceof ShareReleased r) {
            for (Bytes lock : r.lockKeys()) {
                state.delete(lock);
            }
            state.delete(TransactionStoreKeys.prepared(r.transactionId()));
        } else if (event instanceof ShareUpdated u) {
            state.put(TransactionStoreKeys.prepared(u.transactionId()), u.share());
        } else if (event instanceof TransactionDecided d) {
            Bytes key = TransactionStoreKeys.decision(d.transactionId());
            state.put(key, d.decision());
            state.put(TransactionStoreKeys.expiry(d.expiresAt(), key), new byte[0]);
        } else if (event instanceof TokenRecorded t) {
            Bytes key = TransactionStoreKeys.token(t.token());
            if (t.previousExpiresAt() >= 0) {
                state.delete(TransactionStoreKeys.expiry(t.previousExpiresAt(), key));
            }
            state.put(key, t.claim());
            state.put(TransactionStoreKeys.expiry(t.expiresAt(), key), new byte[0]);
        } else if (event instanceof RecordsExpired e) {
            for (Bytes expiry : e.expiryKeys()) {
                state.delete(TransactionStoreKeys.expiringKey(expiry));
                state.delete(expiry);
            }
        } else if (event instanceof TableLocksDropped d) {
            state.deletePrefix(TransactionStoreKeys.locksOf(d.tableId()));
        } else {
            throw new IllegalArgumentException("no applier for " + event);
        }
    }
}
