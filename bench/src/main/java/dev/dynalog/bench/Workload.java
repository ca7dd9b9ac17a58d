package dev.dynalog.bench;

import java.util.SplittableRandom;

/**
 * The YCSB-style workloads. Items live in one table per server: {@code u<n>} (sort key 0) for
 * single-item workloads, {@code q<n>} with sort keys 0..99 for queries. The transaction workloads
 * have accounts of their own ({@link Transactions}): {@code transfer} is a TransactWriteItems,
 * {@code transact-get} a TransactGetItems of the same items. {@code batch-write} writes the same
 * items as {@code put}, {@value #BATCH_ITEMS} distinct keys per BatchWriteItem. {@code partiql-get}
 * reads what {@code get} reads, with an ExecuteStatement SELECT by the whole key.
 */
enum Workload {
    PUT, UPDATE, GET, PARTIQL_GET, QUERY, SCAN, MIXED, RYW, TRANSFER, TRANSACT_GET, BATCH_WRITE;

    static final String TABLE = "bench";
    static final int QUERY_ITEMS = 100;
    /** DynamoDB's limit of writes per BatchWriteItem. */
    static final int BATCH_ITEMS = 25;
    /** Draws of keys one batch may take before batch-write gives up on finding {@value #BATCH_ITEMS} distinct ones. */
    static final int BATCH_DRAWS = 10_000;

    /**
     * What one thread needs to run operations; {@code resent} adds up the unprocessed items of
     * batch writes that had to be sent again.
     */
    record Context(DynamoDbClientApi client, KeyChooser keys, long queryPartitions, String payload, int thread,
                   SplittableRandom random, long[] counter, String[] scanPosition, Transactions transactions,
                   long[] resent) {
    }

    /** A transaction workload: what the server cancels is counted apart from errors. */
    boolean transactional() {
        return this == TRANSFER || this == TRANSACT_GET;
    }

    /** Runs one operation; returns false if it observed a stale read. */
    boolean run(Context c) {
        switch (this) {
            case PUT -> c.client().put(TABLE, "u" + c.keys().next(c.random()), 0, c.payload(), c.counter()[0]++);
            case UPDATE -> c.client().update(TABLE, "u" + c.keys().next(c.random()), 0, c.payload());
            case GET -> c.client().get(TABLE, "u" + c.keys().next(c.random()), 0, false);
            case PARTIQL_GET -> c.client().selectByKey(TABLE, "u" + c.keys().next(c.random()), 0);
            case QUERY -> {
                int n = c.client().query(TABLE, "q" + c.random().nextLong(c.queryPartitions()));
                if (n != QUERY_ITEMS) {
                    throw new IllegalStateException("query returned " + n + " items, expected " + QUERY_ITEMS);
                }
            }
            case SCAN -> c.scanPosition()[0] = c.client().scanPage(TABLE, 100, c.scanPosition()[0]);
            case MIXED -> {
                // 50% reads, 50% conditional updates of the same key space (YCSB workload A).
                String pk = "u" + c.keys().next(c.random());
                if (c.random().nextBoolean()) {
                    c.client().get(TABLE, pk, 0, false);
                } else {
                    c.client().update(TABLE, pk, 0, c.payload());
                }
            }
            case RYW -> {
                // Each thread owns its keys, so the read must return exactly the version just written.
                String pk = "r" + c.thread() + "-" + c.random().nextInt(1000);
                long version = ++c.counter()[0];
                c.client().put(TABLE, pk, 0, c.payload(), version);
                return c.client().get(TABLE, pk, 0, true) == version;
            }
            case TRANSFER -> {
                Transactions.Keys k = c.transactions().pick(c.keys(), c.random());
                c.client().transfer(Transactions.TABLE, k.pks(), k.sks());
            }
            case TRANSACT_GET -> {
                Transactions.Keys k = c.transactions().pick(c.keys(), c.random());
                int n = c.client().transactGet(Transactions.TABLE, k.pks(), k.sks());
                if (n != k.pks().length) {
                    throw new IllegalStateException("TransactGetItems found " + n + " items, expected " + k.pks().length);
                }
            }
            case BATCH_WRITE -> {
                long version = c.counter()[0];
                c.counter()[0] += BATCH_ITEMS;
                c.resent()[0] += c.client().batchWrite(TABLE, distinctKeys(c), c.payload(), version);
            }
        }
        return true;
    }

    /** {@value #BATCH_ITEMS} keys of the put workload's; distinct, as one BatchWriteItem must not repeat a key. */
    private static String[] distinctKeys(Context c) {
        long[] drawn = new long[BATCH_ITEMS];
        String[] pks = new String[BATCH_ITEMS];
        int draws = 0;
        for (int i = 0; i < BATCH_ITEMS; i++) {
            long k;
            do {
                // a chooser may reach fewer keys than it is given (the zipfian hash is no permutation)
                if (++draws > BATCH_DRAWS) {
                    throw new IllegalStateException("batch-write drew " + i + " distinct keys in " + BATCH_DRAWS
                            + " draws, fewer than a batch's " + BATCH_ITEMS + ": too few keys for this distribution");
                }
                k = c.keys().next(c.random());
            } while (contains(drawn, i, k));
            drawn[i] = k;
            pks[i] = "u" + k;
        }
        return pks;
    }

    private static boolean contains(long[] keys, int upTo, long key) {
        for (int i = 0; i < upTo; i++) {
            if (keys[i] == key) {
                return true;
            }
        }
        return false;
    }

    static Workload parse(String name) {
        return valueOf(name.trim().toUpperCase().replace('-', '_'));
    }
}
