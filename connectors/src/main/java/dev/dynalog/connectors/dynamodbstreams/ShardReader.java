package dev.dynalog.connectors.dynamodbstreams;

import dev.dynalog.schemas.change.ChangeRecord;
import dev.dynalog.schemas.registry.ConfluentAvroDeserializer;
import dev.dynalog.schemas.registry.WriterSchemas;
import java.math.BigInteger;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.OptionalLong;
import java.util.Properties;
import java.util.function.Predicate;
import org.apache.kafka.clients.consumer.ConsumerConfig;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.clients.consumer.KafkaConsumer;
import org.apache.kafka.common.TopicPartition;
import org.apache.kafka.common.serialization.ByteArrayDeserializer;

/**
 * Reads change topics for the DynamoDB Streams API: one read_committed consumer without a group,
 * assigned and positioned for each call, so clients only ever see committed changes and keep their
 * own position in their shard iterators. Calls are serialized (a Kafka consumer is not
 * thread-safe); each is a seek and a fetch.
 */
public final class ShardReader implements AutoCloseable {
    private static final Duration POLL = Duration.ofMillis(100);
    private static final Duration READ_WAIT = Duration.ofSeconds(2);
    /**
     * How long a search waits for records it knows are there (below the last stable offset)
     * before it gives up with a retryable error: a fetch slower than one read's wait must not be
     * taken for an empty range.
     */
    private static final Duration SEARCH_WAIT = Duration.ofSeconds(60);

    private final KafkaConsumer<byte[], byte[]> consumer;
    private final ConfluentAvroDeserializer<ChangeRecord> deserializer;

    public ShardReader(String bootstrapServers, WriterSchemas schemas) {
        Properties p = new Properties();
        p.put(ConsumerConfig.BOOTSTRAP_SERVERS_CONFIG, bootstrapServers);
        p.put(ConsumerConfig.ISOLATION_LEVEL_CONFIG, "read_committed");
        p.put(ConsumerConfig.ENABLE_AUTO_COMMIT_CONFIG, false);
        p.put(ConsumerConfig.MAX_POLL_RECORDS_CONFIG, 1000);
        p.put(ConsumerConfig.FETCH_MAX_WAIT_MS_CONFIG, 20);
        this.consumer = new KafkaConsumer<>(p, new ByteArrayDeserializer(), new ByteArrayDeserializer());
        this.deserializer = ConfluentAvroDeserializer.specific(schemas, ChangeRecord.class);
    }

    /** A change record and its offset in the change topic. */
    public record Entry(long offset, ChangeRecord record) {
    }

    /** Records read, and the offset to read from next. */
    public record Page(List<Entry> entries, long nextOffset) {
    }

    /** The oldest offset the partition still holds. */
    public synchronized long beginning(TopicPartition tp) {
        return consumer.beginningOffsets(List.of(tp)).get(tp);
    }

    /** The end of what read_committed consumers can read (the last stable offset). */
    public synchronized long end(TopicPartition tp) {
        return consumer.endOffsets(List.of(tp)).get(tp);
    }

    /** Up to {@code limit} committed records from {@code offset}; none if nothing is committed past it. */
    public synchronized Page read(TopicPartition tp, long offset, int limit) {
        return read(tp, offset, limit, Long.MAX_VALUE);
    }

    /** Up to {@code limit} committed records from {@code offset}, all before {@code bound}. */
    public synchronized Page read(TopicPartition tp, long offset, int limit, long bound) {
        long end = Math.min(bound, consumer.endOffsets(List.of(tp)).get(tp));
        if (offset >= end) {
            return new Page(List.of(), offset);
        }
        consumer.assign(List.of(tp));
        consumer.seek(tp, offset);
        List<Entry> entries = new ArrayList<>();
        long next = offset;
        long deadline = System.nanoTime() + READ_WAIT.toNanos();
        while (entries.size() < limit && next < end && System.nanoTime() < deadline) {
            List<ConsumerRecord<byte[], byte[]>> polled = consumer.poll(POLL).records(tp);
            for (ConsumerRecord<byte[], byte[]> r : polled) {
                if (entries.size() == limit || r.offset() >= end) {
                    break;
                }
                entries.add(new Entry(r.offset(), deserializer.deserialize(r.value())));
                next = r.offset() + 1;
            }
            if (entries.size() < limit) {
                // Past transaction markers and aborted records the consumer skipped, but not past the bound.
                next = Math.max(next, Math.min(consumer.position(tp), end));
            }
        }
        return new Page(entries, next);
    }

