package dev.dynalog.streams;

/**
 * Names of the Kafka topics of a dynalog cluster, all under one prefix (the application id).
 *
 * <ul>
 *   <li>{@code <prefix>._catalog}: table definitions, compacted, one partition</li>
 *   <li>{@code <prefix>.commands}: the command log of every table, one partition per table
 *   partition</li>
 *   <li>{@code <prefix>._schemas}: the embedded schema registry's storage, compacted, one
 *   partition</li>
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

    public String schemas() {
        return prefix + "._schemas";
    }
}
