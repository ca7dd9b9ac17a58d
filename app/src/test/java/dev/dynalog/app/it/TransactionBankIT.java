package dev.dynalog.app.it;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.SplittableRandom;
import java.util.concurrent.atomic.AtomicBoolean;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;
import software.amazon.awssdk.services.dynamodb.DynamoDbClient;
import software.amazon.awssdk.services.dynamodb.model.AttributeValue;
import software.amazon.awssdk.services.dynamodb.model.CancellationReason;
import software.amazon.awssdk.services.dynamodb.model.IdempotentParameterMismatchException;
import software.amazon.awssdk.services.dynamodb.model.TransactionCanceledException;

/**
 * The bank ({@link Bank}) on TransactWriteItems and TransactGetItems: money moves between 40
 * accounts in two tables and every log partition, by 16 concurrent writers, while readers take
 * snapshots of every account. DynamoDB documents that transactions are serializable with each
 * other and with single-item writes, all or nothing
 * (https://docs.aws.amazon.com/amazondynamodb/latest/developerguide/transaction-apis.html#transaction-isolation),
 * so every snapshot and the end state must satisfy the bank's invariants. DynamoDB Local runs the
 * same program one call at a time: it has the API, but not the isolation under concurrency.
 */
class TransactionBankIT {
    private static final int ACCOUNTS = 40;
    private static final long INITIAL_BALANCE = 100;

    @Test
    void concurrentTransfersAndSnapshotsKeepEveryInvariantAndLeaveNoItemLocked() throws Exception {
        TestNode node = TestNode.shared();
        Bank bank = new Bank("txbank_concurrent_", ACCOUNTS, INITIAL_BALANCE);
        bank.create(node.client());
        long started = System.nanoTime();
        // A snapshot of every account needs a pause of the writers with no transfer in flight; on
        // a loaded machine transfers are slow and few pauses are clear, so the run goes on (with
        // new transfer ids) until three such snapshots got through, for four rounds at most.
        for (int round = 0; round == 0 || bank.stats.snapshots.get() < 3 && round < 4; round++) {
            bank.run(node::newClient, "t" + round, 16, 3, 1, 25, new AtomicBoolean(), 1 + round);
        }
        double seconds = (System.nanoTime() - started) / 1e9;
        System.out.println("TransactionBankIT (dynalog, concurrent): " + bank.stats.summary(seconds));

        assertThat(bank.stats.committed.get()).as("committed transfers").isGreaterThan(100);
        assertThat(bank.stats.snapshots.get()).as("successful snapshots of all accounts").isGreaterThanOrEqualTo(3);
        assertThat(bank.stats.partialSnapshots.get()).as("successful snapshots of a few accounts").isGreaterThan(50);
        assertThat(bank.snapshotViolations).as("snapshots that break an invariant").isEmpty();
        assertThat(bank.otherErrors).as("error answers other than cancellations and conflicts").isEmpty();
        assertThat(bank.stats.unknown.get()).as("transfers without an answer, on a node that did not crash").isZero();

        // No item stays locked once every transfer has been answered: a single write to each succeeds.
        Bank.Unlocked unlocked = bank.writeEveryAccount(node.client(), 10_000);
        System.out.printf("TransactionBankIT: a single UpdateItem of each of the %d accounts succeeded in %d ms, "
                + "%d were locked at the first try%n", ACCOUNTS, unlocked.millis(), unlocked.lockedAtFirstTry());
        assertThat(unlocked.lockedAtFirstTry()).as("accounts still locked after every transfer was answered").isZero();

        List<String> violations = bank.finalViolations(bank.readAll(node.client()));
        assertThat(violations).as("invariants of the end state").isEmpty();
    }

