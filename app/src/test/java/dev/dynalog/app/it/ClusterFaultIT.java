package dev.dynalog.app.it;

import static org.assertj.core.api.Assertions.assertThat;

import dev.dynalog.schemas.change.ChangeRecord;
import dev.dynalog.streams.TopicNames;
import java.net.URI;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Collections;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Properties;
import java.util.Set;
import java.util.TreeMap;
import java.util.TreeSet;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.ThreadLocalRandom;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicLong;
import java.util.stream.Collectors;
import org.apache.kafka.clients.admin.Admin;
import org.apache.kafka.clients.admin.AdminClientConfig;
import org.apache.kafka.clients.admin.TopicDescription;
import org.apache.kafka.common.config.ConfigResource;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import software.amazon.awssdk.auth.credentials.AwsBasicCredentials;
import software.amazon.awssdk.auth.credentials.StaticCredentialsProvider;
import software.amazon.awssdk.core.exception.SdkClientException;
import software.amazon.awssdk.core.exception.SdkException;
import software.amazon.awssdk.http.urlconnection.UrlConnectionHttpClient;
import software.amazon.awssdk.regions.Region;
import software.amazon.awssdk.services.dynamodb.DynamoDbClient;
import software.amazon.awssdk.services.dynamodb.model.AttributeValue;
import software.amazon.awssdk.services.dynamodb.model.ConditionalCheckFailedException;
import software.amazon.awssdk.services.dynamodb.model.DynamoDbException;
import software.amazon.awssdk.services.dynamodb.model.GetItemResponse;
import software.amazon.awssdk.services.dynamodb.model.ProjectionType;
import software.amazon.awssdk.services.dynamodb.model.ReturnValue;
import software.amazon.awssdk.services.dynamodb.model.StreamViewType;

/**
 * A cluster under faults, checked as a user of DynamoDB would check it: three brokers and three
 * dynalog nodes, each a process of its own, while writers and readers go through random nodes
 * and the schedule SIGKILLs nodes and restarts them, restarts brokers (SIGTERM and SIGKILL), and
 * adds a fourth node and removes it again.
 *
 * <p>Every write is auditable: it bumps an item's counter {@code n} under the condition that
 * {@code n} is what a strong read just returned, adds its unique id to the item's string set
 * {@code ids}, names itself in {@code last} and moves the item to another index partition
 * ({@code g}, the GSI's key). Because every write is conditioned on the counter, which only
 * grows, a write applies at most once however often it is retried, by the SDK or by the writer
 * (which, after a call that failed, retries with a new strong read until the id is in the item or
 * a new attempt succeeds). A second application of one write, or a write applied without its
 * effects, would break {@code n == |ids|} or show in the change stream.
 *
 * <p>Asserted at the end: (1) every write acknowledged with a 200 is in its item exactly once and
 * at the counter value its answer returned; (2) no strong read that began after a write's 200
 * returned a counter below it; (3) the change topic holds for every item one record per
 * counter value from the item's creation to its final value, in order, each adding exactly the
 * id it names to the set of the one before, every acknowledged id in exactly one record, the last
 * new image equal to the item; (4) the GSI equals the projection of the table; (5) no SDK call
 * (apiCallTimeout 60 s, with the SDK's retries inside it) took longer than 65 s, no write was
 * left unresolved for longer than 3 minutes, and every call that failed failed retryably (5xx,
 * throttling, connection or timeout); calls that failed are counted and printed, not asserted,
 * since a call in flight to a node that is killed fails by design; (6) after every node kill a
 * write to every item (so to every partition) sent after the kill succeeds within 2 minutes; (7)
 * dynalog's topics, its Kafka Streams changelogs among them, have replication factor 3 and the
 * command log min.insync.replicas 2.
 *
 * <p>{@code -Dfault.profile=long} runs at least 20 node kills and 3 broker restarts instead of
 * the short default (2 kills, 1 broker restart, 1 node added and removed).
 */
class ClusterFaultIT {
    private static final String TABLE = "audit";
    private static final String INDEX = "byGroup";
    private static final int ITEMS = 8;
    private static final int WRITERS = 3;
    private static final int READERS = 2;
    private static final Duration API_CALL_TIMEOUT = Duration.ofSeconds(60);
    private static final TopicNames TOPICS = new TopicNames("dynalog");

    @TempDir
    Path dir;

