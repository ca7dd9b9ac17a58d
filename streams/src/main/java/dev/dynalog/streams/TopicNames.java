package dev.dynalog.streams;

/**
 * Names of the Kafka topics of a dynalog cluster, all under one prefix (the application id).
 *
 * <ul>
 *   <li>{@code <prefix>._catalog}: table definitions, compacted, one partition</li>
 *   <li>{@code <prefix>.commands}: the command log of every table, one partition per table
 *   partition</li>
 *   <li>{@code <prefix>.indexes}: the updates of every global secondary index, keyed and
 *   partitioned by index partition key, as many partitions as the command log</li>
 *   <li>{@code <prefix>._schemas}: the embedded schema registry's storage, compacted, one
 *   partition</li>
 *   <li>{@code <prefix>.<TableName>.changes}: a table's change stream, one partition per
 *   command-log partition (partition {@code p} holds the changes decided by task {@code p}, so a
 *   DynamoDB Streams shard is a partition)</li>
 * </ul>
 *
 * <p>All tables share one command log. Partition {@code p} of it is the input log of partition
 * {@code p} of every table, and Kafka Streams task {@code p} owns it. A per-table command topic
 * would make every CreateTable and DeleteTable a rebalance of the whole application, pausing
 * every table; and Kafka Streams cannot drop a deleted source topic from an exactly-once task (it
 * keeps committing offsets for it until the transaction times out and the task is rebuilt from
 * its changelog). Per-table topics remain for what consumers read per table: change streams and
 * index topics.
 */
public final class TopicNames {
    private static final String CHANGES_SUFFIX = ".changes";
    private static final int MAX_TOPIC_NAME_LENGTH = 249;

    private final String prefix;

    public TopicNames(String prefix) {
        this.prefix = prefix;
    }

    public String catalog() {
        return prefix + "._catalog";
    }

    public String commandLog() {
        return prefix + ".commands";
    }

    /**
     * The index log: one topic for every global index, as one command log serves every table, so
     * creating or deleting an index creates no topic and triggers no rebalance. An index's
     * entries are told apart by index id.
     */
    public String indexLog() {
        return prefix + ".indexes";
    }

    /**
     * The digests topic: each partition's processor records there, at intervals, what each table's
     * state in its partition adds up to, so a restore checks its replay against it. Partition p of
     * the topic holds the digests of partition p of the command log; it is kept as long as the
     * command log, whose commands the digests are about.
     */
    public String digests() {
        return prefix + ".digests";
    }

    /**
     * The snapshots topic: now and then the state of every partition at a cut of the command log,
     * re-derived by a replay and written in chunks, so that a restore need not replay the log from
     * its beginning, and can still start once retention has removed the log's oldest commands.
     * Partition p holds the snapshots of partition p of the command log.
     */
    public String snapshots() {
        return prefix + ".snapshots";
    }

    /** The compacted topic holding the key that nodes of a cluster sign their calls to each other with. */
    public String clusterKeys() {
        return prefix + ".cluster-keys";
    }

    public String schemas() {
        return prefix + "._schemas";
    }

    /**
     * The change topic of the table named {@code tableName}. Table names use only characters that
     * Kafka allows in topic names ({@code a-z A-Z 0-9 _ - .}) and the suffix is fixed, so distinct
     * tables get distinct topics. The topic outlives the table: a table created again under the
     * same name writes to the same topic, its records told apart by table id and stream label.
     *
     * <p>Kafka limits topic names to 249 characters and DynamoDB allows 255 for table names: a
     * name too long keeps its first characters and ends with the hex hash of the whole name.
     */
    public String changes(String tableName) {
        String name = prefix + "." + tableName + CHANGES_SUFFIX;
        if (name.length() <= MAX_TOPIC_NAME_LENGTH) {
            return name;
        }
        String hash = String.format("%08x", tableName.hashCode());
        int keep = MAX_TOPIC_NAME_LENGTH - prefix.length() - 2 - hash.length() - CHANGES_SUFFIX.length();
        return prefix + "." + tableName.substring(0, keep) + "-" + hash + CHANGES_SUFFIX;
    }
}
