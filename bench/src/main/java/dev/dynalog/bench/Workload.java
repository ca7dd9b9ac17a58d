package dev.dynalog.bench;

import java.util.SplittableRandom;

/**
 * The YCSB-style workloads. Items live in one table per server: {@code u<n>} (sort key 0) for
 * single-item workloads, {@code q<n>} with sort keys 0..99 for queries. The transaction workloads
 * have accounts of their own ({@link Transactions}): {@code transfer} is a TransactWriteItems,
 * {@code transact-get} a TransactGetItems of the same items.
 */
enum Workload {
    PUT, UPDATE, GET, QUERY, SCAN, MIXED, RYW, TRANSFER, TRANSACT_GET;

    static final String TABLE = "bench";
    static final int QUERY_ITEMS = 100;

    /** What one thread needs to run operations. */
    record Context(DynamoDbClientApi client, KeyChooser keys, long queryPartitions, String payload, int thread,
                   SplittableRandom random, long[] counter, String[] scanPosition, Transactions transactions) {
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
        }
        return true;
    }

    static Workload parse(String name) {
        return valueOf(name.trim().toUpperCase().replace('-', '_'));
    }
}
