package dev.dynalog.bench;

/**
 * The handful of DynamoDB calls the workloads make, so the same workload can run through the
 * AWS SDK or through the lean HTTP client. Items are {pk: S, sk: N, payload: S, ver: N}.
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

    /** Number of items returned. */
    int query(String table, String pk);

    /** One page of a scan; returns the LastEvaluatedKey's pk and sk as "pk|sk", or null at the end. */
    String scanPage(String table, int limit, String startAfter);

    @Override
    void close();
}
