package dev.dynalog.app.it;

import java.io.UncheckedIOException;
import java.util.ArrayList;
import java.util.Collections;
import java.util.HashMap;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.SplittableRandom;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicLong;
import java.util.function.Supplier;
import software.amazon.awssdk.core.exception.SdkClientException;
import software.amazon.awssdk.core.exception.SdkException;
import software.amazon.awssdk.services.dynamodb.DynamoDbClient;
import software.amazon.awssdk.services.dynamodb.model.AttributeValue;
import software.amazon.awssdk.services.dynamodb.model.BillingMode;
import software.amazon.awssdk.services.dynamodb.model.CancellationReason;
import software.amazon.awssdk.services.dynamodb.model.DynamoDbException;
import software.amazon.awssdk.services.dynamodb.model.ItemResponse;
import software.amazon.awssdk.services.dynamodb.model.KeyType;
import software.amazon.awssdk.services.dynamodb.model.ScalarAttributeType;
import software.amazon.awssdk.services.dynamodb.model.TransactGetItem;
import software.amazon.awssdk.services.dynamodb.model.TransactWriteItem;
import software.amazon.awssdk.services.dynamodb.model.TransactWriteItemsRequest;
import software.amazon.awssdk.services.dynamodb.model.TransactionCanceledException;
import software.amazon.awssdk.services.dynamodb.model.TransactionConflictException;

/**
 * The bank: accounts in two tables, transfers between them with TransactWriteItems, snapshots of
 * every account with TransactGetItems, and the ledger of what was sent and what was answered,
 * from which the invariants are checked.
 *
 * <p>Table {@code <prefix>A} has hash key {@code id}; table {@code <prefix>B} has hash key
 * {@code pk} and range key {@code sk}, several accounts per partition key, so that a transfer
 * between two of them stays in one partition. Every account has {@code balance} (N) and
 * {@code transfers} (SS, the ids of the transfers applied to it, with a placeholder element since a
 * set cannot be empty) and {@code pokes} (N, single-item UpdateItems that raced the transfers).
 *
 * <p>What must hold, from the ledger alone:
 * <ul>
 *   <li>every account's balance is its initial balance plus the amounts of the transfers in its
 *       {@code transfers} set (so a transfer applied twice, or half applied, shows);</li>
 *   <li>a transfer id is on all of its accounts or on none (atomic visibility), in every snapshot and
 *       at the end; the sum of all balances never changes;</li>
 *   <li>an acknowledged transfer is on all of its accounts at the end; a transfer answered with an
 *       error is nowhere, ever; a transfer whose call failed without an answer ("unknown") is on all
 *       of its accounts or on none.</li>
 * </ul>
 */
final class Bank {
    static final String PLACEHOLDER = "-";
    private static final int A_ACCOUNTS_SHARE = 2; // half the accounts in table A
    private static final int SK_PER_PK = 4;
    static final long QUIET_PERIOD_MILLIS = 3000;
    static final long QUIET_MILLIS = 400;

    /** One account: its table and primary key, and a short name for messages. */
    record Account(String name, String table, Map<String, AttributeValue> key) {
    }

    /** A transfer as sent: the amount it adds to each account (negative for the debited one, first). */
    record Plan(String id, LinkedHashMap<String, Long> deltas) {
    }

    enum Outcome {
        COMMITTED,
        /** Cancelled because the debited account's balance was too low. */
        CANCELLED_BY_CONDITION,
        /** Cancelled by a conflict with another transaction (or TransactionConflictException). */
        CONFLICT,
        /** Any other error answer (4xx): not applied. */
        FAILED,
        /** No answer (the connection broke, 5xx): applied wholly or not at all. */
        UNKNOWN
    }

