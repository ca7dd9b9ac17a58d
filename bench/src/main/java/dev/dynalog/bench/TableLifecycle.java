package dev.dynalog.bench;

import java.util.List;
import java.util.Map;
import java.util.Optional;
import org.HdrHistogram.Histogram;
import software.amazon.awssdk.services.dynamodb.DynamoDbClient;
import software.amazon.awssdk.services.dynamodb.model.AttributeValue;
import software.amazon.awssdk.services.dynamodb.model.BillingMode;
import software.amazon.awssdk.services.dynamodb.model.KeyType;
import software.amazon.awssdk.services.dynamodb.model.ScalarAttributeType;
import software.amazon.awssdk.services.dynamodb.waiters.DynamoDbWaiter;

/**
 * The {@code lifecycle} workload: what a test suite's table fixtures do with a local DynamoDB,
 * timed. One thread runs cycles of CreateTable (PAY_PER_REQUEST, hash key {@code id} S),
 * waitUntilTableExists, PutItem, a consistent GetItem of that item, DeleteTable and
 * waitUntilTableNotExists, one after the other, on one table name (as a fixture that creates its
 * table before each test and deletes it after), through one AWS SDK v2 client with the SDK's
 * defaults.
 *
 * <p>The waiters are the SDK's, with its default configuration, as users get them: the first
 * DescribeTable at once, then one every 20 s (25 at most). A table that is not ACTIVE (or not gone)
 * when the first poll comes costs the cycle 20 s, so the polls the waiters needed are reported
 * with the times.
 *
 * <p>One cycle before the counted ones is not counted: it loads the SDK's classes in the harness,
 * which only the first server measured would otherwise pay. Its time is reported on its own.
 */
final class TableLifecycle {
    static final String WORKLOAD = "lifecycle";
    static final String TABLE = "benchlifecycle";
    private static final long READY_TIMEOUT_NANOS = 60_000_000_000L;

    /**
     * One server's cycles.
     *
     * @param readySeconds from launching the server's JVM until its first answered request
     * @param cyclesDone the counted cycles that completed: {@code cycles} unless one failed
     * @param firstCycleMillis the uncounted first cycle's time; NaN if it failed
     * @param totalSeconds the counted cycles' time, end to end
     * @param cycleMicros each counted cycle's time
     * @param polls DescribeTable calls of both waiters in the counted cycles
     * @param slowWaits waits that needed more than one poll
     * @param stepNanos each step's time ({@link #STEPS}) summed over the counted cycles
     * @param failure why a cycle did not complete; null if all did
     */
    record Result(String server, double readySeconds, int cycles, int cyclesDone, double firstCycleMillis,
                  double totalSeconds, Histogram cycleMicros, long polls, long slowWaits, long[] stepNanos,
                  String failure) {

        boolean failed() {
            return failure != null;
        }

        double meanMillis() {
            return cyclesDone == 0 ? Double.NaN : totalSeconds * 1000 / cyclesDone;
        }

        double p99Millis() {
            return cyclesDone == 0 ? Double.NaN : cycleMicros.getValueAtPercentile(99) / 1000.0;
        }

        String line() {
            return String.format("lifecycle %-8s ready %.2f s after launch; %d/%d cycles in %.2f s: mean %.1f ms, p99 %.1f ms "
                            + "(first, uncounted cycle %.1f ms); %d waiter polls, %d waits needed more than one; "
                            + "mean ms per step: %s%s",
                    server, readySeconds, cyclesDone, cycles, totalSeconds, meanMillis(), p99Millis(), firstCycleMillis,
                    polls, slowWaits, steps(), failure == null ? "" : "; " + failure);
        }

        String steps() {
            StringBuilder b = new StringBuilder();
            for (int i = 0; i < STEPS.size(); i++) {
                b.append(i == 0 ? "" : ", ").append(STEPS.get(i)).append(' ')
                        .append(cyclesDone == 0 ? "-" : String.format("%.1f", stepNanos[i] / 1e6 / cyclesDone));
            }
            return b.toString();
        }

        String markdownRow() {
            return String.format("| %s | %.2f | %d | %.1f | %.2f | %.1f | %.1f | %d | %d | %s | %s |%n", server, readySeconds,
                    cyclesDone, firstCycleMillis, totalSeconds, meanMillis(), p99Millis(), polls, slowWaits, steps(),
                    failure == null ? "ok" : failure);
        }
    }