    /** How many faults of each kind a run injects. */
    record Profile(String name, int nodeKills, int brokerRestarts, int nodeAdditions) {
        static Profile chosen() {
            return "long".equals(System.getProperty("fault.profile")) ? new Profile("long", 20, 3, 2)
                    : new Profile("short", 2, 1, 1);
        }
    }

    /** A dynalog node: its port and data directory outlive its processes. */
    final class Node {
        final String name;
        final int port;
        final Path dataDir;
        final DynamoDbClient client;
        volatile DynalogProcess process;
        volatile boolean up;

        Node(String name) throws Exception {
            this.name = name;
            this.port = DynalogProcess.freePort();
            this.dataDir = dir.resolve(name);
            this.client = client(URI.create("http://127.0.0.1:" + port));
        }

        void start(String bootstrapServers) throws Exception {
            process = DynalogProcess.serve(dataDir, "--port", String.valueOf(port), "--bootstrap-servers",
                    bootstrapServers, "--advertised-url", "http://127.0.0.1:" + port, "--host", "127.0.0.1",
                    "--partitions", "4", "--standby-replicas", "1", "--schema-registry-port", "0",
                    "--data-dir", dataDir.toString());
            up = true;
        }

        /** Takes the node out of the clients' choice, then stops it: SIGKILL or SIGTERM. */
        void stop(boolean kill) throws InterruptedException {
            up = false;
            Process p = process.process();
            if (kill) {
                p.destroyForcibly();
            } else {
                p.destroy();
            }
            if (!p.waitFor(120, TimeUnit.SECONDS)) {
                p.destroyForcibly().waitFor(30, TimeUnit.SECONDS);
            }
        }
    }

    /** A write answered with a 200: its id, the counter it set, when it was sent and answered. */
    record Ack(int item, String id, long n, long sentNanos, long ackNanos) {
    }

    /** A strong read that succeeded: when it began and the counter it saw. */
    record Read(int item, long beganNanos, long n) {
    }

    private final List<Node> nodes = new CopyOnWriteArrayList<>();
    private final List<Ack> acks = Collections.synchronizedList(new ArrayList<>());
    private final List<Read> reads = Collections.synchronizedList(new ArrayList<>());
    private final Set<String> appliedUnacknowledged = ConcurrentHashMap.newKeySet();
    private final List<String> unresolved = Collections.synchronizedList(new ArrayList<>());
    private final Map<String, AtomicLong> failedCalls = new ConcurrentHashMap<>();
    private final List<String> unexpected = Collections.synchronizedList(new ArrayList<>());
    private final AtomicLong slowestCallMillis = new AtomicLong();
    private final AtomicBoolean stop = new AtomicBoolean();

    private static DynamoDbClient client(URI endpoint) {
        return DynamoDbClient.builder()
                .endpointOverride(endpoint)
                .region(Region.US_EAST_1)
                .credentialsProvider(StaticCredentialsProvider.create(AwsBasicCredentials.create("AKIDLOCAL", "secret")))
                .httpClient(UrlConnectionHttpClient.builder().connectionTimeout(Duration.ofSeconds(2))
                        .socketTimeout(Duration.ofSeconds(45)).build())
                .overrideConfiguration(o -> o.apiCallTimeout(API_CALL_TIMEOUT).retryStrategy(b -> b.maxAttempts(8)))
                .build();
    }

    private static Map<String, AttributeValue> key(int item) {
        return Map.of("pk", AttributeValue.fromS("item" + item));
    }

    private Node randomUpNode() {
        List<Node> up = nodes.stream().filter(n -> n.up).toList();
        return up.get(ThreadLocalRandom.current().nextInt(up.size()));
    }

    /**
     * Counts a call that failed, by kind; one that should never fail is kept for the assertion.
     * Returns whether it failed retryably.
     */
    private boolean failed(SdkException e) {
        String kind;
        if (e instanceof DynamoDbException d && (d.statusCode() >= 500 || d.isThrottlingException())) {
            kind = d.statusCode() + " " + d.awsErrorDetails().errorCode();
        } else if (e instanceof SdkClientException) {
            kind = "client: " + e.getClass().getSimpleName();
        } else {
            kind = "unexpected";
            unexpected.add(e.toString());
        }
        failedCalls.computeIfAbsent(kind, k -> new AtomicLong()).incrementAndGet();
        return !kind.equals("unexpected");
    }

