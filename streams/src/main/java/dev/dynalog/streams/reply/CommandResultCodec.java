package dev.dynalog.streams.reply;

import dev.dynalog.core.encoding.ItemCodec;
import dev.dynalog.core.error.CancellationReason;
import dev.dynalog.schemas.command.TransactionOutcome;
import dev.dynalog.streams.processor.CommandResult;
import dev.dynalog.streams.processor.TransactionResult;
import java.io.DataInput;
import java.io.DataOutput;
import java.io.IOException;
import java.nio.ByteBuffer;
import java.util.ArrayList;
import java.util.List;

/**
 * A command's result on the wire between nodes. Layout (DataOutput): outcome name; returned
 * item, message, capacity bytes, log offset, collection size, resume key; then a flag and the
 * transaction result: verdict name, the actions (index, reason code, message, item in
 * {@link ItemCodec}'s encoding, capacity bytes, collection size), the repeated outcome as Avro's
 * single-object encoding. Nullable fields are preceded by a presence flag; enums travel by
 * name, so both sides need only agree on names.
 */
public final class CommandResultCodec {
    private CommandResultCodec() {
    }

    public static void write(DataOutput out, CommandResult r) throws IOException {
        out.writeUTF(r.outcome().name());
        writeBytes(out, r.returnedItem());
        writeString(out, r.message());
        out.writeLong(r.capacityBytes());
        out.writeLong(r.logOffset());
        out.writeLong(r.collectionSizeBytes());
        writeBytes(out, r.resumeKey());
        TransactionResult t = r.transaction();
        out.writeBoolean(t != null);
        if (t == null) {
            return;
        }
        out.writeUTF(t.verdict().name());
        out.writeInt(t.actions().size());
        for (TransactionResult.ActionResult a : t.actions()) {
            out.writeInt(a.index());
            out.writeUTF(a.reason().code());
            writeString(out, a.reason().message());
            writeBytes(out, a.reason().item() == null ? null : ItemCodec.encode(a.reason().item()));
            out.writeLong(a.capacityBytes());
            out.writeLong(a.collectionSizeBytes());
        }
        if (t.repeated() == null) {
            writeBytes(out, null);
        } else {
            ByteBuffer avro = t.repeated().toByteBuffer();
            byte[] bytes = new byte[avro.remaining()];
            avro.get(bytes);
            writeBytes(out, bytes);
        }
    }

    public static CommandResult read(DataInput in) throws IOException {
        CommandResult.Outcome outcome = CommandResult.Outcome.valueOf(in.readUTF());
        byte[] returnedItem = readBytes(in);
        String message = readString(in);
        long capacityBytes = in.readLong();
        long logOffset = in.readLong();
        long collectionSizeBytes = in.readLong();
        byte[] resumeKey = readBytes(in);
        TransactionResult transaction = null;
        if (in.readBoolean()) {
            TransactionResult.Verdict verdict = TransactionResult.Verdict.valueOf(in.readUTF());
            int count = in.readInt();
            List<TransactionResult.ActionResult> actions = new ArrayList<>(count);
            for (int i = 0; i < count; i++) {
                int index = in.readInt();
                String code = in.readUTF();
                String reasonMessage = readString(in);
                byte[] item = readBytes(in);
                actions.add(new TransactionResult.ActionResult(index,
                        new CancellationReason(code, reasonMessage, item == null ? null : ItemCodec.decode(item)),
                        in.readLong(), in.readLong()));
            }
            byte[] repeated = readBytes(in);
            transaction = new TransactionResult(verdict, actions,
                    repeated == null ? null : TransactionOutcome.fromByteBuffer(ByteBuffer.wrap(repeated)));
        }
        return new CommandResult(outcome, returnedItem, message, capacityBytes, logOffset, collectionSizeBytes,
                resumeKey, transaction);
    }

    static void writeBytes(DataOutput out, byte[] bytes) throws IOException {
        out.writeInt(bytes == null ? -1 : bytes.length);
        if (bytes != null) {
            out.write(bytes);
        }
    }

    static byte[] readBytes(DataInput in) throws IOException {
        int length = in.readInt();
        if (length < 0) {
            return null;
        }
        byte[] bytes = new byte[length];
        in.readFully(bytes);
        return bytes;
    }

    private static void writeString(DataOutput out, String s) throws IOException {
        out.writeBoolean(s != null);
        if (s != null) {
            out.writeUTF(s);
        }
    }

    private static String readString(DataInput in) throws IOException {
        return in.readBoolean() ? in.readUTF() : null;
    }
}
