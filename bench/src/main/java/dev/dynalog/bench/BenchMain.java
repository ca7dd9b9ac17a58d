package dev.dynalog.bench;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.Callable;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.Future;
import java.util.concurrent.atomic.AtomicLong;
import java.util.function.Supplier;
import picocli.CommandLine;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;

/**
 * {@code dynalog bench}: starts DynamoDB Local (in memory) and dynalog (embedded, fresh data
 * directory) in turn, each as its own JVM, runs the same workloads against each, and prints one
 * table and a dynalog/DynamoDB Local ratio per workload, plus a Markdown report.
 */
@Command(name = "bench", mixinStandardHelpOptions = true,
        description = "Runs the same workloads against dynalog and DynamoDB Local and compares them.")
public final class BenchMain implements Callable<Integer> {
    @Option(names = "--workloads", split = ",", defaultValue = "put,update,batch-write,get,query,scan,mixed,ryw,stream-lag,gsi-lag",
            description = "Workloads: put, update, batch-write (BatchWriteItem of 25 puts), get, query, scan, mixed, ryw, "
                    + "stream-lag (dynalog only), gsi-lag "
                    + "(default: ${DEFAULT-VALUE}); only when asked: partiql-get (get's reads as a PartiQL SELECT by key), "
                    + "gsi-backfill, transfer (TransactWriteItems), "
                    + "transact-get (TransactGetItems), restore (RestoreTableToPointInTime of a table of --load-items "
                    + "items, 100000 if none are given), lifecycle (--lifecycle-cycles table fixture cycles with the "
                    + "SDK's waiters), streams-api-lag (a paced writer and GetRecords pollers on every shard).")
    List<String> workloads;
    /** Not a {@link Workload}: it needs the server's Kafka cluster, so dynalog only. */
    static final String STREAM_LAG = "stream-lag";
    /** Not a {@link Workload}: writers and index samplers of their own, see {@link GsiLag}. */
    static final String GSI_LAG = "gsi-lag";

    @Option(names = "--servers", split = ",", defaultValue = "ddblocal,dynalog", description = "Servers (default: ${DEFAULT-VALUE}).")
    List<String> servers;
    @Option(names = "--clients", split = ",", defaultValue = "lean,sdk",
            description = "lean: keep-alive HTTP with prebuilt bodies; sdk: AWS SDK for Java v2 (default: ${DEFAULT-VALUE}).")
    List<String> clients;
    @Option(names = "--threads", defaultValue = "16", description = "Client threads (default: ${DEFAULT-VALUE}).")
    int threads;
    @Option(names = "--duration", defaultValue = "60", description = "Measured seconds per workload (default: ${DEFAULT-VALUE}).")
    double duration;
    @Option(names = "--warmup", defaultValue = "10", description = "Warm-up seconds per workload (default: ${DEFAULT-VALUE}).")
    double warmup;
    @Option(names = "--item-size", defaultValue = "1024", description = "Item size in bytes (default: ${DEFAULT-VALUE}).")
    int itemSize;
    @Option(names = "--keys", defaultValue = "10000", description = "Distinct item keys (default: ${DEFAULT-VALUE}).")
    long keys;
    @Option(names = "--load-items", defaultValue = "0",
            description = "Extra items (keys m<n>, --item-size each) written before the workloads, to measure memory with a large table; "
                    + "the RSS after loading is reported; for restore, the restored table's items (default: ${DEFAULT-VALUE}).")
    long loadItems;
    @Option(names = "--distribution", defaultValue = "uniform", description = "uniform or zipfian (default: ${DEFAULT-VALUE}).")
    String distribution;
    @Option(names = "--server-heap", defaultValue = "768m", description = "Each server's -Xmx (default: ${DEFAULT-VALUE}).")
    String serverHeap;
    @Option(names = "--server-java-opts", defaultValue = "",
            description = "Extra JVM options for the servers, e.g. -XX:StartFlightRecording=filename=put.jfr,settings=profile.")
    String serverJavaOpts;
    @Option(names = "--dynalog-args", defaultValue = "",
            description = "Extra arguments for dynalog serve, e.g. \"--stream-threads 1\".")
    String dynalogArgs;
    @Option(names = "--sign-requests", description = "The lean client signs every request with Signature Version 4 "
            + "(key AKIDBENCH, secret 'secret'), so that a node given --dynalog-args \"--auth sigv4 --credentials FILE\" "
            + "with that key serves it; without, it sends a fixed header only nodes without --auth accept.")
    boolean signRequests;
    @Option(names = "--transaction-items", defaultValue = "2",
            description = "Items per transaction of transfer and transact-get, 2..10 (default: ${DEFAULT-VALUE}).")
    int transactionItems;
    @Option(names = "--transaction-layout", defaultValue = "cross-partition",
            description = "single-partition (a transaction's items share one partition key) or cross-partition "
                    + "(a partition key each) (default: ${DEFAULT-VALUE}).")
    String transactionLayout;
    @Option(names = "--lifecycle-cycles", defaultValue = "100",
            description = "Cycles of lifecycle: CreateTable, wait, PutItem, GetItem, DeleteTable, wait (default: ${DEFAULT-VALUE}).")
    int lifecycleCycles;
    @Option(names = "--report", defaultValue = "bench/target/bench-report.md", description = "Markdown report (default: ${DEFAULT-VALUE}).")
    Path report;
    @Option(names = "--repo", defaultValue = ".", description = "The dynalog checkout (default: the current directory).")
    Path repo;