    final String tableA;
    final String tableB;
    final long initialBalance;
    final List<Account> accounts;
    final Map<String, Account> byName = new LinkedHashMap<>();
    final Map<String, Plan> plans = new ConcurrentHashMap<>();
    final Map<String, Outcome> outcomes = new ConcurrentHashMap<>();
    /** Error answers other than cancellations and conflicts, for the report: type and message. */
    final Map<String, String> otherErrors = new ConcurrentHashMap<>();
    /** Transfer ids seen in any snapshot: none of them may have been answered with an error. */
    final Set<String> seenInSnapshots = ConcurrentHashMap.newKeySet();
    final List<String> snapshotViolations = Collections.synchronizedList(new ArrayList<>());
    final AtomicLong acknowledgedPokes = new AtomicLong();
    final AtomicLong unknownPokes = new AtomicLong();
    final Stats stats = new Stats();

    /** Counters of one or more runs. */
    static final class Stats {
        final AtomicLong committed = new AtomicLong();
        final AtomicLong cancelledByCondition = new AtomicLong();
        final AtomicLong conflicts = new AtomicLong();
        final AtomicLong failed = new AtomicLong();
        final AtomicLong unknown = new AtomicLong();
        final AtomicLong snapshots = new AtomicLong();
        final AtomicLong partialSnapshots = new AtomicLong();
        final AtomicLong snapshotConflicts = new AtomicLong();
        final AtomicLong snapshotErrors = new AtomicLong();
        final AtomicLong pokes = new AtomicLong();
        final AtomicLong pokeConflicts = new AtomicLong();
        final AtomicLong pokeErrors = new AtomicLong();

        long attempted() {
            return committed.get() + cancelledByCondition.get() + conflicts.get() + failed.get() + unknown.get();
        }

        String summary(double seconds) {
            return String.format("%d transfers attempted in %.1f s: %d committed (%.0f/s), %d cancelled by condition, "
                            + "%d conflicts (%.1f %%), %d other errors, %d unknown; %d snapshots of all accounts, "
                            + "%d of 2-8 accounts (%d conflicts, %d errors); "
                            + "%d single-item updates (%d TransactionConflictException, %d errors)",
                    attempted(), seconds, committed.get(), committed.get() / seconds, cancelledByCondition.get(),
                    conflicts.get(), attempted() == 0 ? 0.0 : 100.0 * conflicts.get() / attempted(), failed.get(), unknown.get(),
                    snapshots.get(), partialSnapshots.get(), snapshotConflicts.get(), snapshotErrors.get(), pokes.get(), pokeConflicts.get(),
                    pokeErrors.get());
        }
    }

    Bank(String prefix, int accountCount, long initialBalance) {
        if (accountCount > 100) {
            throw new IllegalArgumentException("a snapshot is one TransactGetItems of at most 100 items");
        }
        this.tableA = prefix + "A";
        this.tableB = prefix + "B";
        this.initialBalance = initialBalance;
        List<Account> all = new ArrayList<>();
        int inA = accountCount / A_ACCOUNTS_SHARE;
        for (int i = 0; i < inA; i++) {
            String id = String.format("a%02d", i);
            all.add(new Account("A:" + id, tableA, Map.of("id", AttributeValue.fromS(id))));
        }
        for (int i = 0; i < accountCount - inA; i++) {
            String pk = "p" + i / SK_PER_PK;
            String sk = "s" + i % SK_PER_PK;
            all.add(new Account("B:" + pk + "/" + sk, tableB, Map.of("pk", AttributeValue.fromS(pk), "sk", AttributeValue.fromS(sk))));
        }
        this.accounts = List.copyOf(all);
        for (Account a : accounts) {
            byName.put(a.name(), a);
        }
    }

    long total() {
        return initialBalance * accounts.size();
    }