    private void timed(long beganNanos) {
        slowestCallMillis.accumulateAndGet((System.nanoTime() - beganNanos) / 1_000_000, Math::max);
    }

    /** A strong read of the item through the node, recorded for the stale-read check. */
    private GetItemResponse strongRead(Node node, int item) {
        long began = System.nanoTime();
        try {
            GetItemResponse r = node.client.getItem(g -> g.tableName(TABLE).key(key(item)).consistentRead(true));
            reads.add(new Read(item, began, Long.parseLong(r.item().get("n").n())));
            return r;
        } finally {
            timed(began);
        }
    }

    private static boolean holds(GetItemResponse r, String id) {
        AttributeValue ids = r.item().get("ids");
        return ids != null && ids.ss().contains(id);
    }

    /** Writes id to the item until a 200, or until a strong read finds it applied without one. */
    private void write(int item, String id) {
        long began = System.nanoTime();
        boolean maybeApplied = false;
        while (System.nanoTime() - began < TimeUnit.MINUTES.toNanos(3)) {
            Node node = randomUpNode();
            GetItemResponse current;
            try {
                current = strongRead(node, item);
            } catch (SdkException e) {
                if (!failed(e)) {
                    break;
                }
                continue;
            }
            if (maybeApplied && holds(current, id)) {
                appliedUnacknowledged.add(id);
                return;
            }
            long n = Long.parseLong(current.item().get("n").n());
            long sent = System.nanoTime();
            try {
                var answer = node.client.updateItem(u -> u.tableName(TABLE).key(key(item))
                        .updateExpression("SET n = n + :one, #last = :id, g = :g ADD ids :ids")
                        .expressionAttributeNames(Map.of("#last", "last"))
                        .conditionExpression("n = :expected")
                        .expressionAttributeValues(Map.of(":one", AttributeValue.fromN("1"),
                                ":id", AttributeValue.fromS(id), ":g", AttributeValue.fromS("g" + (n + 1) % 3),
                                ":ids", AttributeValue.fromSs(List.of(id)),
                                ":expected", AttributeValue.fromN(String.valueOf(n))))
                        .returnValues(ReturnValue.UPDATED_NEW));
                acks.add(new Ack(item, id, Long.parseLong(answer.attributes().get("n").n()), sent, System.nanoTime()));
                return;
            } catch (ConditionalCheckFailedException e) {
                // Another writer won, or one of the SDK's own retries found this write applied.
                maybeApplied = true;
            } catch (SdkException e) {
                if (!failed(e)) {
                    break;
                }
                maybeApplied = true;
            } finally {
                timed(sent);
            }
        }
        unresolved.add(id);
    }

    private Thread writer(int w) {
        Thread t = new Thread(() -> {
            for (int i = 0; !stop.get(); i++) {
                write(ThreadLocalRandom.current().nextInt(ITEMS), "w" + w + "-" + i);
            }
        }, "fault-writer-" + w);
        t.start();
        return t;
    }

    private Thread reader(int r) {
        Thread t = new Thread(() -> {
            while (!stop.get()) {
                try {
                    strongRead(randomUpNode(), ThreadLocalRandom.current().nextInt(ITEMS));
                } catch (SdkException e) {
                    failed(e);
                }
            }
        }, "fault-reader-" + r);
        t.start();
        return t;
    }

    /**
     * Waits until a write sent after {@code since} succeeded on every item, i.e. on every
     * partition: the time that took.
     */
    private long awaitWritesEverywhere(long since) throws InterruptedException {
        long deadline = since + TimeUnit.MINUTES.toNanos(2);
        while (true) {
            Map<Integer, Long> firstAck = new HashMap<>();
            synchronized (acks) {
                for (Ack a : acks) {
                    if (a.sentNanos() > since) {
                        firstAck.merge(a.item(), a.ackNanos(), Math::min);
                    }
                }
            }
            if (firstAck.size() == ITEMS) {
                return Collections.max(firstAck.values()) - since;
            }
            assertThat(unexpected).as("calls that failed other than retryably").isEmpty();
            assertThat(System.nanoTime()).as("a write succeeds on every item within 2 minutes of a fault; so far on %s;"
                    + " failed calls %s", firstAck.keySet(), failedCalls).isLessThan(deadline);
            Thread.sleep(100);
        }
    }

    private static void log(long t0, String event) {
        System.out.printf("fault %6.1f s: %s%n", (System.nanoTime() - t0) / 1e9, event);
    }