    public static void main(String[] args) {
        System.exit(new CommandLine(new BenchMain()).execute(args));
    }

    @Override
    public Integer call() throws Exception {
        if (signRequests) {
            RequestSigner.enable();
        }
        boolean streamLag = workloads.stream().anyMatch(w -> w.trim().equalsIgnoreCase(STREAM_LAG));
        boolean gsiBackfill = workloads.stream().anyMatch(w -> w.trim().equalsIgnoreCase(GsiBackfill.WORKLOAD));
        boolean gsiLag = workloads.stream().anyMatch(w -> w.trim().equalsIgnoreCase(GSI_LAG));
        boolean restore = workloads.stream().anyMatch(w -> w.trim().equalsIgnoreCase(TableRestore.WORKLOAD));
        boolean lifecycle = workloads.stream().anyMatch(w -> w.trim().equalsIgnoreCase(TableLifecycle.WORKLOAD));
        boolean streamsApiLag = workloads.stream().anyMatch(w -> w.trim().equalsIgnoreCase(StreamsApiLag.WORKLOAD));
        List<Workload> selected = workloads.stream()
                .filter(w -> !w.trim().equalsIgnoreCase(STREAM_LAG) && !w.trim().equalsIgnoreCase(GSI_LAG)
                        && !w.trim().equalsIgnoreCase(GsiBackfill.WORKLOAD)
                        && !w.trim().equalsIgnoreCase(TableRestore.WORKLOAD)
                        && !w.trim().equalsIgnoreCase(TableLifecycle.WORKLOAD)
                        && !w.trim().equalsIgnoreCase(StreamsApiLag.WORKLOAD))
                .map(Workload::parse).toList();
        if (selected.contains(Workload.BATCH_WRITE) && keys < Workload.BATCH_ITEMS) {
            // its keys are drawn distinct: fewer than a batch of them could never make one
            throw new IllegalArgumentException("batch-write needs --keys of at least " + Workload.BATCH_ITEMS);
        }
        // restore and lifecycle have tables of their own: alone, they need nothing of the bench table
        boolean benchTable = !selected.isEmpty() || streamLag || gsiBackfill || gsiLag;
        testSuiteOnly = lifecycle && !benchTable && !restore && !streamsApiLag;
        if (testSuiteOnly && servers.contains("dynalog")) {
            System.out.println("lifecycle alone: dynalog starts as for a test suite, ./dynalog serve --ephemeral ("
                    + ServerProcess.testSuiteJavaOpts() + ")");
        }
        List<TableRestore.Result> restores = new ArrayList<>();
        List<TableLifecycle.Result> lifecycles = new ArrayList<>();
        StringBuilder streamLagReport = new StringBuilder();
        List<GsiLag.Result> gsiLags = new ArrayList<>();
        List<StreamsApiLag.Result> streamsApiLags = new ArrayList<>();
        boolean gsiLagFailed = false;
        KeyChooser chooser = KeyChooser.of(distribution, keys);
        long queryPartitions = Math.max(1, keys / Workload.QUERY_ITEMS);
        Transactions transactions = Transactions.of(transactionItems, transactionLayout, keys);
        boolean transactional = selected.stream().anyMatch(Workload::transactional);
        WorkloadRunner runner = new WorkloadRunner(threads, warmup, duration, itemSize, chooser, queryPartitions, transactions);
        List<Result> results = new ArrayList<>();
        List<Report.Memory> memory = new ArrayList<>();
        for (String server : servers) {
            Path dataDir = Files.createTempDirectory("dynalog-bench-");
            try (ServerProcess process = start(server, dataDir); RssSampler peak = new RssSampler(process)) {
                long afterLoad = -1;
                // measured first, so that nothing else the harness sends counts in it
                double readySeconds = lifecycle ? TableLifecycle.readySeconds(process) : Double.NaN;
                System.out.printf("%s ready at %s%s%n", server, process.endpoint(),
                        lifecycle ? String.format(", answering %.2f s after its launch", readySeconds) : "");
                if (lifecycle) {
                    // first, as a test suite runs its fixtures against a server just started
                    TableLifecycle.Result r = TableLifecycle.run(process, lifecycleCycles, readySeconds);
                    System.out.println(r.line());
                    lifecycles.add(r);
                }
                if (benchTable) {
                    System.out.printf("%s: loading %d items...%n", server, keys + queryPartitions * Workload.QUERY_ITEMS);
                    load(process, queryPartitions);
                }
                if (transactional) {
                    transactions.load(process.endpoint(), threads);
                }
                if (loadItems > 0 && benchTable) {
                    long started = System.nanoTime();
                    loadExtraItems(process, Workload.TABLE, loadItems, 0);
                    afterLoad = process.rssBytes();
                    System.out.printf("%s: %d extra items loaded in %.0f s, RSS %d MB%n", server, loadItems,
                            (System.nanoTime() - started) / 1e9, afterLoad / (1024 * 1024));
                }
                if (gsiBackfill) {
                    long items = loadItems + keys + (long) queryPartitions * Workload.QUERY_ITEMS;
                    try (LeanClient c = new LeanClient(process.endpoint())) {
                        double seconds = GsiBackfill.run(c, Workload.TABLE);
                        System.out.printf("%s: gsi-backfill of %d items (projection ALL) in %.1f s: %.0f items/s%n",
                                server, items, seconds, items / seconds);
                    }
                }
                if (restore) {
                    TableRestore.Result r = restore(process);
                    System.out.println(r.line());
                    restores.add(r);
                }
                for (Workload w : selected) {
                    for (String client : clients) {
                        Result r = runner.run(w, process, client, clientFactory(client, process));
                        results.add(r);
                        System.out.println(Report.line(r));
                    }
                }
                if (streamLag) {
                    if (process.kafkaBootstrap() == null) {
                        System.out.printf("stream-lag: skipped for %s, which has no Kafka change topic%n", server);
                    } else {
                        StreamLag.Result lag = StreamLag.run(process, "dynalog", threads, warmup, duration,
                                "x".repeat(Math.max(1, itemSize - 40)));
                        System.out.println(lag.line());
                        streamLagReport.append(lag.markdown());
                    }
                }
                if (streamsApiLag) {
                    StreamsApiLag.Result lag = StreamsApiLag.run(process, server, warmup, duration,
                            "x".repeat(Math.max(1, itemSize - 40)));
                    System.out.println(lag.line());
                    streamsApiLags.add(lag);
                }
                if (gsiLag) {
                    try {
                        GsiLag.Result lag = GsiLag.run(process, threads, warmup, duration, "x".repeat(Math.max(1, itemSize - 40)));
                        System.out.println(lag.line());
                        gsiLags.add(lag);
                    } catch (Exception e) {
                        // The other servers and workloads still run; the exit status says it failed.
                        System.out.printf("gsi-lag: failed against %s: %s%n", server, e.getCause() != null ? e.getCause() : e);
                        gsiLagFailed = true;
                    }
                }
                memory.add(new Report.Memory(server, afterLoad, process.rssBytes(), peak.peakBytes()));
            }
        }
        String table = Report.markdown(results, memory, benchTable ? loadItems : 0, describe())
                + Report.transactions(results, transactions)
                + Report.batchWrites(results)
                + streamLagReport
                + (gsiLags.isEmpty() ? "" : GsiLag.markdown(gsiLags))
                + (streamsApiLags.isEmpty() ? "" : StreamsApiLag.markdown(streamsApiLags))
                + (restores.isEmpty() ? "" : TableRestore.markdown(restores))
                + (lifecycles.isEmpty() ? "" : TableLifecycle.markdown(lifecycles));
        System.out.println();
        System.out.println(table);
        Files.createDirectories(report.toAbsolutePath().getParent());
        Files.writeString(report, table);
        System.out.println("report written to " + report);
        return results.stream().allMatch(r -> r.operations() > 0) && !gsiLagFailed
                && restores.stream().noneMatch(TableRestore.Result::failed)
                && lifecycles.stream().noneMatch(TableLifecycle.Result::failed) ? 0 : 1;
    }

