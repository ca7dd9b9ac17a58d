package dev.dynalog.streams.transaction;

import static dev.dynalog.streams.state.ItemStoreKeys.concat;

import java.nio.ByteBuffer;
import java.nio.charset.StandardCharsets;
import java.util.Arrays;
import java.util.HexFormat;
import org.apache.kafka.common.utils.Bytes;

/**
 * Key layout of the {@code transactions} store, one per task beside its {@code items} store:
 *
 * <pre>
 *   [0x01][table id: 16 bytes][encoded primary key] → lock: the id (16 bytes) of the transaction holding the item
 *   [0x02][transaction id: 16 bytes]               → this partition's prepared share (Avro PreparedShare)
 *   [0x03][transaction id: 16 bytes]               → the coordinator's decision (Avro CoordinatorRecord)
 *   [0x04][token: UTF-8]                           → a claimed ClientRequestToken (Avro TokenRecord)
 *   [0x05][expires at: 8 bytes, big-endian][key]   → expiry of the key after it, in log time
 * </pre>
 *
 * <p>Locks of one table lie under one prefix, so a deleted table's locks are dropped at once;
 * expiries sort by time, so the expired ones are always the first of their range.
 */
public final class TransactionStoreKeys {
    public static final int TRANSACTION_ID_LENGTH = 16;
    static final byte LOCK = 0x01;
    static final byte PREPARED = 0x02;
    static final byte DECISION = 0x03;
    static final byte TOKEN = 0x04;
    static final byte EXPIRY = 0x05;

    private TransactionStoreKeys() {
    }

    /** The 16 bytes of a transaction id given as 32 hex digits. */
    public static byte[] transactionIdBytes(String transactionIdHex) {
        byte[] id = HexFormat.of().parseHex(transactionIdHex);
        if (id.length != TRANSACTION_ID_LENGTH) {
            throw new IllegalArgumentException("transaction id must have 16 bytes: " + transactionIdHex);
        }
        return id;
    }

    public static Bytes lock(byte[] tableId, byte[] primaryKey) {
        return Bytes.wrap(concat(new byte[] {LOCK}, tableId, primaryKey));
    }

    /** Every lock of the table: those starting with [0x01][table id]. */
    public static byte[] locksOf(byte[] tableId) {
        return concat(new byte[] {LOCK}, tableId);
    }

    public static byte[] allLocks() {
        return new byte[] {LOCK};
    }

    public static Bytes prepared(byte[] transactionId) {
        return Bytes.wrap(concat(new byte[] {PREPARED}, transactionId));
    }

    public static Bytes decision(byte[] transactionId) {
        return Bytes.wrap(concat(new byte[] {DECISION}, transactionId));
    }

    public static Bytes token(String token) {
        return Bytes.wrap(concat(new byte[] {TOKEN}, token.getBytes(StandardCharsets.UTF_8)));
    }

    public static Bytes expiry(long expiresAt, Bytes key) {
        return Bytes.wrap(concat(new byte[] {EXPIRY}, ByteBuffer.allocate(Long.BYTES).putLong(expiresAt).array(),
                key.get()));
    }

    /** The first key after every expiry entry of times up to {@code time}. */
    public static Bytes expiriesUpTo(long time) {
        return Bytes.wrap(concat(new byte[] {EXPIRY}, ByteBuffer.allocate(Long.BYTES).putLong(time + 1).array()));
    }

    public static Bytes firstExpiry() {
        return Bytes.wrap(new byte[] {EXPIRY});
    }

    /** The key an expiry entry stands for. */
    public static Bytes expiringKey(Bytes expiryKey) {
        byte[] k = expiryKey.get();
        return Bytes.wrap(Arrays.copyOfRange(k, 1 + Long.BYTES, k.length));
    }
}
