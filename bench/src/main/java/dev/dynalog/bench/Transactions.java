package dev.dynalog.bench;

import java.net.URI;
import java.util.ArrayList;
import java.util.List;
import java.util.SplittableRandom;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;

/**
 * The accounts of the transaction workloads ({@code transfer}, {@code transact-get}) and which of
 * them a transaction touches. Table {@value #TABLE} has the bench's key schema (pk S, sk N): the
 * accounts are {@code x<g>} with sort keys 0..{@value #SK_PER_PK}-1, {@code --keys} accounts in all.
 *
 * <p>A transaction of {@code items} accounts either shares one partition key ({@code
 * single-partition}: one group, distinct sort keys; every item with one partition key is in one
 * log partition, so the transaction is one log record) or has a partition key per item ({@code
 * cross-partition}: distinct groups, spread over the log partitions by their hash). A transfer
 * debits the first account by {@code items - 1} on the condition that its balance covers it and
 * credits the others by 1; balances start high enough that the condition holds, so what cancels a
 * transfer is a conflict with another one.
 *
 * @param items           accounts per transaction, 2..{@value #SK_PER_PK}
 * @param singlePartition all of a transaction's accounts under one partition key
 * @param groups          partition keys {@code x0 .. x<groups-1>}
 */
record Transactions(int items, boolean singlePartition, long groups) {
    static final String TABLE = "bench_tx";
    static final int SK_PER_PK = 10;
    static final long INITIAL_BALANCE = 1_000_000_000L;

    static Transactions of(int items, String layout, long keys) {
        if (items < 2 || items > SK_PER_PK) {
            throw new IllegalArgumentException("--transaction-items must be 2.." + SK_PER_PK);
        }
        long groups = Math.max(items, keys / SK_PER_PK);
        return switch (layout) {
            case "single-partition" -> new Transactions(items, true, groups);
            case "cross-partition" -> new Transactions(items, false, groups);
            default -> throw new IllegalArgumentException("unknown --transaction-layout " + layout
                    + " (single-partition, cross-partition)");
        };
    }

    String describe() {
        return items + " items per transaction, " + (singlePartition ? "single-partition" : "cross-partition")
                + ", " + groups * SK_PER_PK + " accounts";
    }

    /** The accounts of one transaction: partition keys and sort keys, the debited one first. */
    record Keys(String[] pks, long[] sks) {
    }

    /** Picks a transaction's accounts; the hot groups follow the key distribution. */
    Keys pick(KeyChooser keys, SplittableRandom random) {
        String[] pks = new String[items];
        long[] sks = new long[items];
        if (singlePartition) {
            String pk = "x" + Math.floorMod(keys.next(random), groups);
            List<Long> free = new ArrayList<>();
            for (long sk = 0; sk < SK_PER_PK; sk++) {
                free.add(sk);
            }
            for (int i = 0; i < items; i++) {
                pks[i] = pk;
                sks[i] = free.remove(random.nextInt(free.size()));
            }
        } else {
            for (int i = 0; i < items; i++) {
                String pk;
                do {
                    pk = "x" + Math.floorMod(keys.next(random), groups);
                } while (contains(pks, i, pk));
                pks[i] = pk;
                sks[i] = random.nextInt(SK_PER_PK);
            }
        }
        return new Keys(pks, sks);
    }

    private static boolean contains(String[] pks, int upTo, String pk) {
        for (int i = 0; i < upTo; i++) {
            if (pks[i].equals(pk)) {
                return true;
            }
        }
        return false;
    }

    /** Creates the accounts' table and writes every account with its initial balance. */
    void load(URI endpoint, int threads) throws Exception {
        try (LeanClient setup = new LeanClient(endpoint)) {
            setup.createTable(TABLE);
        }
        ExecutorService pool = Executors.newFixedThreadPool(threads);
        List<Future<?>> parts = new ArrayList<>();
        for (int t = 0; t < threads; t++) {
            int thread = t;
            parts.add(pool.submit(() -> {
                try (LeanClient c = new LeanClient(endpoint)) {
                    StringBuilder body = new StringBuilder(4096);
                    for (long g = thread; g < groups; g += threads) {
                        body.setLength(0);
                        body.append("{\"RequestItems\":{\"").append(TABLE).append("\":[");
                        for (int sk = 0; sk < SK_PER_PK; sk++) {
                            body.append(sk == 0 ? "" : ",").append("{\"PutRequest\":{\"Item\":{\"pk\":{\"S\":\"x").append(g)
                                    .append("\"},\"sk\":{\"N\":\"").append(sk).append("\"},\"bal\":{\"N\":\"")
                                    .append(INITIAL_BALANCE).append("\"}}}}");
                        }
                        body.append("]}}");
                        if (c.call("BatchWriteItem", body.toString()).contains("\"PutRequest\"")) {
                            throw new IllegalStateException("BatchWriteItem left accounts unprocessed");
                        }
                    }
                }
                return null;
            }));
        }
        for (Future<?> f : parts) {
            f.get();
        }
        pool.shutdown();
    }

    /**
     * A transaction the server cancelled (TransactionCanceledException, or TransactionConflictException):
     * counted apart from errors, as DynamoDB's clients expect to retry them.
     */
    static final class Cancelled extends RuntimeException {
        private final boolean byCondition;

        Cancelled(boolean byCondition, String message) {
            super(message, null, false, false);
            this.byCondition = byCondition;
        }

        /** Cancelled because a condition failed, not by a conflict. */
        boolean byCondition() {
            return byCondition;
        }
    }
}