    private String describe() {
        return String.format("%d threads, %.0f s measured after %.0f s warm-up per workload, %d-byte items, %d keys (%s), %d cores",
                threads, duration, warmup, itemSize, keys, distribution, Runtime.getRuntime().availableProcessors());
    }

    /**
     * {@code dynalog-cluster-N}: N dynalog nodes sharing their tables on one Kafka broker of its
     * own process, each client thread on one node in turn; the server's CPU and memory are the
     * broker's and the nodes' together. Comparing N with 1 gives what more nodes bring on this
     * machine.
     */
    static final String CLUSTER_PREFIX = "dynalog-cluster-";

    /** Set when the lifecycle runs alone: the server is then started as for a test suite. */
    private boolean testSuiteOnly;

    private ServerProcess start(String server, Path dataDir) throws Exception {
        Path root = repo.toAbsolutePath().normalize();
        return switch (server) {
            case "dynalog" -> testSuiteOnly
                    // Alone, the lifecycle is a test suite's use: dynalog starts as the launcher
                    // starts a test suite's node (serve --ephemeral, its JVM options).
                    ? ServerProcess.dynalog(root, dataDir, serverHeap,
                            (ServerProcess.testSuiteJavaOpts() + " " + serverJavaOpts).trim(),
                            ("--ephemeral " + dynalogArgs).trim())
                    : ServerProcess.dynalog(root, dataDir, serverHeap, serverJavaOpts, dynalogArgs);
            case "ddblocal" -> ServerProcess.dynamoDbLocal(root, serverHeap, serverJavaOpts);
            default -> {
                if (server.startsWith(CLUSTER_PREFIX)) {
                    yield ServerProcess.dynalogCluster(root, dataDir, serverHeap, serverJavaOpts, dynalogArgs,
                            Integer.parseInt(server.substring(CLUSTER_PREFIX.length())));
                }
                throw new IllegalArgumentException("unknown server " + server + " (dynalog, ddblocal, "
                        + CLUSTER_PREFIX + "N)");
            }
        };
    }