    @Test
    void acknowledgedWritesSurviveNodeKillsBrokerRestartsAndMembershipChangesExactlyOnceAndReadsStayStrong()
            throws Exception {
        Profile profile = Profile.chosen();
        long t0 = System.nanoTime();
        try (KafkaClusterProcesses kafka = KafkaClusterProcesses.start(dir.resolve("kafka"), 3)) {
            log(t0, "3 brokers up: " + kafka.bootstrapServers());
            for (int i = 1; i <= 3; i++) {
                nodes.add(new Node("node" + i));
            }
            // The first node creates the topics; the others join it side by side.
            nodes.get(0).start(kafka.bootstrapServers());
            List<Thread> starts = new ArrayList<>();
            List<Throwable> startFailures = new CopyOnWriteArrayList<>();
            for (Node n : nodes.subList(1, 3)) {
                Thread s = new Thread(() -> {
                    try {
                        n.start(kafka.bootstrapServers());
                    } catch (Throwable e) {
                        startFailures.add(e);
                    }
                });
                s.start();
                starts.add(s);
            }
            for (Thread s : starts) {
                s.join();
            }
            assertThat(startFailures).isEmpty();
            log(t0, "3 nodes up");
            try {
                run(profile, kafka, t0);
            } finally {
                stop.set(true);
                for (Node n : nodes) {
                    if (n.process != null && n.process.process().isAlive()) {
                        n.process.process().destroyForcibly().waitFor(30, TimeUnit.SECONDS);
                    }
                    n.client.close();
                }
            }
        }
    }

