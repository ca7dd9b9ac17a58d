package dev.dynalog.streams.catalog;

import dev.dynalog.core.model.TableDefinition;
import dev.dynalog.core.model.TableStatus;
import dev.dynalog.streams.log.CompactedTopicLog;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeoutException;
import org.apache.kafka.clients.consumer.ConsumerRecord;

/**
 * The table definitions of the cluster, read from the compacted {@code _catalog} topic (key: table
 * name, value: {@link TableDefinitionCodec}, tombstone when a table is gone) by a background
 * consumer, and written through the same topic. A write returns once this node's view includes
 * it, so a request that follows sees its own control-plane change.
 *
 * <p>A DELETING definition takes its table out of the names at once: the name is free, as a test
 * suite's next CreateTable expects, while the table's state is purged by id. Until the purge ends
 * with a tombstone, the definition is one of the {@link #deleting()} tables, for a restarted node
 * to finish; a new table of the same name supersedes it in the compacted topic, and here too.
 *
 * <p>A deleted table's change streams stay readable for 24 hours, as DynamoDB keeps them, also
 * after a new table has taken the name: the deleted definition, its streams disabled, is kept
 * under a key of its own ({@link #RETIRED_PREFIX} and the table id, which no table name can be)
 * until they expire.
 */
public final class TableCatalog implements AutoCloseable {
    private static final Duration WRITE_TIMEOUT = Duration.ofSeconds(30);
    private static final Duration CATCH_UP_TIMEOUT = Duration.ofSeconds(5);
    /** Table names are letters, digits, '_', '-' and '.': a key with a '/' is never one. */
    static final String RETIRED_PREFIX = "retired-streams/";

    private final ConcurrentHashMap<String, TableDefinition> tables = new ConcurrentHashMap<>();
    /** DELETING definitions by table id. */
    private final ConcurrentHashMap<String, TableDefinition> deleting = new ConcurrentHashMap<>();
    /** Deleted tables whose streams are still readable, by table id. */
    private final ConcurrentHashMap<String, TableDefinition> retired = new ConcurrentHashMap<>();
    private final CompactedTopicLog log;
    /** Whether other processes write this catalog (nodes of a cluster), or only this one. */
    private final boolean othersWrite;

    /** A catalog that other nodes may write too: a name not known here is looked up again. */
    public TableCatalog(String bootstrapServers, String topic) {
        this(bootstrapServers, topic, true);
    }

    private TableCatalog(String bootstrapServers, String topic, boolean othersWrite) {
        this.log = new CompactedTopicLog(bootstrapServers, topic, "dynalog-catalog-reader", this::apply);
        this.othersWrite = othersWrite;
    }

    /**
     * The catalog of a node that writes it alone (its own embedded broker): every write it makes
     * is read back before the write returns, so what it has read is all there is, and a name it
     * does not know is answered at once, without asking the broker for the topic's end.
     */
    public static TableCatalog soleWriter(String bootstrapServers, String topic) {
        return new TableCatalog(bootstrapServers, topic, false);
    }

    /** Starts reading and returns once every definition written so far is loaded. */
    public void start(Duration timeout) throws InterruptedException, TimeoutException {
        log.start(timeout);
    }

    private void apply(ConsumerRecord<byte[], byte[]> r) {
        String name = new String(r.key(), StandardCharsets.UTF_8);
        TableDefinition table = r.value() == null ? null : TableDefinitionCodec.decode(r.value());
        if (name.startsWith(RETIRED_PREFIX)) {
            String tableId = name.substring(RETIRED_PREFIX.length());
            if (table == null) {
                retired.remove(tableId);
            } else {
                retired.put(tableId, table);
            }
            return;
        }
        deleting.values().removeIf(d -> d.name().equals(name));
        if (table == null) {
            tables.remove(name);
        } else if (table.status() == TableStatus.DELETING) {
            tables.remove(name);
            deleting.put(table.tableId(), table);
        } else {
            tables.put(name, table);
        }
    }

    /**
     * The table of that name. A name this node does not know is looked up again once the node has
     * read every definition written before the call: another node of the cluster may have
     * created the table a moment ago, and its client may already use it here.
     */
    public Optional<TableDefinition> get(String name) {
        TableDefinition table = tables.get(name);
        if (table != null || !othersWrite) {
            return Optional.ofNullable(table);
        }
        try {
            log.catchUp(CATCH_UP_TIMEOUT);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        } catch (ExecutionException | TimeoutException | RuntimeException e) {
            // The broker is slow or away: answer from what this node has read.
        }
        return Optional.ofNullable(tables.get(name));
    }

    /** The tables being deleted, whose purge has not ended yet. */
    public List<TableDefinition> deleting() {
        return List.copyOf(deleting.values());
    }

    /** True while that table (by id) is being deleted and no later table has taken its name. */
    public boolean isDeleting(String tableId) {
        return deleting.containsKey(tableId);
    }

    /** Deleted tables whose change streams may still be readable (each stream says until when). */
    public List<TableDefinition> retired() {
        return List.copyOf(retired.values());
    }

    /** Keeps a deleted table's definition, its streams disabled, for its streams' readers. */
    public void retire(TableDefinition table) {
        write(RETIRED_PREFIX + table.tableId(), TableDefinitionCodec.encode(table));
    }

    /** Forgets a deleted table whose streams have expired. */
    public void forgetRetired(String tableId) {
        write(RETIRED_PREFIX + tableId, null);
    }

    /** All tables, by name. */
    public List<TableDefinition> all() {
        List<TableDefinition> list = new ArrayList<>(tables.values());
        list.sort(Comparator.comparing(TableDefinition::name));
        return list;
    }

    /** Writes a definition and waits until this node sees it. */
    public void put(TableDefinition table) {
        write(table.name(), TableDefinitionCodec.encode(table));
    }

    /** Removes a table's definition and waits until this node sees it gone. */
    public void remove(String name) {
        write(name, null);
    }

    private void write(String name, byte[] value) {
        try {
            log.append(name.getBytes(StandardCharsets.UTF_8), value, WRITE_TIMEOUT);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException("interrupted while writing the catalog", e);
        } catch (ExecutionException | TimeoutException e) {
            throw new IllegalStateException("could not write the catalog", e);
        }
    }

    @Override
    public void close() {
        log.close();
    }
}