    private Supplier<DynamoDbClientApi> clientFactory(String client, ServerProcess server) {
        return switch (client) {
            case "lean" -> {
                // a cluster's nodes take the threads in turn, as behind a round-robin balancer
                List<java.net.URI> nodes = server.endpoints();
                AtomicInteger next = new AtomicInteger();
                yield () -> new LeanClient(nodes.get(Math.floorMod(next.getAndIncrement(), nodes.size())));
            }
            case "sdk" -> {
                // one SDK client per node for all threads, as an application would have; closed with the run
                List<SdkClient> perNode = server.endpoints().stream().map(e -> new SdkClient(e, threads * 2)).toList();
                AtomicInteger next = new AtomicInteger();
                yield () -> sharedSdk(perNode.get(Math.floorMod(next.getAndIncrement(), perNode.size())));
            }
            default -> throw new IllegalArgumentException("unknown client " + client + " (lean, sdk)");
        };
    }

    /** Calls through an SDK client that other threads share. */
    private static DynamoDbClientApi sharedSdk(SdkClient shared) {
        return new DynamoDbClientApi() {
            // one SDK client for all threads, as an application would have; closed with the run
            public void createTable(String t) {
                shared.createTable(t);
            }

            public void put(String t, String pk, long sk, String p, long v) {
                shared.put(t, pk, sk, p, v);
            }

            public void update(String t, String pk, long sk, String p) {
                shared.update(t, pk, sk, p);
            }

            public long get(String t, String pk, long sk, boolean c) {
                return shared.get(t, pk, sk, c);
            }

            public long selectByKey(String t, String pk, long sk) {
                return shared.selectByKey(t, pk, sk);
            }

            public int query(String t, String pk) {
                return shared.query(t, pk);
            }

            public String scanPage(String t, int l, String s) {
                return shared.scanPage(t, l, s);
            }

            public void transfer(String t, String[] pks, long[] sks) {
                shared.transfer(t, pks, sks);
            }

            public int transactGet(String t, String[] pks, long[] sks) {
                return shared.transactGet(t, pks, sks);
            }

            public int batchWrite(String t, String[] pks, String p, long v) {
                return shared.batchWrite(t, pks, p, v);
            }

            public void close() {
            }
        };
    }