    private void run(Profile profile, KafkaClusterProcesses kafka, long t0) throws Exception {
        DynamoDbClient admin = nodes.get(0).client;
        admin.createTable(c -> c.tableName(TABLE).billingMode("PAY_PER_REQUEST")
                .keySchema(k -> k.attributeName("pk").keyType("HASH"))
                .attributeDefinitions(d -> d.attributeName("pk").attributeType("S"),
                        d -> d.attributeName("g").attributeType("S"))
                .globalSecondaryIndexes(g -> g.indexName(INDEX).keySchema(k -> k.attributeName("g").keyType("HASH"))
                        .projection(p -> p.projectionType(ProjectionType.ALL)))
                .streamSpecification(s -> s.streamEnabled(true).streamViewType(StreamViewType.NEW_AND_OLD_IMAGES)));
        for (Node n : nodes) {
            Clients.waiter(n.client).waitUntilTableExists(r -> r.tableName(TABLE));
        }
        for (int i = 0; i < ITEMS; i++) {
            int item = i;
            admin.putItem(p -> p.tableName(TABLE).item(Map.of("pk", AttributeValue.fromS("item" + item),
                    "n", AttributeValue.fromN("0"), "g", AttributeValue.fromS("g0"))));
        }
        assertReplicated(kafka.bootstrapServers());

        List<Thread> clients = new ArrayList<>();
        for (int w = 0; w < WRITERS; w++) {
            clients.add(writer(w));
        }
        for (int r = 0; r < READERS; r++) {
            clients.add(reader(r));
        }
        awaitWritesEverywhere(System.nanoTime());
        log(t0, "writers and readers under way");

        // The schedule: node kills, with broker restarts and node additions spread among them.
        List<Long> failovers = new ArrayList<>();
        int brokerRestarts = 0;
        int additions = 0;
        for (int kill = 0; kill < profile.nodeKills(); kill++) {
            Node victim = nodes.get(kill % 3);
            victim.stop(true);
            long killed = System.nanoTime();
            log(t0, "SIGKILLed " + victim.name);
            long failover = awaitWritesEverywhere(killed);
            failovers.add(failover);
            log(t0, "writes succeed on every item again after " + failover / 1_000_000 + " ms");
            victim.start(kafka.bootstrapServers());
            log(t0, victim.name + " restarted in " + victim.process.startup().toMillis() + " ms");
            // Broker restarts and additions, evenly among the kills.
            while (brokerRestarts < profile.brokerRestarts()
                    && (brokerRestarts + 1) * profile.nodeKills() <= (kill + 1) * profile.brokerRestarts()) {
                int broker = brokerRestarts % kafka.size();
                boolean crash = brokerRestarts % 2 == 1;
                kafka.stop(broker, crash);
                long stopped = System.nanoTime();
                log(t0, (crash ? "SIGKILLed" : "SIGTERMed") + " broker " + (broker + 1));
                awaitWritesEverywhere(stopped);
                log(t0, "writes succeed on every item with broker " + (broker + 1) + " down");
                kafka.restart(broker);
                kafka.awaitFullyReplicated(180_000);
                awaitWritesEverywhere(System.nanoTime());
                log(t0, "broker " + (broker + 1) + " back, every partition fully replicated");
                brokerRestarts++;
            }
            while (additions < profile.nodeAdditions()
                    && (additions + 1) * profile.nodeKills() <= (kill + 1) * profile.nodeAdditions()) {
                Node added = new Node("added" + (additions + 1));
                added.start(kafka.bootstrapServers());
                nodes.add(added);
                log(t0, "added " + added.name);
                awaitWritesEverywhere(System.nanoTime());
                Thread.sleep(3_000);
                added.stop(false);
                nodes.remove(added);
                long removed = System.nanoTime();
                log(t0, "removed " + added.name + " (SIGTERM)");
                awaitWritesEverywhere(removed);
                added.client.close();
                additions++;
            }
        }
        Thread.sleep(2_000);
        stop.set(true);
        for (Thread t : clients) {
            t.join(TimeUnit.MINUTES.toMillis(4));
            assertThat(t.isAlive()).as("%s finished", t.getName()).isFalse();
        }
        log(t0, "clients stopped");

        Map<Integer, Map<String, AttributeValue>> finalItems = new TreeMap<>();
        for (Map<String, AttributeValue> item : admin.scanPaginator(s -> s.tableName(TABLE).consistentRead(true)).items()) {
            finalItems.put(Integer.parseInt(item.get("pk").s().substring(4)), item);
        }
        assertThat(finalItems).hasSize(ITEMS);

        // (1) every acknowledged id exactly once, at its counter value; nothing applied twice.
        List<String> lost = new ArrayList<>();
        long appliedTwice = 0;
        Set<String> issuedIds = new HashSet<>(appliedUnacknowledged);
        for (Ack a : acks) {
            issuedIds.add(a.id());
            AttributeValue ids = finalItems.get(a.item()).get("ids");
            if (ids == null || !ids.ss().contains(a.id())) {
                lost.add(a.id());
            }
        }
        for (Map<String, AttributeValue> item : finalItems.values()) {
            List<String> ids = item.containsKey("ids") ? item.get("ids").ss() : List.of();
            long n = Long.parseLong(item.get("n").n());
            // n counts applications, ids the distinct writes: more applications than ids is a double apply.
            appliedTwice += n - ids.size();
        }

        // (2) no strong read below a counter acknowledged before it began.
        List<String> stale = staleReads();

        // (3) the change stream: complete, in order, each id once, the last image the item.
        Map<String, String> idAtCounter = new HashMap<>();
        Map<String, Integer> recordsPerId = checkChangeStream(kafka.bootstrapServers(), finalItems, idAtCounter);
        for (Ack a : acks) {
            assertThat(recordsPerId.getOrDefault(a.id(), 0)).as("change records of acknowledged write %s", a.id())
                    .isEqualTo(1);
            assertThat(idAtCounter.get("item" + a.item() + "#" + a.n()))
                    .as("the write whose change record set item%d's n to %d", a.item(), a.n()).isEqualTo(a.id());
        }

        // (4) the index equals the projection of the table.
        assertIndexMatchesTable(admin);

        List<Long> sorted = new ArrayList<>(failovers);
        Collections.sort(sorted);
        System.out.printf("fault profile %s: %d node kills, %d broker restarts, %d nodes added and removed%n",
                profile.name(), profile.nodeKills(), brokerRestarts, additions);
        System.out.printf("fault figures: writes acknowledged %d, applied without an acknowledgement %d, lost %d, "
                        + "applied twice %d, strong reads %d, stale strong reads %d, unresolved writes %d%n",
                acks.size(), appliedUnacknowledged.size(), lost.size(), appliedTwice, reads.size(), stale.size(),
                unresolved.size());
        System.out.printf("fault figures: failover after a node kill p50 %d ms, max %d ms (%d kills); slowest call %d ms; "
                        + "failed calls %s%n",
                sorted.get((sorted.size() - 1) / 2) / 1_000_000, sorted.get(sorted.size() - 1) / 1_000_000, sorted.size(),
                slowestCallMillis.get(), new TreeMap<>(failedCalls));

        assertThat(lost).as("acknowledged writes missing").isEmpty();
        assertThat(appliedTwice).as("applications beyond one per write").isZero();
        assertThat(stale).as("stale strong reads").isEmpty();
        assertThat(unresolved).as("writes neither acknowledged nor found applied within 3 minutes").isEmpty();
        assertThat(unexpected).as("calls that failed other than retryably").isEmpty();
        assertThat(slowestCallMillis.get()).as("slowest call, ms").isLessThanOrEqualTo(API_CALL_TIMEOUT.toMillis() + 5_000);
        assertThat(brokerRestarts).isEqualTo(profile.brokerRestarts());
        assertThat(additions).isEqualTo(profile.nodeAdditions());
        for (Map<String, AttributeValue> item : finalItems.values()) {
            if (item.containsKey("ids")) {
                assertThat(issuedIds).as("ids in items were all written by the test").containsAll(item.get("ids").ss());
            }
        }
    }

