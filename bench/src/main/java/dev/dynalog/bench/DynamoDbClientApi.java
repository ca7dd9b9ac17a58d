package dev.dynalog.bench;

import java.util.concurrent.ThreadLocalRandom;

/**
 * The handful of DynamoDB calls the workloads make, so the same workload can run through the
 * AWS SDK or through the lean HTTP client. Items are {pk: S, sk: N, payload: S, ver: N}; the
 * transaction workloads' accounts are {pk: S, sk: N, bal: N}.
 */
interface DynamoDbClientApi extends AutoCloseable {

    void createTable(String table);

    void put(String table, String pk, long sk, String payload, long version);

    /**
     * Increments an existing item's version and replaces its payload, on the condition that the
     * item exists (a conditional UpdateItem that returns nothing).
     */
    void update(String table, String pk, long sk, String payload);

    /** The item's version, or -1 if there is no item. */
    long get(String table, String pk, long sk, boolean consistent);

    /**
     * The item's version read with PartiQL ({@code SELECT * FROM t WHERE pk = ? AND sk = ?}, an
     * eventually consistent ExecuteStatement), or -1 if there is no item: GetItem's work by
     * another road, to compare with {@link #get}.
     */
    long selectByKey(String table, String pk, long sk);

    /** Number of items returned. */
    int query(String table, String pk);

    /** One page of a scan; returns the LastEvaluatedKey's pk and sk as "pk|sk", or null at the end. */
    String scanPage(String table, int limit, String startAfter);

    /**
     * One TransactWriteItems: the first account ({@code pks[0]}, {@code sks[0]}) debited by the
     * number of the others on the condition that its {@code bal} covers it, each other credited 1;
     * throws {@link Transactions.Cancelled} if the server cancelled it.
     */
    void transfer(String table, String[] pks, long[] sks);

    /** One TransactGetItems of the items; the number of items found; {@link Transactions.Cancelled} if cancelled. */
    int transactGet(String table, String[] pks, long[] sks);

    /**
     * One BatchWriteItem putting items {@code pks[i]} (sort key 0) with version {@code firstVersion + i},
     * its UnprocessedItems sent again after {@link #backOff} until every item is written; returns
     * how many items were sent again. Throws once {@value #BATCH_RESENDS} resends left some
     * unwritten, so that a server that keeps refusing shows as errors rather than a stalled thread.
     */
    int batchWrite(String table, String[] pks, String payload, long firstVersion);

    int BATCH_RESENDS = 10;

    /**
     * The wait before resend {@code attempt} (0, 1, ...) of unprocessed items: exponential with
     * jitter, as AWS asks of BatchWriteItem callers, from 1-2 ms up to 50-100 ms.
     */
    static void backOff(int attempt) {
        long ceiling = Math.min(100, 2L << attempt);
        try {
            Thread.sleep(ThreadLocalRandom.current().nextLong(ceiling / 2, ceiling + 1));
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }

    @Override
    void close();
}
