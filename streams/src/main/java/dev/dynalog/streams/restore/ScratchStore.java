package dev.dynalog.streams.restore;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Comparator;
import java.util.List;
import java.util.stream.Stream;
import org.apache.kafka.common.utils.Bytes;
import org.apache.kafka.streams.KeyValue;
import org.apache.kafka.streams.processor.StateStore;
import org.apache.kafka.streams.processor.StateStoreContext;
import org.apache.kafka.streams.query.Position;
import org.apache.kafka.streams.query.PositionBound;
import org.apache.kafka.streams.query.Query;
import org.apache.kafka.streams.query.QueryConfig;
import org.apache.kafka.streams.query.QueryResult;
import org.apache.kafka.streams.state.KeyValueIterator;
import org.apache.kafka.streams.state.KeyValueStore;
import org.rocksdb.Options;
import org.rocksdb.RocksDB;
import org.rocksdb.RocksDBException;
import org.rocksdb.RocksIterator;
import org.rocksdb.WriteOptions;

/**
 * A RocksDB database in a scratch directory that a replay decides and applies commands against:
 * the same key-value interface the processor's stores have, so the same state classes read and
 * write it, but owned by the replay instead of by a Kafka Streams task, with no changelog (a
 * replay that dies is simply run again) and deleted when closed.
 */
public final class ScratchStore implements KeyValueStore<Bytes, byte[]> {
    static {
        RocksDB.loadLibrary();
    }

    private final String name;
    private final Path directory;
    private final Options options;
    private final WriteOptions writeOptions;
    private final RocksDB db;
    private boolean open = true;

    private ScratchStore(String name, Path directory) {
        this.name = name;
        this.directory = directory;
        this.options = new Options().setCreateIfMissing(true);
        // Nothing to recover after a crash: the replay starts again from the log.
        this.writeOptions = new WriteOptions().setDisableWAL(true);
        try {
            this.db = RocksDB.open(options, directory.toString());
        } catch (RocksDBException e) {
            options.close();
            writeOptions.close();
            throw new IllegalStateException("could not open a scratch store in " + directory, e);
        }
    }

    /** Opens an empty store in a new directory under {@code parent}. */
    public static ScratchStore create(Path parent, String name) {
        try {
            Files.createDirectories(parent);
            return new ScratchStore(name, Files.createTempDirectory(parent, name + "-"));
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    @Override
    public void put(Bytes key, byte[] value) {
        try {
            if (value == null) {
                db.delete(writeOptions, key.get());
            } else {
                db.put(writeOptions, key.get(), value);
            }
        } catch (RocksDBException e) {
            throw new IllegalStateException(e);
        }
    }

    @Override
    public byte[] putIfAbsent(Bytes key, byte[] value) {
        byte[] existing = get(key);
        if (existing == null) {
            put(key, value);
        }
        return existing;
    }

    @Override
    public void putAll(List<KeyValue<Bytes, byte[]>> entries) {
        entries.forEach(e -> put(e.key, e.value));
    }

    @Override
    public byte[] delete(Bytes key) {
        byte[] existing = get(key);
        put(key, null);
        return existing;
    }

    @Override
    public byte[] get(Bytes key) {
        try {
            return db.get(key.get());
        } catch (RocksDBException e) {
            throw new IllegalStateException(e);
        }
    }

    @Override
    public KeyValueIterator<Bytes, byte[]> range(Bytes from, Bytes to) {
        return new Range(db.newIterator(), from, to, false);
    }

    @Override
    public KeyValueIterator<Bytes, byte[]> reverseRange(Bytes from, Bytes to) {
        return new Range(db.newIterator(), from, to, true);
    }

    @Override
    public KeyValueIterator<Bytes, byte[]> all() {
        return range(null, null);
    }

    @Override
    public KeyValueIterator<Bytes, byte[]> reverseAll() {
        return reverseRange(null, null);
    }

    @Override
    public long approximateNumEntries() {
        try {
            return db.getLongProperty("rocksdb.estimate-num-keys");
        } catch (RocksDBException e) {
            throw new IllegalStateException(e);
        }
    }

    @Override
    public String name() {
        return name;
    }

    @Override
    public void init(StateStoreContext context, StateStore root) {
        throw new UnsupportedOperationException("a scratch store belongs to a replay, not to a Kafka Streams task");
    }

    @Override
    public void flush() {
    }

    /** Closes the database and deletes its directory. */
    @Override
    public void close() {
        if (!open) {
            return;
        }
        open = false;
        db.close();
        options.close();
        writeOptions.close();
        try (Stream<Path> files = Files.walk(directory)) {
            files.sorted(Comparator.reverseOrder()).forEach(p -> p.toFile().delete());
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    @Override
    public boolean persistent() {
        return true;
    }

    @Override
    public boolean isOpen() {
        return open;
    }

    @Override
    public <R> QueryResult<R> query(Query<R> query, PositionBound positionBound, QueryConfig config) {
        throw new UnsupportedOperationException("a scratch store answers no interactive queries");
    }

    @Override
    public Position getPosition() {
        return Position.emptyPosition();
    }

    /** Keys in [from, to] (both inclusive, as Kafka Streams' ranges), ascending or descending. */
    private static final class Range implements KeyValueIterator<Bytes, byte[]> {
        private final RocksIterator it;
        private final Bytes from;
        private final Bytes to;
        private final boolean reverse;

        Range(RocksIterator it, Bytes from, Bytes to, boolean reverse) {
            this.it = it;
            this.from = from;
            this.to = to;
            this.reverse = reverse;
            if (reverse) {
                if (to == null) {
                    it.seekToLast();
                } else {
                    it.seekForPrev(to.get());
                }
            } else if (from == null) {
                it.seekToFirst();
            } else {
                it.seek(from.get());
            }
        }

        @Override
        public boolean hasNext() {
            if (!it.isValid()) {
                return false;
            }
            Bytes key = Bytes.wrap(it.key());
            return reverse ? from == null || key.compareTo(from) >= 0 : to == null || key.compareTo(to) <= 0;
        }

        @Override
        public KeyValue<Bytes, byte[]> next() {
            if (!hasNext()) {
                throw new java.util.NoSuchElementException();
            }
            KeyValue<Bytes, byte[]> next = KeyValue.pair(Bytes.wrap(it.key()), it.value());
            if (reverse) {
                it.prev();
            } else {
                it.next();
            }
            return next;
        }

        @Override
        public Bytes peekNextKey() {
            if (!hasNext()) {
                throw new java.util.NoSuchElementException();
            }
            return Bytes.wrap(it.key());
        }

        @Override
        public void close() {
            it.close();
        }
    }
}
