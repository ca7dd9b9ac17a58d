package dev.dynalog.streams.restore;

import dev.dynalog.core.encoding.ItemCodec;
import dev.dynalog.core.index.IndexEntrySize;
import dev.dynalog.core.index.SecondaryIndex;
import dev.dynalog.core.model.AttributeValue;
import dev.dynalog.core.model.TableDefinition;
import dev.dynalog.core.size.ItemSize;
import dev.dynalog.streams.digest.ItemDigest;
import dev.dynalog.streams.index.GlobalIndexStoreKeys;
import dev.dynalog.streams.query.ItemReader;
import dev.dynalog.streams.state.ItemStoreKeys;
import dev.dynalog.streams.state.KeyRange;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.HexFormat;
import java.util.List;
import java.util.Map;

/**
 * Checks a restored table: its content, scanned afresh from the node's stores, against the
 * replay's state at the cut; and the replay against the digests the live processors recorded in
 * the log. A restore is verified, not trusted: a divergent replay, a lost or doubled load command,
 * or a damaged store all show up as a mismatch.
 */
public final class RestoreVerifier {
    private final ItemReader reader;

    public RestoreVerifier(ItemReader reader) {
        this.reader = reader;
    }

    /**
     * @param sourceIndexNames the source's local index names by index id (the digests name indexes by id)
     */
    Verification verify(TableDefinition source, TableDefinition target, TableReplay replay, ExpectedIndexes expected,
                        int partitions) {
        List<String> problems = new ArrayList<>();
        List<Verification.PartitionCheck> checks = new ArrayList<>();
        byte[] targetId = ItemStoreKeys.tableIdBytes(target.tableId());
        for (int p = 0; p < partitions; p++) {
            Figures expectedItems = replay.figures(source, p);
            Figures actualItems = scanItems(target, p, targetId);
            CheckResult targetResult = CheckResult.of(expectedItems, actualItems);
            if (targetResult != CheckResult.MATCH) {
                problems.add("partition " + p + ": the restored table holds " + describe(actualItems)
                        + ", the replay at the cut " + describe(expectedItems));
            }
            DigestPoint point = replay.outcome(p).lastDigest();
            DigestPoint firstMismatch = replay.outcome(p).firstMismatch();
            if (firstMismatch != null) {
                // Reported at the first point it differed, whether or not the last point agrees again.
                point = firstMismatch;
            }
            CheckResult replayResult = point == null ? CheckResult.NO_DIGEST : point.tableResult();
            if (replayResult == CheckResult.MISMATCH) {
                problems.add("partition " + p + ": the replay at offset " + point.offset() + " holds "
                        + describe(Figures.of(point.replayed().getTable())) + ", the log's digest says "
                        + describe(Figures.of(point.recorded().getTable())));
            }
            List<Verification.LocalIndexCheck> locals = new ArrayList<>();
            Map<String, CheckResult> replayedLocals = point == null ? Map.of() : point.localIndexResults();
            for (SecondaryIndex index : target.indexes().locals()) {
                Figures want = expected.local(index, p);
                Figures got = scanLocalIndex(target, p, targetId, index);
                CheckResult result = CheckResult.of(want, got);
                if (result != CheckResult.MATCH) {
                    problems.add("partition " + p + ", index " + index.name() + ": the restored index holds "
                            + describe(got) + ", the restored items project to " + describe(want));
                }
                CheckResult replayLocal = sourceIndexResult(source, index.name(), replayedLocals, point);
                if (replayLocal == CheckResult.MISMATCH) {
                    problems.add("partition " + p + ", index " + index.name() + ": the replay differs from the log's digest");
                }
                locals.add(new Verification.LocalIndexCheck(index.name(), replayLocal, result, want, got));
            }
            checks.add(new Verification.PartitionCheck(p, point, replayResult, targetResult, expectedItems, actualItems,
                    locals));
        }
        List<Verification.IndexCheck> indexes = new ArrayList<>();
        for (SecondaryIndex index : target.indexes().all()) {
            Figures want = expected.total(index);
            Figures got = index.isGlobal() ? scanGlobalIndex(index, partitions)
                    : checks.stream().flatMap(c -> c.localIndexes().stream())
                            .filter(l -> l.indexName().equals(index.name()))
                            .map(Verification.LocalIndexCheck::actual).reduce(Figures.ZERO, Figures::plus);
            CheckResult result = CheckResult.of(want, got);
            if (result != CheckResult.MATCH && index.isGlobal()) {
                problems.add("index " + index.name() + ": the restored index holds " + describe(got)
                        + ", the restored items project to " + describe(want));
            }
            indexes.add(new Verification.IndexCheck(index.name(), index.isGlobal() ? "GSI" : "LSI", result, want, got));
        }
        return new Verification(checks, indexes, problems);
    }

    /** The source's local index of that name checked at the digest point, by its id. */
    private static CheckResult sourceIndexResult(TableDefinition source, String indexName,
                                                 Map<String, CheckResult> byId, DigestPoint point) {
        if (point == null) {
            return CheckResult.NO_DIGEST;
        }
        return source.indexes().locals().stream().filter(i -> i.name().equals(indexName)).findFirst()
                .map(i -> byId.getOrDefault(i.indexId(), CheckResult.NO_DIGEST)).orElse(CheckResult.NO_DIGEST);
    }

    private Figures scanItems(TableDefinition target, int partition, byte[] targetId) {
        Figures[] sum = {Figures.ZERO};
        reader.scan(target, partition, ItemStoreKeys.allItems(targetId), false, true, stored -> {
            Map<String, AttributeValue> item = ItemCodec.decode(stored.value());
            sum[0] = sum[0].plus(ItemSize.of(item), ItemDigest.of(item));
            return true;
        });
        return sum[0];
    }

    private Figures scanLocalIndex(TableDefinition target, int partition, byte[] targetId, SecondaryIndex index) {
        byte[] prefix = ItemStoreKeys.localIndexPrefix(targetId, HexFormat.of().parseHex(index.indexId()));
        Figures[] sum = {Figures.ZERO};
        reader.scan(target, partition, KeyRange.withPrefix(prefix), false, true, stored -> {
            Map<String, AttributeValue> value = ItemCodec.decode(stored.value());
            byte[] entryKey = Arrays.copyOfRange(stored.storeKey(), prefix.length, stored.storeKey().length);
            sum[0] = sum[0].plus(IndexEntrySize.of(value), ItemDigest.ofEntry(entryKey, value));
            return true;
        });
        return sum[0];
    }

    private Figures scanGlobalIndex(SecondaryIndex index, int partitions) {
        byte[] indexId = HexFormat.of().parseHex(index.indexId());
        Figures[] sum = {Figures.ZERO};
        for (int p = 0; p < partitions; p++) {
            reader.scanGlobalIndex(p, GlobalIndexStoreKeys.allEntries(indexId), false, stored -> {
                Map<String, AttributeValue> value = ItemCodec.decode(stored.value());
                sum[0] = sum[0].plus(IndexEntrySize.of(value),
                        ItemDigest.ofEntry(GlobalIndexStoreKeys.entryKey(stored.storeKey()), value));
                return true;
            });
        }
        return sum[0];
    }

    private static String describe(Figures f) {
        return f.itemCount() + " items of " + f.sizeBytes() + " bytes"
                + (f.checksum() == null ? "" : " (checksum " + f.checksumHex() + ")");
    }
}