    @ParameterizedTest(name = "on {0}")
    @ValueSource(strings = {"dynalog", "DynamoDB Local"})
    void transfersOneAtATimeKeepEveryInvariant(String server) throws Exception {
        DynamoDbClient db = Clients.dynamoDb(SingleTableDesignIT.endpoint(server));
        Bank bank = new Bank("txbank_sequential_" + (server.equals("dynalog") ? "d" : "l") + "_", ACCOUNTS, INITIAL_BALANCE);
        bank.create(db);
        SplittableRandom random = new SplittableRandom(7);
        long started = System.nanoTime();
        for (int n = 0; n < 300; n++) {
            bank.transfer(db, bank.randomPlan("s-" + n, random));
            if (n % 10 == 0) {
                bank.checkedSnapshot(db);
                bank.poke(db, bank.accounts.get(random.nextInt(ACCOUNTS)));
            }
        }
        System.out.println("TransactionBankIT (" + server + ", one at a time): " + bank.stats.summary(1));
        assertThat(bank.stats.committed.get()).as("committed").isGreaterThan(100);
        assertThat(bank.stats.cancelledByCondition.get()).as("transfers cancelled by a balance too low").isPositive();
        assertThat(bank.stats.conflicts.get()).as("conflicts without concurrency").isZero();
        assertThat(bank.otherErrors).isEmpty();
        assertThat(bank.stats.snapshots.get()).isEqualTo(30);
        assertThat(bank.snapshotViolations).isEmpty();
        assertThat(bank.writeEveryAccount(db, 0).lockedAtFirstTry()).isZero();
        assertThat(bank.finalViolations(bank.readAll(db))).isEmpty();
    }

    @ParameterizedTest(name = "on {0}")
    @ValueSource(strings = {"dynalog", "DynamoDB Local"})
    void aTransferOverTheBalanceIsCancelledWithTheDebitsReasonAndChangesNothing(String server) {
        DynamoDbClient db = Clients.dynamoDb(SingleTableDesignIT.endpoint(server));
        Bank bank = new Bank("txbank_overdraft_" + (server.equals("dynalog") ? "d" : "l") + "_", 4, INITIAL_BALANCE);
        bank.create(db);
        LinkedHashMap<String, Long> deltas = new LinkedHashMap<>();
        deltas.put(bank.accounts.get(0).name(), -(INITIAL_BALANCE + 1));
        deltas.put(bank.accounts.get(3).name(), INITIAL_BALANCE + 1);
        Bank.Plan plan = new Bank.Plan("overdraft", deltas);
        bank.plans.put(plan.id(), plan);
        assertThatThrownBy(() -> db.transactWriteItems(bank.request(plan, null)))
                .isInstanceOfSatisfying(TransactionCanceledException.class, e -> assertThat(
                        e.cancellationReasons().stream().map(CancellationReason::code).toList())
                        .containsExactly("ConditionalCheckFailed", "None"));
        bank.outcomes.put(plan.id(), Bank.Outcome.CANCELLED_BY_CONDITION);
        assertThat(bank.finalViolations(bank.readAll(db))).isEmpty();
    }

    /**
     * "Any subsequent TransactWriteItems calls with the same client token return successfully
     * without making any changes"; "the same client token with a different request returns
     * IdempotentParameterMismatchException" (TransactWriteItems, ClientRequestToken).
     */
    @ParameterizedTest(name = "on {0}")
    @ValueSource(strings = {"dynalog", "DynamoDB Local"})
    void theSameClientRequestTokenAppliesATransferOnce(String server) {
        DynamoDbClient db = Clients.dynamoDb(SingleTableDesignIT.endpoint(server));
        Bank bank = new Bank("txbank_token_" + (server.equals("dynalog") ? "d" : "l") + "_", 4, INITIAL_BALANCE);
        bank.create(db);
        Bank.Plan plan = bank.randomPlan("tok", new SplittableRandom(3));
        bank.plans.put(plan.id(), plan);
        String token = "token-" + server.replace(' ', '-');
        db.transactWriteItems(bank.request(plan, token));
        db.transactWriteItems(bank.request(plan, token));
        bank.outcomes.put(plan.id(), Bank.Outcome.COMMITTED);
        assertThat(bank.finalViolations(bank.readAll(db))).as("applied once").isEmpty();

        LinkedHashMap<String, Long> other = new LinkedHashMap<>(plan.deltas());
        other.replaceAll((account, delta) -> delta * 2);
        assertThatThrownBy(() -> db.transactWriteItems(bank.request(new Bank.Plan("tok", other), token)))
                .isInstanceOf(IdempotentParameterMismatchException.class);
        assertThat(bank.finalViolations(bank.readAll(db))).as("the mismatched request changed nothing").isEmpty();
        Map<String, AttributeValue> first = bank.readAll(db).get(plan.deltas().keySet().iterator().next());
        assertThat(first.get("transfers").ss()).containsExactlyInAnyOrder(Bank.PLACEHOLDER, "tok");
    }
}
