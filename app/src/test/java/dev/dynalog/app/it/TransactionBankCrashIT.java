package dev.dynalog.app.it;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.net.URI;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicReference;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import software.amazon.awssdk.auth.credentials.AwsBasicCredentials;
import software.amazon.awssdk.auth.credentials.StaticCredentialsProvider;
import software.amazon.awssdk.http.urlconnection.UrlConnectionHttpClient;
import software.amazon.awssdk.regions.Region;
import software.amazon.awssdk.services.dynamodb.DynamoDbClient;
import software.amazon.awssdk.services.dynamodb.model.CancellationReason;
import software.amazon.awssdk.services.dynamodb.model.IdempotentParameterMismatchException;
import software.amazon.awssdk.services.dynamodb.model.TransactionCanceledException;

/**
 * The bank ({@link Bank}) against {@code dynalog serve} in its own process, SIGKILLed in the
 * middle of its transfers {@value #KILLS} times and started again on the same data directory.
 * A transfer whose call broke with the server is unknown: applied on all of its accounts or on
 * none, and at most once (the balances show a double application). After the last start every
 * acknowledged transfer is on all of its accounts, nothing else changed the total, and the locks
 * of the transactions the dead incarnations left in flight are released by the server: a single
 * UpdateItem of every account succeeds within {@value #UNLOCK_DEADLINE_MILLIS} ms. And a
 * ClientRequestToken outlives a SIGKILL: the same request again changes nothing, the same token
 * with other parameters is IdempotentParameterMismatchException.
 */
class TransactionBankCrashIT {
    private static final int KILLS = 5;
    private static final double LOAD_SECONDS = 5;
    private static final long UNLOCK_DEADLINE_MILLIS = 30_000;

    @TempDir
    Path dataDir;

    @Test
    void transfersStayAllOrNothingAndOnceAcrossRepeatedSigkills() throws Exception {
        int port = DynalogProcess.freePort();
        int kafkaPort = DynalogProcess.freePort();
        URI endpoint = URI.create("http://127.0.0.1:" + port);
        Bank bank = new Bank("txcrash_", 40, 100);
        List<String> restarts = new ArrayList<>();
        DynalogProcess server = DynalogProcess.serve(dataDir, port, kafkaPort);
        String token = null;
        try {
            try (DynamoDbClient db = withoutRetries(endpoint)) {
                bank.create(db);
            }
            for (int kill = 1; kill <= KILLS; kill++) {
                AtomicBoolean stop = new AtomicBoolean();
                AtomicReference<Exception> failed = new AtomicReference<>();
                int incarnation = kill;
                Thread load = new Thread(() -> {
                    try {
                        bank.run(() -> withoutRetries(endpoint), "k" + incarnation, 16, 2, 1, 120, stop, incarnation);
                    } catch (Exception e) {
                        failed.set(e);
                    }
                });
                if (kill == KILLS) {
                    // Acknowledged in the last incarnation, which is killed with transfers in flight.
                    try (DynamoDbClient db = withoutRetries(endpoint)) {
                        token = sendTokenTransfer(bank, db);
                    }
                }
                long committedBefore = bank.stats.committed.get();
                load.start();
                Thread.sleep((long) (LOAD_SECONDS * 1000));
                stop.set(true); // no new transfers; those in flight meet the kill
                server.process().destroyForcibly().waitFor(30, TimeUnit.SECONDS);
                long killed = System.nanoTime();
                load.join();
                assertThat(failed.get()).as("the load of incarnation %d", kill).isNull();
                System.out.printf("TransactionBankCrashIT: kill %d after %d committed transfers in %.0f s of load%n",
                        kill, bank.stats.committed.get() - committedBefore, LOAD_SECONDS);
                server = DynalogProcess.serve(dataDir, port, kafkaPort);
                restarts.add(String.format("%.1f s (Kafka Streams RUNNING after %.1f s)", // from the kill to the ready line
                        (System.nanoTime() - killed) / 1e9, server.streamsStartup().toMillis() / 1000.0));
            }
            System.out.println("TransactionBankCrashIT: restarts took " + restarts);
            System.out.println("TransactionBankCrashIT: " + bank.stats.summary(KILLS * LOAD_SECONDS));

            try (DynamoDbClient db = withoutRetries(endpoint)) {
                // Locks the dead incarnations' transactions held are released by the server itself.
                Bank.Unlocked unlocked = bank.writeEveryAccount(db, UNLOCK_DEADLINE_MILLIS);
                System.out.printf("TransactionBankCrashIT: a single UpdateItem of every account succeeded %d ms after the "
                        + "last start; %d accounts were locked (or the node not yet answering) at the first try%n",
                        unlocked.millis(), unlocked.lockedAtFirstTry());

                Bank.Plan again = bank.plans.get("token-transfer");
                String committedToken = token;
                assertThat(committedToken).as("the token transfer's token").isNotNull();
                db.transactWriteItems(bank.request(again, committedToken)); // answered as the first one was, changes nothing
                LinkedHashMap<String, Long> other = new LinkedHashMap<>(again.deltas());
                other.replaceAll((account, delta) -> delta * 2);
                assertThatThrownBy(() -> db.transactWriteItems(bank.request(new Bank.Plan(again.id(), other), committedToken)))
                        .isInstanceOf(IdempotentParameterMismatchException.class);

                assertThat(bank.snapshotViolations).as("snapshots that break an invariant").isEmpty();
                assertThat(bank.otherErrors).as("error answers other than cancellations and conflicts").isEmpty();
                assertThat(bank.stats.committed.get()).as("acknowledged transfers").isGreaterThan(50);
                var state = bank.readAll(db);
                List<String> violations = bank.finalViolations(state);
                long unknownApplied = bank.outcomes.entrySet().stream().filter(e -> e.getValue() == Bank.Outcome.UNKNOWN)
                        .filter(e -> state.values().stream()
                                .anyMatch(item -> item.get("transfers").ss().contains(e.getKey()))).count();
                System.out.printf("TransactionBankCrashIT: %d unknown transfers, %d of them applied (wholly); %d violations%n",
                        bank.stats.unknown.get(), unknownApplied, violations.size());
                assertThat(violations).as("invariants after the last start").isEmpty();
            }
        } finally {
            server.process().destroy();
            server.process().waitFor(60, TimeUnit.SECONDS);
        }
    }