    /** The steps of a cycle, in order. */
    static final List<String> STEPS = List.of("create", "wait", "put", "get", "delete", "wait");

    /** A cycle's time, its steps' times and the polls its two waits took. */
    private record Cycle(long nanos, long[] stepNanos, int createPolls, int deletePolls) {
    }

    private TableLifecycle() {
    }

    /**
     * Seconds from launching the server's JVM until it answers a request (ListTables); to be called
     * as soon as the server has started, before anything else is sent to it.
     */
    static double readySeconds(ServerProcess server) throws InterruptedException {
        try (LeanClient c = new LeanClient(server.endpoint())) {
            while (true) {
                try {
                    c.call("ListTables", "{}");
                    return (System.nanoTime() - server.launchedNanos()) / 1e9;
                } catch (RuntimeException e) {
                    // the harness saw the port open; the first answer can still fail or come later
                    if (System.nanoTime() - server.launchedNanos() > READY_TIMEOUT_NANOS) {
                        throw new IllegalStateException(server.name() + " answered no ListTables within 60 s of its launch", e);
                    }
                    Thread.sleep(10);
                }
            }
        }
    }

    /** Runs one uncounted cycle, then {@code cycles} counted ones, stopping at the first that fails. */
    static Result run(ServerProcess server, int cycles, double readySeconds) {
        Histogram cycleMicros = new Histogram(3);
        long[] stepNanos = new long[STEPS.size()];
        long polls = 0;
        long slowWaits = 0;
        int done = 0;
        double firstCycleMillis = Double.NaN;
        long started = System.nanoTime();
        String failure = null;
        try (DynamoDbClient db = SdkClient.withDefaults(server.endpoint()); DynamoDbWaiter waiter = db.waiter()) {
            try {
                firstCycleMillis = cycle(db, waiter, -1).nanos() / 1e6;
                started = System.nanoTime();
                for (int i = 0; i < cycles; i++) {
                    Cycle c = cycle(db, waiter, i);
                    cycleMicros.recordValue(c.nanos() / 1000);
                    for (int s = 0; s < stepNanos.length; s++) {
                        stepNanos[s] += c.stepNanos()[s];
                    }
                    polls += c.createPolls() + c.deletePolls();
                    slowWaits += (c.createPolls() > 1 ? 1 : 0) + (c.deletePolls() > 1 ? 1 : 0);
                    done++;
                    if (done % Math.max(1, cycles / 4) == 0 && done < cycles) {
                        System.out.printf("lifecycle %s: %d/%d cycles in %.1f s%n", server.name(), done, cycles,
                                (System.nanoTime() - started) / 1e9);
                    }
                }
            } catch (RuntimeException e) {
                // the SDK's exceptions (a waiter that gave up included) and a wrong GetItem answer
                failure = "failed in " + (Double.isNaN(firstCycleMillis) ? "the uncounted first cycle" : "cycle " + (done + 1))
                        + ": " + e;
            }
        }
        double totalSeconds = (System.nanoTime() - started) / 1e9;
        return new Result(server.name(), readySeconds, cycles, done, firstCycleMillis, totalSeconds, cycleMicros, polls,
                slowWaits, stepNanos, failure);
    }