    /**
     * The {@code restore} workload on one server: fills its table with {@code --load-items} items
     * (or {@link TableRestore#DEFAULT_ITEMS}) and restores it.
     */
    private TableRestore.Result restore(ServerProcess server) throws Exception {
        long items = loadItems > 0 ? loadItems : TableRestore.DEFAULT_ITEMS;
        try (LeanClient setup = new LeanClient(server.endpoint())) {
            TableRestore.createSource(setup);
        }
        long started = System.nanoTime();
        loadExtraItems(server, TableRestore.SOURCE, items, TableRestore.INDEX_KEYS);
        double loadSeconds = (System.nanoTime() - started) / 1e9;
        System.out.printf("%s: %d items loaded into %s in %.1f s (%.0f items/s), RSS %d MB; restoring...%n", server.name(),
                items, TableRestore.SOURCE, loadSeconds, items / loadSeconds, server.rssBytes() / (1024 * 1024));
        return TableRestore.run(server, items, loadSeconds, serverHeap);
    }

    /**
     * Writes {@code count} items m0, m1, ... into {@code table} with batch writes, to fill it; with
     * {@code indexKeys} > 0 each has an index key {@code g} too (see {@link LeanClient#batchPut}).
     */
    private void loadExtraItems(ServerProcess server, String table, long count, int indexKeys) throws Exception {
        String payload = "x".repeat(Math.max(1, itemSize - 40));
        ExecutorService pool = Executors.newFixedThreadPool(threads);
        List<Future<?>> parts = new ArrayList<>();
        long chunk = 1000;
        AtomicLong next = new AtomicLong();
        for (int t = 0; t < threads; t++) {
            parts.add(pool.submit(() -> {
                try (LeanClient c = new LeanClient(server.endpoint())) {
                    for (long from = next.getAndAdd(chunk); from < count; from = next.getAndAdd(chunk)) {
                        c.batchPut(table, "m", from, Math.min(count, from + chunk), payload, indexKeys);
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

    /** Creates the table and writes the items the read workloads need, with lean clients. */
    private void load(ServerProcess server, long queryPartitions) throws Exception {
        try (LeanClient setup = new LeanClient(server.endpoint())) {
            setup.createTable(Workload.TABLE);
        }
        String payload = "x".repeat(Math.max(1, itemSize - 40));
        ExecutorService pool = Executors.newFixedThreadPool(threads);
        List<Future<?>> parts = new ArrayList<>();
        for (int t = 0; t < threads; t++) {
            int thread = t;
            parts.add(pool.submit(() -> {
                try (LeanClient c = new LeanClient(server.endpoint())) {
                    for (long k = thread; k < keys; k += threads) {
                        c.put(Workload.TABLE, "u" + k, 0, payload, 0);
                    }
                    for (long q = thread; q < queryPartitions; q += threads) {
                        for (int sk = 0; sk < Workload.QUERY_ITEMS; sk++) {
                            c.put(Workload.TABLE, "q" + q, sk, payload, 0);
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

}