    /** Creates both tables and every account with its initial balance. */
    void create(DynamoDbClient db) {
        db.createTable(r -> r.tableName(tableA).billingMode(BillingMode.PAY_PER_REQUEST)
                .keySchema(k -> k.attributeName("id").keyType(KeyType.HASH))
                .attributeDefinitions(a -> a.attributeName("id").attributeType(ScalarAttributeType.S)));
        db.createTable(r -> r.tableName(tableB).billingMode(BillingMode.PAY_PER_REQUEST)
                .keySchema(k -> k.attributeName("pk").keyType(KeyType.HASH), k -> k.attributeName("sk").keyType(KeyType.RANGE))
                .attributeDefinitions(a -> a.attributeName("pk").attributeType(ScalarAttributeType.S),
                        a -> a.attributeName("sk").attributeType(ScalarAttributeType.S)));
        Clients.waiter(db).waitUntilTableExists(r -> r.tableName(tableA));
        Clients.waiter(db).waitUntilTableExists(r -> r.tableName(tableB));
        for (Account a : accounts) {
            Map<String, AttributeValue> item = new HashMap<>(a.key());
            item.put("balance", AttributeValue.fromN(Long.toString(initialBalance)));
            item.put("transfers", AttributeValue.fromSs(List.of(PLACEHOLDER)));
            item.put("pokes", AttributeValue.fromN("0"));
            db.putItem(r -> r.tableName(a.table()).item(item));
        }
    }

    /**
     * A random transfer: a fifth between two accounts of one partition key of table B (one
     * partition), the rest between two accounts of one table, of both tables, or among 3 to 10
     * accounts anywhere. The first account is debited what the others are credited.
     */
    Plan randomPlan(String id, SplittableRandom random) {
        List<Account> picked = new ArrayList<>();
        int kind = random.nextInt(10);
        List<Account> a = accounts.stream().filter(x -> x.table().equals(tableA)).toList();
        List<Account> b = accounts.stream().filter(x -> x.table().equals(tableB)).toList();
        if (kind < 2) {
            Account first = b.get(random.nextInt(b.size()));
            List<Account> samePk = b.stream().filter(x -> x != first && x.key().get("pk").equals(first.key().get("pk"))).toList();
            picked.add(first);
            picked.add(samePk.get(random.nextInt(samePk.size())));
        } else if (kind < 5) {
            List<Account> table = random.nextBoolean() ? a : b;
            pickDistinct(table, 2, random, picked);
        } else if (kind < 8) {
            Account fromA = a.get(random.nextInt(a.size()));
            Account fromB = b.get(random.nextInt(b.size()));
            picked.add(random.nextBoolean() ? fromA : fromB);
            picked.add(picked.get(0) == fromA ? fromB : fromA);
        } else {
            pickDistinct(accounts, Math.min(accounts.size(), 3 + random.nextInt(8)), random, picked);
        }
        LinkedHashMap<String, Long> deltas = new LinkedHashMap<>();
        long debit = 0;
        deltas.put(picked.get(0).name(), 0L);
        for (Account credited : picked.subList(1, picked.size())) {
            long amount = picked.size() == 2 ? 1 + random.nextInt(30) : 1 + random.nextInt(10);
            deltas.put(credited.name(), amount);
            debit += amount;
        }
        deltas.put(picked.get(0).name(), -debit);
        return new Plan(id, deltas);
    }

    private static void pickDistinct(List<Account> from, int n, SplittableRandom random, List<Account> into) {
        List<Account> pool = new ArrayList<>(from);
        for (int i = 0; i < n; i++) {
            into.add(pool.remove(random.nextInt(pool.size())));
        }
    }

    /** The TransactWriteItems of a plan, with or without an explicit ClientRequestToken. */
    TransactWriteItemsRequest request(Plan plan, String token) {
        List<TransactWriteItem> actions = new ArrayList<>();
        for (Map.Entry<String, Long> e : plan.deltas().entrySet()) {
            Account account = byName.get(e.getKey());
            long delta = e.getValue();
            Map<String, AttributeValue> values = Map.of(":amt", AttributeValue.fromN(Long.toString(Math.abs(delta))),
                    ":tid", AttributeValue.fromSs(List.of(plan.id())));
            actions.add(TransactWriteItem.builder().update(u -> {
                u.tableName(account.table()).key(account.key())
                        .expressionAttributeNames(Map.of("#b", "balance", "#t", "transfers"))
                        .expressionAttributeValues(values);
                if (delta < 0) {
                    u.updateExpression("SET #b = #b - :amt ADD #t :tid").conditionExpression("#b >= :amt");
                } else {
                    u.updateExpression("SET #b = #b + :amt ADD #t :tid");
                }
            }).build());
        }
        return TransactWriteItemsRequest.builder().transactItems(actions).clientRequestToken(token).build();
    }

