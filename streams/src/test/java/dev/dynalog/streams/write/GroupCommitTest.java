package dev.dynalog.streams.write;

import static org.assertj.core.api.Assertions.assertThat;

import dev.dynalog.schemas.command.Command;
import dev.dynalog.schemas.command.CommandCodec;
import dev.dynalog.schemas.command.PurgeTable;
import dev.dynalog.schemas.command.PutItem;
import dev.dynalog.schemas.command.ReturnValues;
import dev.dynalog.schemas.command.WriteBatch;
import java.nio.ByteBuffer;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import org.apache.kafka.clients.producer.Callback;
import org.apache.kafka.clients.producer.RecordMetadata;
import org.apache.kafka.common.TopicPartition;
import org.junit.jupiter.api.Test;

/** Group commit on one partition, with a log whose acknowledgements the test gives. */
class GroupCommitTest {
    private final List<Sent> log = new ArrayList<>();
    private final Map<String, Long> offsets = new ConcurrentHashMap<>();
    private final Map<String, Exception> errors = new ConcurrentHashMap<>();
    private final GroupCommit appender = new GroupCommit(
            (partition, key, value, callback) -> log.add(new Sent(partition, value, callback)));

    private record Sent(int partition, byte[] value, Callback callback) {
    }

    @Test
    void aWriteToAnIdlePartitionGoesOutAtOnceAsARecordOfItsOwn() {
        Command write = write("a");
        append(write);

        assertThat(log).hasSize(1);
        assertThat(CommandCodec.decode(log.get(0).value())).isEqualTo(write);
    }

    @Test
    void writesSubmittedWhileAnAppendIsInFlightGoOutTogetherInOrderOnceItIsAcknowledged() {
        append(write("a"));
        append(write("b"));
        append(write("c"));
        assertThat(log).hasSize(1);

        acknowledge(0, 10);

        assertThat(log).hasSize(2);
        assertThat(requestIds(log.get(1))).containsExactly("b", "c");
        acknowledge(1, 11);
        assertThat(offsets).containsEntry("a", 10L).containsEntry("b", 11L).containsEntry("c", 11L);
    }

    @Test
    void writesForOtherPartitionsGoInTheSameRoundEachPartitionInItsOwnRecords() {
        append(0, write("a"));
        append(1, write("b1"));
        append(2, write("c1"));
        append(1, write("b2"));
        append(2, write("c2"));
        append(1, write("b3"));

        acknowledge(0, 5);

        assertThat(log).hasSize(3);
        assertThat(log.subList(1, 3)).extracting(Sent::partition).containsExactly(1, 2);
        assertThat(requestIds(log.get(1))).containsExactly("b1", "b2", "b3");
        assertThat(requestIds(log.get(2))).containsExactly("c1", "c2");
        append(0, write("a2"));
        acknowledge(1, 7);
        assertThat(log).as("the next round waits for every record of this one").hasSize(3);
        acknowledge(2, 9);
        assertThat(log).hasSize(4);
        assertThat(offsets).containsEntry("b3", 7L).containsEntry("c1", 9L);
    }

    @Test
    void aCommandThatIsNotASingleItemWriteGoesAloneAndKeepsItsPlaceInTheOrder() {
        append(write("a"));
        append(write("b"));
        append(write("c"));
        append(command("purge", new PurgeTable()));
        append(write("d"));

        acknowledge(0, 1);

        assertThat(log).hasSize(4);
        assertThat(requestIds(log.get(1))).containsExactly("b", "c");
        assertThat(requestIds(log.get(2))).containsExactly("purge");
        assertThat(requestIds(log.get(3))).containsExactly("d");
        acknowledge(1, 2);
        acknowledge(2, 3);
        append(write("e"));
        assertThat(log).as("waits until every record sent together is acknowledged").hasSize(4);
        acknowledge(3, 4);
        assertThat(log).hasSize(5);
        assertThat(offsets).containsEntry("purge", 3L).containsEntry("d", 4L);
    }

    @Test
    void aBatchHoldsAtMostItsBoundOfWrites() {
        append(write("first"));
        for (int i = 0; i < GroupCommit.MAX_WRITES + 6; i++) {
            append(write("w" + i));
        }
        acknowledge(0, 0);

        assertThat(log).hasSize(3);
        assertThat(requestIds(log.get(1))).hasSize(GroupCommit.MAX_WRITES).startsWith("w0");
        assertThat(requestIds(log.get(2))).hasSize(6).endsWith("w" + (GroupCommit.MAX_WRITES + 5));
    }

    @Test
    void aBatchHoldsAtMostItsBoundOfBytesUnlessOneWriteIsLarger() {
        byte[] big = new byte[GroupCommit.MAX_BYTES / 2];
        append(write("first"));
        append(write("big1", big));
        append(write("big2", big));
        append(write("huge", new byte[GroupCommit.MAX_BYTES + 1]));
        acknowledge(0, 0);

        assertThat(log).hasSize(4);
        assertThat(requestIds(log.get(1))).containsExactly("big1");
        assertThat(requestIds(log.get(2))).containsExactly("big2");
        assertThat(requestIds(log.get(3))).containsExactly("huge");
    }

    @Test
    void aFailedAppendFailsEachOfItsWritesAndTheQueueGoesOn() {
        append(write("a"));
        append(write("b"));
        append(write("c"));
        log.get(0).callback().onCompletion(null, new IllegalStateException("broker gone"));
        log.get(1).callback().onCompletion(null, new IllegalStateException("broker gone"));
        append(write("d"));

        assertThat(errors).containsOnlyKeys("a", "b", "c");
        assertThat(log).hasSize(3);
        assertThat(requestIds(log.get(2))).containsExactly("d");
    }

    @Test
    void aCommandThatCannotBeEncodedFailsOnlyItsOwnCallback() {
        Command bodyless = new Command();
        bodyless.setRequestId("broken");
        bodyless.setOrigin("n");
        bodyless.setTableId("0123456789abcdef0123456789abcdef");
        append(bodyless);
        append(write("a"));

        assertThat(errors).containsOnlyKeys("broken");
        assertThat(log).hasSize(1);
        assertThat(requestIds(log.get(0))).containsExactly("a");
    }

    private void append(Command command) {
        append(0, command);
    }

    private void append(int partition, Command command) {
        String id = command.getRequestId();
        appender.append(partition, new byte[0], command, (metadata, error) -> {
            if (error != null) {
                errors.put(id, error);
            } else {
                offsets.put(id, metadata.offset());
            }
        });
    }

    private void acknowledge(int record, long offset) {
        log.get(record).callback().onCompletion(
                new RecordMetadata(new TopicPartition("log", 0), offset, 0, 0, 0, 0), null);
    }

    private static List<String> requestIds(Sent record) {
        Command command = CommandCodec.decode(record.value());
        if (!(command.getBody() instanceof WriteBatch batch)) {
            return List.of(command.getRequestId());
        }
        return batch.getCommands().stream().map(b -> CommandCodec.decode(b.array()).getRequestId()).toList();
    }

    private static Command write(String id) {
        return write(id, new byte[] {1});
    }

    private static Command write(String id, byte[] item) {
        return command(id, PutItem.newBuilder().setKey(ByteBuffer.wrap(new byte[] {1})).setItem(ByteBuffer.wrap(item))
                .setReturnValues(ReturnValues.NONE).build());
    }

    private static Command command(String id, Object body) {
        return Command.newBuilder().setRequestId(id).setOrigin("n").setTableId("0123456789abcdef0123456789abcdef")
                .setBody(body).setStream(null).build();
    }
}