    /** Reads that began after a write's 200 and returned a lower counter than that write set. */
    private List<String> staleReads() {
        Map<Integer, List<Ack>> byItem = new HashMap<>();
        synchronized (acks) {
            for (Ack a : acks) {
                byItem.computeIfAbsent(a.item(), i -> new ArrayList<>()).add(a);
            }
        }
        Map<Integer, long[]> ackTimes = new HashMap<>();
        Map<Integer, long[]> maxN = new HashMap<>();
        for (var e : byItem.entrySet()) {
            List<Ack> list = e.getValue();
            list.sort((x, y) -> Long.compare(x.ackNanos(), y.ackNanos()));
            long[] times = new long[list.size()];
            long[] running = new long[list.size()];
            long max = 0;
            for (int i = 0; i < list.size(); i++) {
                times[i] = list.get(i).ackNanos();
                max = Math.max(max, list.get(i).n());
                running[i] = max;
            }
            ackTimes.put(e.getKey(), times);
            maxN.put(e.getKey(), running);
        }
        List<String> stale = new ArrayList<>();
        synchronized (reads) {
            for (Read r : reads) {
                long[] times = ackTimes.get(r.item());
                if (times == null) {
                    continue;
                }
                // The last acknowledgement before the read began.
                int lo = 0;
                int hi = times.length;
                while (lo < hi) {
                    int mid = (lo + hi) >>> 1;
                    if (times[mid] < r.beganNanos()) {
                        lo = mid + 1;
                    } else {
                        hi = mid;
                    }
                }
                if (lo > 0 && r.n() < maxN.get(r.item())[lo - 1]) {
                    stale.add("item" + r.item() + " read n=" + r.n() + " after n=" + maxN.get(r.item())[lo - 1]
                            + " was acknowledged");
                }
            }
        }
        return stale;
    }