    /** Sends a transfer (registered in the ledger before it is sent) and records its outcome. */
    Outcome transfer(DynamoDbClient db, Plan plan) {
        plans.put(plan.id(), plan);
        Outcome outcome = classify(() -> db.transactWriteItems(request(plan, null)), plan.id());
        outcomes.put(plan.id(), outcome);
        switch (outcome) {
            case COMMITTED -> stats.committed.incrementAndGet();
            case CANCELLED_BY_CONDITION -> stats.cancelledByCondition.incrementAndGet();
            case CONFLICT -> stats.conflicts.incrementAndGet();
            case FAILED -> stats.failed.incrementAndGet();
            case UNKNOWN -> stats.unknown.incrementAndGet();
        }
        return outcome;
    }

    private Outcome classify(Runnable call, String what) {
        try {
            call.run();
            return Outcome.COMMITTED;
        } catch (TransactionCanceledException e) {
            List<String> codes = e.cancellationReasons().stream().map(CancellationReason::code).toList();
            if (codes.contains("ConditionalCheckFailed")) {
                return Outcome.CANCELLED_BY_CONDITION;
            }
            if (codes.contains("TransactionConflict")) {
                return Outcome.CONFLICT;
            }
            otherErrors.putIfAbsent(what, "TransactionCanceledException " + codes + ": " + e.getMessage());
            return Outcome.FAILED;
        } catch (TransactionConflictException e) {
            return Outcome.CONFLICT;
        } catch (DynamoDbException e) {
            String type = e.awsErrorDetails() == null ? "?" : e.awsErrorDetails().errorCode();
            if (e.statusCode() >= 500 || "TransactionInProgressException".equals(type)) {
                return Outcome.UNKNOWN;
            }
            otherErrors.putIfAbsent(what, type + ": " + e.getMessage());
            return Outcome.FAILED;
        } catch (SdkClientException | UncheckedIOException e) {
            // UrlConnectionHttpClient lets some connection errors through unwrapped
            return Outcome.UNKNOWN;
        }
    }

    /** A single-item UpdateItem of one account, racing the transfers: ADD pokes 1. */
    void poke(DynamoDbClient db, Account account) {
        try {
            db.updateItem(r -> r.tableName(account.table()).key(account.key()).updateExpression("ADD pokes :one")
                    .expressionAttributeValues(Map.of(":one", AttributeValue.fromN("1"))));
            stats.pokes.incrementAndGet();
            acknowledgedPokes.incrementAndGet();
        } catch (TransactionConflictException e) {
            stats.pokeConflicts.incrementAndGet();
        } catch (DynamoDbException e) {
            if (e.statusCode() >= 500) {
                unknownPokes.incrementAndGet();
            } else {
                otherErrors.putIfAbsent("poke " + account.name(), e.getClass().getSimpleName() + ": " + e.getMessage());
            }
            stats.pokeErrors.incrementAndGet();
        } catch (SdkClientException | UncheckedIOException e) {
            unknownPokes.incrementAndGet();
            stats.pokeErrors.incrementAndGet();
        }
    }

    /** The given accounts in one TransactGetItems, by account name; throws what the call throws. */
    Map<String, Map<String, AttributeValue>> snapshot(DynamoDbClient db, List<Account> of) {
        List<TransactGetItem> gets = of.stream()
                .map(a -> TransactGetItem.builder().get(g -> g.tableName(a.table()).key(a.key())).build()).toList();
        List<ItemResponse> responses = db.transactGetItems(r -> r.transactItems(gets)).responses();
        Map<String, Map<String, AttributeValue>> items = new LinkedHashMap<>();
        for (int i = 0; i < of.size(); i++) {
            items.put(of.get(i).name(), responses.get(i).hasItem() ? responses.get(i).item() : null);
        }
        return items;
    }