    private static Cycle cycle(DynamoDbClient db, DynamoDbWaiter waiter, int cycle) {
        long[] at = new long[STEPS.size() + 1];
        at[0] = System.nanoTime();
        db.createTable(t -> t.tableName(TABLE).billingMode(BillingMode.PAY_PER_REQUEST)
                .keySchema(k -> k.attributeName("id").keyType(KeyType.HASH))
                .attributeDefinitions(a -> a.attributeName("id").attributeType(ScalarAttributeType.S)));
        at[1] = System.nanoTime();
        int createPolls = waiter.waitUntilTableExists(r -> r.tableName(TABLE)).attemptsExecuted();
        at[2] = System.nanoTime();
        Map<String, AttributeValue> item = Map.of("id", AttributeValue.fromS("item" + cycle),
                "cycle", AttributeValue.fromN(Integer.toString(cycle)));
        db.putItem(p -> p.tableName(TABLE).item(item));
        at[3] = System.nanoTime();
        Map<String, AttributeValue> read = db.getItem(g -> g.tableName(TABLE).consistentRead(true)
                .key(Map.of("id", item.get("id")))).item();
        if (!item.equals(read)) {
            throw new IllegalStateException("a consistent GetItem of the item just put answered " + read);
        }
        at[4] = System.nanoTime();
        db.deleteTable(d -> d.tableName(TABLE));
        at[5] = System.nanoTime();
        int deletePolls = waiter.waitUntilTableNotExists(r -> r.tableName(TABLE)).attemptsExecuted();
        at[6] = System.nanoTime();
        long[] steps = new long[STEPS.size()];
        for (int i = 0; i < steps.length; i++) {
            steps[i] = at[i + 1] - at[i];
        }
        return new Cycle(at[6] - at[0], steps, createPolls, deletePolls);
    }

    /** How dynalog compares with DynamoDB Local, in total time and ready time; empty without both. */
    static Optional<String> ratio(List<Result> results) {
        Optional<Result> dynalog = results.stream().filter(r -> r.server().equals("dynalog") && !r.failed()).findFirst();
        Optional<Result> local = results.stream().filter(r -> r.server().equals("ddblocal") && !r.failed()).findFirst();
        if (dynalog.isEmpty() || local.isEmpty()) {
            return Optional.empty();
        }
        Result d = dynalog.get();
        Result l = local.get();
        return Optional.of(String.format("lifecycle: dynalog/ddblocal total time = %.2fx (%.2f s vs %.2f s for %d cycles; "
                        + "lower is better for dynalog, below 1 it ran the cycles in less time); ready time %.2fx (%.2f s vs %.2f s)",
                d.totalSeconds() / l.totalSeconds(), d.totalSeconds(), l.totalSeconds(), d.cycles(),
                d.readySeconds() / l.readySeconds(), d.readySeconds(), l.readySeconds()));
    }

    static String markdown(List<Result> results) {
        StringBuilder md = new StringBuilder("\n## Lifecycle\n\nA test suite's table fixtures, one thread: CreateTable "
                + "(PAY_PER_REQUEST, hash key `id` S), the AWS SDK v2 waiter waitUntilTableExists (default configuration: "
                + "a DescribeTable at once, then one every 20 s), PutItem, a consistent GetItem, DeleteTable, "
                + "waitUntilTableNotExists; one SDK client with the SDK's defaults. Ready is from launching the server's "
                + "JVM until it answers a ListTables (fresh data directory). One uncounted cycle runs first (it loads the "
                + "SDK's classes in the harness); its time is the first cycle column. Polls are the waiters' "
                + "DescribeTable calls over the counted cycles (two waits per cycle, one poll each at best).\n\n"
                + "| server | ready s | cycles | first cycle ms | total s | mean ms/cycle | p99 ms/cycle | waiter polls "
                + "| waits over one poll | mean ms per step | result |\n"
                + "|---|---:|---:|---:|---:|---:|---:|---:|---:|---|---|\n");
        results.forEach(r -> md.append(r.markdownRow()));
        ratio(results).ifPresent(r -> md.append("\n- ").append(r).append("\n"));
        return md.toString();
    }
}
