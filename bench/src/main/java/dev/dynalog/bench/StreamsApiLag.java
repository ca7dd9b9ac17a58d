package dev.dynalog.bench;

import java.net.URI;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicLong;
import org.HdrHistogram.Histogram;
import org.HdrHistogram.Recorder;
import software.amazon.awssdk.auth.credentials.AwsBasicCredentials;
import software.amazon.awssdk.auth.credentials.StaticCredentialsProvider;
import software.amazon.awssdk.regions.Region;
import software.amazon.awssdk.services.dynamodb.model.GetRecordsResponse;
import software.amazon.awssdk.services.dynamodb.model.Record;
import software.amazon.awssdk.services.dynamodb.model.Shard;
import software.amazon.awssdk.services.dynamodb.model.ShardIteratorType;
import software.amazon.awssdk.services.dynamodb.streams.DynamoDbStreamsClient;

/**
 * The {@code streams-api-lag} measurement, on both servers: how soon a change becomes visible
 * through the DynamoDB Streams API, as a Lambda-style poller sees it. One writer puts new items at
 * a steady pace (a put every {@link #PACE}), while one poller per shard calls GetRecords in a loop
 * from LATEST (pausing {@link #IDLE_PAUSE} after an empty page); the lag is from a put's
 * acknowledgement to the GetRecords answer that first holds its record.
 */
final class StreamsApiLag {
    static final String WORKLOAD = "streams-api-lag";
    static final String TABLE = "benchstreamsapi";
    private static final Duration PACE = Duration.ofMillis(5);
    private static final Duration IDLE_PAUSE = Duration.ofMillis(10);
    private static final Duration STRAGGLERS = Duration.ofSeconds(10);

    record Result(String server, int shards, double seconds, long writes, long seen, long missing,
                  Histogram lagMicros) {
        String line() {
            return String.format("%s %-9s %d shards: %.0f writes/s, visible through GetRecords after p50 %.2f ms"
                            + "  p95 %.2f  p99 %.2f  max %.2f  missing %d", WORKLOAD, server, shards, writes / seconds,
                    ms(50), ms(95), ms(99), lagMicros.getMaxValue() / 1000.0, missing);
        }

        double ms(double percentile) {
            return lagMicros.getValueAtPercentile(percentile) / 1000.0;
        }
    }

    static String markdown(List<Result> results) {
        StringBuilder s = new StringBuilder("\n## Change visibility through the DynamoDB Streams API\n\n"
                + "From a put's acknowledgement to the GetRecords answer that first holds its record: one writer at a put every "
                + PACE.toMillis() + " ms, one AWS SDK poller per shard calling GetRecords from LATEST in a loop ("
                + IDLE_PAUSE.toMillis() + " ms pause after an empty page).\n\n"
                + "| server | shards | writes/s | p50 ms | p95 ms | p99 ms | max ms | missing |\n"
                + "|---|---:|---:|---:|---:|---:|---:|---:|\n");
        for (Result r : results) {
            s.append(String.format("| %s | %d | %.0f | %.2f | %.2f | %.2f | %.2f | %d |%n", r.server(), r.shards(),
                    r.writes() / r.seconds(), r.ms(50), r.ms(95), r.ms(99), r.lagMicros().getMaxValue() / 1000.0, r.missing()));
        }
        if (results.size() == 2 && results.get(0).lagMicros().getTotalCount() > 0) {
            s.append(String.format("%n- p50 %s/%s = %.2fx%n", results.get(1).server(), results.get(0).server(),
                    results.get(1).ms(50) / results.get(0).ms(50)));
        }
        return s.toString();
    }

    private StreamsApiLag() {
    }

    static Result run(ServerProcess server, String name, double warmupSeconds, double seconds, String payload)
            throws Exception {
        URI endpoint = server.endpoint();
        try (LeanClient setup = new LeanClient(endpoint)) {
            setup.createTableWithStream(TABLE);
        }
        try (DynamoDbStreamsClient streams = DynamoDbStreamsClient.builder().endpointOverride(endpoint)
                .region(Region.US_EAST_1)
                .credentialsProvider(StaticCredentialsProvider.create(AwsBasicCredentials.create("AKIDBENCH", "secret")))
                .build();
             LeanClient writer = new LeanClient(endpoint)) {
            String arn = streams.listStreams(b -> b.tableName(TABLE)).streams().get(0).streamArn();
            List<Shard> shards = streams.describeStream(b -> b.streamArn(arn)).streamDescription().shards();
            ConcurrentHashMap<String, Long> acknowledged = new ConcurrentHashMap<>();
            ConcurrentHashMap<String, Long> visible = new ConcurrentHashMap<>();
            AtomicBoolean polling = new AtomicBoolean(true);
            ExecutorService pool = Executors.newFixedThreadPool(shards.size());
            List<Future<?>> pollers = new ArrayList<>();
            for (Shard shard : shards) {
                String first = streams.getShardIterator(b -> b.streamArn(arn).shardId(shard.shardId())
                        .shardIteratorType(ShardIteratorType.LATEST)).shardIterator();
                pollers.add(pool.submit(() -> poll(streams, first, polling, visible)));
            }
            long start = System.nanoTime();
            long measureFrom = start + (long) (warmupSeconds * 1e9);
            long end = measureFrom + (long) (seconds * 1e9);
            AtomicLong writes = new AtomicLong();
            long next = start;
            for (long n = 0; System.nanoTime() < end; n++) {
                String pk = "v" + n;
                writer.put(TABLE, pk, 0, payload, n);
                long at = System.nanoTime();
                if (at >= measureFrom) {
                    acknowledged.put(pk, at);
                    writes.incrementAndGet();
                }
                next += PACE.toNanos();
                long wait = next - System.nanoTime();
                if (wait > 0) {
                    Thread.sleep(wait / 1_000_000, (int) (wait % 1_000_000));
                }
            }
            long deadline = System.nanoTime() + STRAGGLERS.toNanos();
            while (System.nanoTime() < deadline && !visible.keySet().containsAll(acknowledged.keySet())) {
                Thread.sleep(50);
            }
            polling.set(false);
            for (Future<?> p : pollers) {
                p.get();
            }
            pool.shutdown();
            Recorder lag = new Recorder(3);
            long seen = 0;
            for (var e : acknowledged.entrySet()) {
                Long v = visible.get(e.getKey());
                if (v != null) {
                    lag.recordValue(Math.max(1, (v - e.getValue()) / 1000));
                    seen++;
                }
            }
            return new Result(name, shards.size(), seconds, writes.get(), seen, acknowledged.size() - seen,
                    lag.getIntervalHistogram());
        }
    }

    private static Void poll(DynamoDbStreamsClient streams, String iterator, AtomicBoolean polling,
                             ConcurrentHashMap<String, Long> visible) throws InterruptedException {
        String it = iterator;
        while (polling.get() && it != null) {
            String current = it;
            GetRecordsResponse r = streams.getRecords(b -> b.shardIterator(current));
            long at = System.nanoTime();
            for (Record record : r.records()) {
                visible.putIfAbsent(record.dynamodb().keys().get("pk").s(), at);
            }
            it = r.nextShardIterator();
            if (r.records().isEmpty()) {
                Thread.sleep(IDLE_PAUSE.toMillis());
            }
        }
        return null;
    }
}