    /** A snapshot of every account, checked; counts conflicts and errors. */
    void checkedSnapshot(DynamoDbClient db) {
        checkedSnapshot(db, accounts, stats.snapshots);
    }

    /**
     * A snapshot of 2 to 8 random accounts, checked but for the sum: it conflicts with fewer
     * transfers in flight than a snapshot of all, so many more of them get through.
     */
    void checkedPartialSnapshot(DynamoDbClient db, SplittableRandom random) {
        List<Account> of = new ArrayList<>();
        pickDistinct(accounts, Math.min(accounts.size(), 2 + random.nextInt(7)), random, of);
        checkedSnapshot(db, of, stats.partialSnapshots);
    }

    private void checkedSnapshot(DynamoDbClient db, List<Account> of, AtomicLong counter) {
        Map<String, Map<String, AttributeValue>> snapshot;
        try {
            snapshot = snapshot(db, of);
        } catch (TransactionCanceledException | TransactionConflictException e) {
            stats.snapshotConflicts.incrementAndGet();
            return;
        } catch (UncheckedIOException e) {
            stats.snapshotErrors.incrementAndGet();
            return;
        } catch (SdkException e) {
            stats.snapshotErrors.incrementAndGet();
            if (!(e instanceof SdkClientException) && !(e instanceof DynamoDbException d && d.statusCode() >= 500)) {
                otherErrors.putIfAbsent("snapshot", e.getClass().getSimpleName() + ": " + e.getMessage());
            }
            return;
        }
        long n = counter.incrementAndGet();
        List<String> violations = violations(snapshot, (of == accounts ? "snapshot " : "partial snapshot ") + n);
        if (!violations.isEmpty() && snapshotViolations.size() < 50) {
            snapshotViolations.addAll(violations.subList(0, Math.min(10, violations.size())));
        }
        for (Map<String, AttributeValue> item : snapshot.values()) {
            if (item != null && item.containsKey("transfers")) {
                seenInSnapshots.addAll(item.get("transfers").ss());
            }
        }
    }

    /**
     * What is wrong with a consistent view of some accounts (a snapshot, or the state at the end):
     * missing accounts, a balance that is not its initial balance plus its transfers' amounts, a
     * transfer on some but not all of its accounts among those in view, an id never sent; and if
     * the view has every account, a sum that changed.
     */
    List<String> violations(Map<String, Map<String, AttributeValue>> view, String what) {
        List<String> found = new ArrayList<>();
        long sum = 0;
        Map<String, Set<String>> accountsOf = new HashMap<>();
        for (String name : view.keySet()) {
            Account a = byName.get(name);
            Map<String, AttributeValue> item = view.get(a.name());
            if (item == null || !item.containsKey("balance") || !item.containsKey("transfers")) {
                found.add(what + ": account " + a.name() + " missing or incomplete: " + item);
                continue;
            }
            long balance = Long.parseLong(item.get("balance").n());
            sum += balance;
            long expected = initialBalance;
            for (String id : item.get("transfers").ss()) {
                if (id.equals(PLACEHOLDER)) {
                    continue;
                }
                Plan plan = plans.get(id);
                if (plan == null || !plan.deltas().containsKey(a.name())) {
                    found.add(what + ": account " + a.name() + " has transfer " + id + " that was never sent to it");
                    continue;
                }
                expected += plan.deltas().get(a.name());
                accountsOf.computeIfAbsent(id, k -> new HashSet<>()).add(a.name());
            }
            if (balance != expected) {
                found.add(what + ": account " + a.name() + " balance " + balance + " but its transfers add up to " + expected
                        + " (a transfer applied twice, or an amount applied without its id)");
            }
        }
        if (found.isEmpty() && view.size() == accounts.size() && sum != total()) {
            found.add(what + ": sum of balances " + sum + " instead of " + total());
        }
        for (Map.Entry<String, Set<String>> e : accountsOf.entrySet()) {
            Set<String> expected = new HashSet<>(plans.get(e.getKey()).deltas().keySet());
            expected.retainAll(view.keySet());
            if (!e.getValue().equals(expected)) {
                found.add(what + ": transfer " + e.getKey() + " (" + outcomes.get(e.getKey()) + ") is on " + e.getValue()
                        + " but was sent to " + plans.get(e.getKey()).deltas().keySet());
            }
        }
        return found;
    }