    /**
     * The first committed record at or after {@code offset}, or null if there is none yet. A fetch
     * that returns nothing in time is read again while the range holds something below the end: a
     * binary search that took a slow fetch for an empty range would end a shard too early.
     */
    public synchronized Entry first(TopicPartition tp, long offset) {
        return first(tp, offset, end(tp));
    }

    /** Like {@link #first(TopicPartition, long)}, among the records before {@code end} only. */
    private Entry first(TopicPartition tp, long offset, long end) {
        long from = offset;
        long deadline = System.nanoTime() + SEARCH_WAIT.toNanos();
        while (from < end) {
            Page page = read(tp, from, 1, end);
            if (!page.entries().isEmpty()) {
                return page.entries().get(0);
            }
            from = page.nextOffset();
            checkWait(tp, deadline);
        }
        return null;
    }

    /** Every committed record from {@code offset} up to {@code bound}, however many fetches that takes. */
    public synchronized List<Entry> readAll(TopicPartition tp, long offset, long bound) {
        long end = Math.min(bound, end(tp));
        List<Entry> entries = new ArrayList<>();
        long from = offset;
        long deadline = System.nanoTime() + SEARCH_WAIT.toNanos();
        while (from < end) {
            Page page = read(tp, from, Integer.MAX_VALUE, end);
            entries.addAll(page.entries());
            if (page.nextOffset() == from) {
                checkWait(tp, deadline);
            }
            from = page.nextOffset();
        }
        return entries;
    }

    private static void checkWait(TopicPartition tp, long deadline) {
        if (System.nanoTime() > deadline) {
            throw new IllegalStateException("the change topic partition " + tp + " gave no records in "
                    + SEARCH_WAIT.toSeconds() + " s below its last stable offset");
        }
    }

    /**
     * The offset of the first record whose sequence number is at least {@code sequenceNumber}
     * (more than it, if {@code after}), or the end if there is none, as sequence numbers grow with
     * offsets within a partition.
     */
    public synchronized long offsetOf(TopicPartition tp, String sequenceNumber, boolean after) {
        BigInteger target = new BigInteger(sequenceNumber);
        return offsetWhere(tp, r -> {
            int cmp = new BigInteger(r.getSequenceNumber()).compareTo(target);
            return cmp > 0 || cmp == 0 && !after;
        });
    }

    /**
     * The offset of the first record that satisfies {@code reached}, or the end if none does: a
     * binary search, so {@code reached} must hold for every record after one it holds for.
     */
    public synchronized long offsetWhere(TopicPartition tp, Predicate<ChangeRecord> reached) {
        return offsetWhere(tp, reached, end(tp));
    }

    /**
     * Like {@link #offsetWhere(TopicPartition, Predicate)}, among the records before {@code end}:
     * {@code end} if none of them satisfies {@code reached}.
     */
    public synchronized long offsetWhere(TopicPartition tp, Predicate<ChangeRecord> reached, long end) {
        OptionalLong found = offsetWhereFound(tp, reached, end);
        return found.isPresent() ? found.getAsLong() : end;
    }

    /**
     * The offset from which every committed record before {@code end} satisfies {@code reached},
     * if a record before {@code end} does; empty if none does. Only a present answer may be kept
     * as final: where no record satisfies it yet, the search can still stop below {@code end}
     * (past records it has seen and only markers after them), and a record committed later, at
     * or above that offset, may well not satisfy it.
     */
    public synchronized OptionalLong offsetWhereFound(TopicPartition tp, Predicate<ChangeRecord> reached, long end) {
        long lo = beginning(tp);
        long hi = end;
        boolean found = false;
        while (lo < hi) {
            long mid = lo + (hi - lo) / 2;
            Entry e = first(tp, mid, end);
            if (e == null) {
                hi = mid;
            } else if (reached.test(e.record())) {
                found = true;
                hi = mid;
            } else {
                lo = e.offset() + 1;
            }
        }
        return found ? OptionalLong.of(lo) : OptionalLong.empty();
    }

    @Override
    public synchronized void close() {
        consumer.close();
    }
}