    /**
     * Reads the table's change topic to each item's final counter and checks every item's records:
     * counters 0, 1, 2, ... without a gap or a repeat, each record's id set its predecessor's
     * plus the id it names, the last new image the item. Returns how many records name each id,
     * and puts into {@code idAtCounter} which id set each item's counter to each value.
     */
    private Map<String, Integer> checkChangeStream(String bootstrapServers,
                                                   Map<Integer, Map<String, AttributeValue>> finalItems,
                                                   Map<String, String> idAtCounter) {
        Node live = nodes.stream().filter(n -> n.up).findFirst().orElseThrow();
        Map<String, Long> finalN = new HashMap<>();
        finalItems.forEach((i, item) -> finalN.put("item" + i, Long.parseLong(item.get("n").n())));
        Map<String, Integer> recordsPerId = new HashMap<>();
        try (ChangeTopicReader reader = new ChangeTopicReader(bootstrapServers,
                live.process.schemaRegistry(), TOPICS.changes(TABLE))) {
            List<ChangeTopicReader.Change> changes = reader.readUntil(all -> {
                Map<String, Long> seen = new HashMap<>();
                for (ChangeTopicReader.Change c : all) {
                    if (c.record().getNewImage() != null) {
                        seen.merge(c.record().getKeys().get("pk").getS(),
                                Long.parseLong(c.record().getNewImage().get("n").getN()), Math::max);
                    }
                }
                return seen.equals(finalN);
            }, Duration.ofMinutes(2));
            Map<String, List<ChangeRecord>> byItem = new TreeMap<>();
            changes.stream().sorted((a, b) -> a.partition() != b.partition() ? Integer.compare(a.partition(), b.partition())
                            : Long.compare(a.offset(), b.offset()))
                    .forEach(c -> byItem.computeIfAbsent(c.record().getKeys().get("pk").getS(), k -> new ArrayList<>())
                            .add(c.record()));
            for (var e : byItem.entrySet()) {
                List<ChangeRecord> records = e.getValue();
                Set<String> previousIds = new TreeSet<>();
                for (int j = 0; j < records.size(); j++) {
                    var image = records.get(j).getNewImage();
                    assertThat(Long.parseLong(image.get("n").getN())).as("%s record %d's counter", e.getKey(), j)
                            .isEqualTo(j);
                    Set<String> ids = image.containsKey("ids") ? new TreeSet<>(image.get("ids").getSS()) : new TreeSet<>();
                    if (j > 0) {
                        String id = image.get("last").getS();
                        recordsPerId.merge(id, 1, Integer::sum);
                        idAtCounter.put(e.getKey() + "#" + j, id);
                        Set<String> expected = new TreeSet<>(previousIds);
                        expected.add(id);
                        assertThat(previousIds).as("%s record %d adds a new id", e.getKey(), j).doesNotContain(id);
                        assertThat(ids).as("%s record %d's ids", e.getKey(), j).isEqualTo(expected);
                    }
                    previousIds = ids;
                }
                Map<String, AttributeValue> item = finalItems.get(Integer.parseInt(e.getKey().substring(4)));
                var last = records.get(records.size() - 1).getNewImage();
                assertThat(last.keySet()).as("%s's last image's attributes", e.getKey()).isEqualTo(item.keySet());
                assertThat(last.get("g").getS()).isEqualTo(item.get("g").s());
                assertThat(previousIds).as("%s's last image's ids", e.getKey())
                        .isEqualTo(item.containsKey("ids") ? new TreeSet<>(item.get("ids").ss()) : Set.of());
                if (item.containsKey("last")) {
                    assertThat(last.get("last").getS()).isEqualTo(item.get("last").s());
                }
            }
            assertThat(byItem).hasSize(ITEMS);
        }
        return recordsPerId;
    }

    /** The index, scanned until it has caught up (60 s at most), equals the table's items. */
    private void assertIndexMatchesTable(DynamoDbClient client) throws InterruptedException {
        Set<Map<String, AttributeValue>> table = new HashSet<>();
        client.scanPaginator(s -> s.tableName(TABLE).consistentRead(true)).items().forEach(table::add);
        long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(60);
        Set<Map<String, AttributeValue>> index = new HashSet<>();
        while (System.nanoTime() < deadline) {
            index.clear();
            client.scanPaginator(s -> s.tableName(TABLE).indexName(INDEX)).items().forEach(index::add);
            if (index.equals(table)) {
                return;
            }
            Thread.sleep(500);
        }
        assertThat(index).as("the index %s scanned", INDEX).isEqualTo(table);
    }

    /** Dynalog's topics, Kafka Streams' changelogs among them, have three replicas. */
    private static void assertReplicated(String bootstrapServers) throws Exception {
        Properties p = new Properties();
        p.put(AdminClientConfig.BOOTSTRAP_SERVERS_CONFIG, bootstrapServers);
        try (Admin admin = Admin.create(p)) {
            Set<String> names = admin.listTopics().names().get(30, TimeUnit.SECONDS).stream()
                    .filter(t -> t.startsWith("dynalog")).collect(Collectors.toSet());
            Map<String, TopicDescription> topics = admin.describeTopics(names).allTopicNames().get(30, TimeUnit.SECONDS);
            assertThat(names).anyMatch(t -> t.endsWith("-changelog")).contains(TOPICS.commandLog(), TOPICS.changes(TABLE));
            topics.forEach((name, t) -> assertThat(t.partitions()).as(name)
                    .allMatch(part -> part.replicas().size() == 3));
            ConfigResource commandLog = new ConfigResource(ConfigResource.Type.TOPIC, TOPICS.commandLog());
            assertThat(admin.describeConfigs(List.of(commandLog)).all().get(30, TimeUnit.SECONDS).get(commandLog)
                    .get("min.insync.replicas").value()).isEqualTo("2");
        }
    }
}