    /** Strongly consistent GetItem of every account, one by one (no transaction involved). */
    Map<String, Map<String, AttributeValue>> readAll(DynamoDbClient db) {
        Map<String, Map<String, AttributeValue>> items = new LinkedHashMap<>();
        for (Account a : accounts) {
            var r = db.getItem(g -> g.tableName(a.table()).key(a.key()).consistentRead(true));
            items.put(a.name(), r.hasItem() ? r.item() : null);
        }
        return items;
    }

    /**
     * The invariants of the ledger against the state after every transfer has been answered (and,
     * after a crash, every lock released): {@link #violations} of the final state; every
     * acknowledged transfer on its accounts; no transfer answered with an error anywhere, nor in
     * any snapshot; every unknown one on all of its accounts or none (checked by violations);
     * the pokes: at least the acknowledged ones, at most those plus the unknown ones.
     */
    List<String> finalViolations(Map<String, Map<String, AttributeValue>> state) {
        List<String> found = new ArrayList<>(violations(state, "final state"));
        Map<String, Integer> placed = new HashMap<>();
        long pokes = 0;
        for (Map<String, AttributeValue> item : state.values()) {
            if (item == null) {
                continue;
            }
            if (item.containsKey("transfers")) {
                for (String id : item.get("transfers").ss()) {
                    placed.merge(id, 1, Integer::sum);
                }
            }
            pokes += item.containsKey("pokes") ? Long.parseLong(item.get("pokes").n()) : 0;
        }
        for (Map.Entry<String, Outcome> e : outcomes.entrySet()) {
            String id = e.getKey();
            int on = placed.getOrDefault(id, 0);
            int of = plans.get(id).deltas().size();
            switch (e.getValue()) {
                case COMMITTED -> {
                    if (on != of) {
                        found.add("acknowledged transfer " + id + " is on " + on + " of its " + of + " accounts "
                                + plans.get(id).deltas().keySet());
                    }
                }
                case UNKNOWN -> {
                    if (on != 0 && on != of) {
                        found.add("unknown transfer " + id + " is on " + on + " of its " + of + " accounts");
                    }
                }
                default -> {
                    if (on != 0) {
                        found.add("transfer " + id + " answered " + e.getValue() + " is on " + on + " accounts");
                    }
                    if (seenInSnapshots.contains(id)) {
                        found.add("transfer " + id + " answered " + e.getValue() + " was seen in a snapshot");
                    }
                }
            }
        }
        for (String id : plans.keySet()) {
            if (!outcomes.containsKey(id)) {
                found.add("transfer " + id + " has no outcome: the run did not wait for it");
            }
        }
        if (pokes < acknowledgedPokes.get() || pokes > acknowledgedPokes.get() + unknownPokes.get()) {
            found.add("pokes " + pokes + " on the accounts, but " + acknowledgedPokes.get() + " acknowledged and "
                    + unknownPokes.get() + " unknown");
        }
        return found;
    }

    /** How many accounts were locked (a single UpdateItem got TransactionConflictException) at the first try. */
    record Unlocked(int lockedAtFirstTry, long millis) {
    }

