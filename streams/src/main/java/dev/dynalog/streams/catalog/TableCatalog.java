package dev.dynalog.streams.catalog;

import dev.dynalog.core.model.TableDefinition;
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
 */
public final class TableCatalog implements AutoCloseable {
    private static final Duration WRITE_TIMEOUT = Duration.ofSeconds(30);

    private final ConcurrentHashMap<String, TableDefinition> tables = new ConcurrentHashMap<>();
    private final CompactedTopicLog log;

    public TableCatalog(String bootstrapServers, String topic) {
        this.log = new CompactedTopicLog(bootstrapServers, topic, "dynalog-catalog-reader", this::apply);
    }

    /** Starts reading and returns once every definition written so far is loaded. */
    public void start(Duration timeout) throws InterruptedException, TimeoutException {
        log.start(timeout);
    }

    private void apply(ConsumerRecord<byte[], byte[]> r) {
        String name = new String(r.key(), StandardCharsets.UTF_8);
        if (r.value() == null) {
            tables.remove(name);
        } else {
            tables.put(name, TableDefinitionCodec.decode(r.value()));
        }
    }

    public Optional<TableDefinition> get(String name) {
        return Optional.ofNullable(tables.get(name));
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