    /**
     * A transfer of 1 from the richest account to the poorest, sent with a ClientRequestToken until
     * it commits (a conflict with the transactions the last kill left in flight cancels it; each
     * attempt has a token of its own); returns the token of the committed one.
     */
    private static String sendTokenTransfer(Bank bank, DynamoDbClient db) throws InterruptedException {
        long deadline = System.currentTimeMillis() + UNLOCK_DEADLINE_MILLIS;
        var balances = bank.readAll(db);
        List<String> byBalance = new ArrayList<>(balances.keySet());
        byBalance.sort(Comparator.comparingLong(name -> Long.parseLong(balances.get(name).get("balance").n())));
        LinkedHashMap<String, Long> deltas = new LinkedHashMap<>();
        deltas.put(byBalance.get(byBalance.size() - 1), -1L);
        deltas.put(byBalance.get(0), 1L);
        Bank.Plan plan = new Bank.Plan("token-transfer", deltas);
        bank.plans.put(plan.id(), plan);
        for (int attempt = 1; ; attempt++) {
            String token = "crash-token-" + attempt;
            try {
                db.transactWriteItems(bank.request(plan, token));
                bank.outcomes.put(plan.id(), Bank.Outcome.COMMITTED);
                return token;
            } catch (TransactionCanceledException e) {
                assertThat(e.cancellationReasons().stream().map(CancellationReason::code))
                        .as("why the token transfer was cancelled").containsOnly("TransactionConflict", "None");
                assertThat(System.currentTimeMillis()).as("token transfer committed in time").isLessThan(deadline);
                Thread.sleep(200);
            }
        }
    }

    /** An SDK client that does not retry, so that a call the kill broke is one unknown transfer. */
    private static DynamoDbClient withoutRetries(URI endpoint) {
        return DynamoDbClient.builder()
                .endpointOverride(endpoint)
                .region(Region.US_EAST_1)
                .credentialsProvider(StaticCredentialsProvider.create(AwsBasicCredentials.create("AKIDLOCAL", "secret")))
                .httpClient(UrlConnectionHttpClient.builder().socketTimeout(Duration.ofSeconds(60)).build())
                .overrideConfiguration(o -> o.retryStrategy(r -> r.maxAttempts(1)))
                .build();
    }
}