    /**
     * A single-item UpdateItem of every account, retried on TransactionConflictException and
     * connection errors until {@code deadlineMillis} from now; throws AssertionError if one does
     * not succeed in time. The writes are counted as pokes.
     */
    Unlocked writeEveryAccount(DynamoDbClient db, long deadlineMillis) throws InterruptedException {
        long start = System.currentTimeMillis();
        int locked = 0;
        for (Account a : accounts) {
            boolean first = true;
            while (true) {
                try {
                    db.updateItem(r -> r.tableName(a.table()).key(a.key()).updateExpression("ADD pokes :one")
                            .expressionAttributeValues(Map.of(":one", AttributeValue.fromN("1"))));
                    acknowledgedPokes.incrementAndGet();
                    break;
                } catch (TransactionConflictException | SdkClientException | UncheckedIOException e) {
                    if (first) {
                        locked++;
                        first = false;
                    }
                    if (System.currentTimeMillis() - start > deadlineMillis) {
                        throw new AssertionError("account " + a.name() + " still locked " + deadlineMillis + " ms after the run: " + e);
                    }
                    Thread.sleep(100);
                }
            }
        }
        return new Unlocked(locked, System.currentTimeMillis() - start);
    }

    /**
     * Runs writers, snapshot readers and pokers until {@code stop} is set or {@code seconds}
     * pass; returns once every thread has returned. Transfer ids are {@code <prefix>-<thread>-<n>}.
     *
     * <p>A snapshot of every account conflicts with any transfer in flight, and with 16 writers
     * there nearly always is one: the writers pause for the last {@value #QUIET_MILLIS} ms of
     * every {@value #QUIET_PERIOD_MILLIS} ms, so that snapshots of all accounts get through too
     * (the first ones of a pause still race the transfers finishing); readers alternate them with
     * snapshots of a few accounts, which get through under full load.
     */
    void run(Supplier<DynamoDbClient> clients, String idPrefix, int writers, int readers, int pokers, double seconds,
             AtomicBoolean stop, long seed) throws Exception {
        long end = System.nanoTime() + (long) (seconds * 1e9);
        ExecutorService pool = Executors.newFixedThreadPool(writers + readers + pokers);
        List<Future<?>> running = new ArrayList<>();
        List<DynamoDbClient> opened = Collections.synchronizedList(new ArrayList<>());
        for (int t = 0; t < writers; t++) {
            int thread = t;
            running.add(pool.submit(() -> {
                DynamoDbClient db = clients.get();
                opened.add(db);
                SplittableRandom random = new SplittableRandom(seed * 1000 + thread);
                for (long n = 0; !stop.get() && System.nanoTime() < end; n++) {
                    long inPeriod = System.currentTimeMillis() % QUIET_PERIOD_MILLIS;
                    if (inPeriod >= QUIET_PERIOD_MILLIS - QUIET_MILLIS) {
                        Thread.sleep(QUIET_PERIOD_MILLIS - inPeriod);
                    }
                    transfer(db, randomPlan(idPrefix + "-" + thread + "-" + n, random));
                }
                return null;
            }));
        }
        for (int t = 0; t < readers; t++) {
            int thread = t;
            running.add(pool.submit(() -> {
                DynamoDbClient db = clients.get();
                opened.add(db);
                SplittableRandom random = new SplittableRandom(seed * 1000 + 300 + thread);
                while (!stop.get() && System.nanoTime() < end) {
                    checkedSnapshot(db);
                    checkedPartialSnapshot(db, random);
                }
                return null;
            }));
        }
        for (int t = 0; t < pokers; t++) {
            int thread = t;
            running.add(pool.submit(() -> {
                DynamoDbClient db = clients.get();
                opened.add(db);
                SplittableRandom random = new SplittableRandom(seed * 1000 + 500 + thread);
                while (!stop.get() && System.nanoTime() < end) {
                    poke(db, accounts.get(random.nextInt(accounts.size())));
                    Thread.sleep(5);
                }
                return null;
            }));
        }
        try {
            for (Future<?> f : running) {
                f.get((long) seconds + 180, TimeUnit.SECONDS);
            }
        } finally {
            pool.shutdownNow();
            opened.forEach(DynamoDbClient::close);
        }
    }
}
