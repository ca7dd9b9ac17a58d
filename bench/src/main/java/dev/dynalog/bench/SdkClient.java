package dev.dynalog.bench;

import java.net.URI;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import software.amazon.awssdk.auth.credentials.AwsBasicCredentials;
import software.amazon.awssdk.auth.credentials.StaticCredentialsProvider;
import software.amazon.awssdk.http.apache.ApacheHttpClient;
import software.amazon.awssdk.regions.Region;
import software.amazon.awssdk.services.dynamodb.DynamoDbClient;
import software.amazon.awssdk.services.dynamodb.model.AttributeValue;
import software.amazon.awssdk.services.dynamodb.model.BatchWriteItemRequest;
import software.amazon.awssdk.services.dynamodb.model.BillingMode;
import software.amazon.awssdk.services.dynamodb.model.KeyType;
import software.amazon.awssdk.services.dynamodb.model.QueryResponse;
import software.amazon.awssdk.services.dynamodb.model.ScalarAttributeType;
import software.amazon.awssdk.services.dynamodb.model.ScanResponse;
import software.amazon.awssdk.services.dynamodb.model.TransactGetItem;
import software.amazon.awssdk.services.dynamodb.model.TransactWriteItem;
import software.amazon.awssdk.services.dynamodb.model.TransactionCanceledException;
import software.amazon.awssdk.services.dynamodb.model.TransactionConflictException;
import software.amazon.awssdk.services.dynamodb.model.WriteRequest;

/** The workloads through the AWS SDK for Java v2, as an application would call DynamoDB. */
final class SdkClient implements DynamoDbClientApi {
    private static final StaticCredentialsProvider CREDENTIALS =
            StaticCredentialsProvider.create(AwsBasicCredentials.create("AKIDBENCH", "secret"));

    private final DynamoDbClient db;

    SdkClient(URI endpoint, int connections) {
        this.db = DynamoDbClient.builder()
                .endpointOverride(endpoint)
                .region(Region.US_EAST_1)
                .credentialsProvider(CREDENTIALS)
                .httpClientBuilder(ApacheHttpClient.builder().maxConnections(connections)
                        .connectionTimeout(Duration.ofSeconds(5)).socketTimeout(Duration.ofSeconds(60)))
                .overrideConfiguration(o -> o.retryStrategy(r -> r.maxAttempts(1)))
                .build();
    }

    /**
     * A client as a test suite builds one: only the endpoint, region and credentials set, the
     * SDK's own HTTP client, timeouts and retries otherwise (the throughput client above makes
     * one attempt per request, so that errors are counted rather than retried).
     */
    static DynamoDbClient withDefaults(URI endpoint) {
        return DynamoDbClient.builder().endpointOverride(endpoint).region(Region.US_EAST_1).credentialsProvider(CREDENTIALS)
                .build();
    }

    @Override
    public void createTable(String table) {
        db.createTable(r -> r.tableName(table).billingMode(BillingMode.PAY_PER_REQUEST)
                .keySchema(k -> k.attributeName("pk").keyType(KeyType.HASH), k -> k.attributeName("sk").keyType(KeyType.RANGE))
                .attributeDefinitions(a -> a.attributeName("pk").attributeType(ScalarAttributeType.S),
                        a -> a.attributeName("sk").attributeType(ScalarAttributeType.N)));
        long deadline = System.currentTimeMillis() + 120_000;
        while (!"ACTIVE".equals(db.describeTable(r -> r.tableName(table)).table().tableStatusAsString())) {
            if (System.currentTimeMillis() > deadline) {
                throw new IllegalStateException("table " + table + " did not become ACTIVE");
            }
            sleep(50);
        }
    }

    @Override
    public void put(String table, String pk, long sk, String payload, long version) {
        db.putItem(r -> r.tableName(table).item(Map.of(
                "pk", AttributeValue.fromS(pk), "sk", AttributeValue.fromN(Long.toString(sk)),
                "payload", AttributeValue.fromS(payload), "ver", AttributeValue.fromN(Long.toString(version)))));
    }

    @Override
    public void update(String table, String pk, long sk, String payload) {
        db.updateItem(r -> r.tableName(table)
                .key(Map.of("pk", AttributeValue.fromS(pk), "sk", AttributeValue.fromN(Long.toString(sk))))
                .updateExpression("SET ver = ver + :one, payload = :p")
                .conditionExpression("attribute_exists(pk)")
                .expressionAttributeValues(Map.of(":one", AttributeValue.fromN("1"), ":p", AttributeValue.fromS(payload))));
    }

    @Override
    public int batchWrite(String table, String[] pks, String payload, long firstVersion) {
        AttributeValue sk = AttributeValue.fromN("0");
        AttributeValue p = AttributeValue.fromS(payload);
        List<WriteRequest> puts = new ArrayList<>(pks.length);
        for (int i = 0; i < pks.length; i++) {
            Map<String, AttributeValue> item = Map.of("pk", AttributeValue.fromS(pks[i]), "sk", sk, "payload", p,
                    "ver", AttributeValue.fromN(Long.toString(firstVersion + i)));
            puts.add(WriteRequest.builder().putRequest(r -> r.item(item)).build());
        }
        Map<String, List<WriteRequest>> requests = Map.of(table, puts);
        int resent = 0;
        for (int attempt = 0; ; attempt++) {
            Map<String, List<WriteRequest>> left = db.batchWriteItem(BatchWriteItemRequest.builder()
                    .requestItems(requests).build()).unprocessedItems();
            int n = left.values().stream().mapToInt(List::size).sum();
            if (n == 0) {
                return resent;
            }
            if (attempt == BATCH_RESENDS) {
                throw new IllegalStateException("BatchWriteItem left " + n + " items unprocessed after "
                        + BATCH_RESENDS + " resends");
            }
            resent += n;
            DynamoDbClientApi.backOff(attempt);
            requests = left;
        }
    }

    @Override
    public long get(String table, String pk, long sk, boolean consistent) {
        Map<String, AttributeValue> item = db.getItem(r -> r.tableName(table).consistentRead(consistent)
                .key(Map.of("pk", AttributeValue.fromS(pk), "sk", AttributeValue.fromN(Long.toString(sk))))).item();
        return item == null || item.isEmpty() ? -1 : Long.parseLong(item.get("ver").n());
    }

    @Override
    public long selectByKey(String table, String pk, long sk) {
        List<Map<String, AttributeValue>> items = db.executeStatement(r -> r
                .statement("SELECT * FROM \"" + table + "\" WHERE pk = ? AND sk = ?")
                .parameters(AttributeValue.fromS(pk), AttributeValue.fromN(Long.toString(sk)))).items();
        return items.isEmpty() ? -1 : Long.parseLong(items.get(0).get("ver").n());
    }

    @Override
    public int query(String table, String pk) {
        QueryResponse r = db.query(q -> q.tableName(table).keyConditionExpression("pk = :p")
                .expressionAttributeValues(Map.of(":p", AttributeValue.fromS(pk))));
        return r.count();
    }

    @Override
    public String scanPage(String table, int limit, String startAfter) {
        ScanResponse r = db.scan(s -> {
            s.tableName(table).limit(limit);
            if (startAfter != null) {
                int bar = startAfter.lastIndexOf('|');
                s.exclusiveStartKey(Map.of("pk", AttributeValue.fromS(startAfter.substring(0, bar)),
                        "sk", AttributeValue.fromN(startAfter.substring(bar + 1))));
            }
        });
        if (!r.hasLastEvaluatedKey() || r.lastEvaluatedKey().isEmpty()) {
            return null;
        }
        return r.lastEvaluatedKey().get("pk").s() + "|" + r.lastEvaluatedKey().get("sk").n();
    }

    @Override
    public void transfer(String table, String[] pks, long[] sks) {
        List<TransactWriteItem> actions = new ArrayList<>(pks.length);
        for (int i = 0; i < pks.length; i++) {
            Map<String, AttributeValue> key = key(pks[i], sks[i]);
            boolean debit = i == 0;
            AttributeValue amount = AttributeValue.fromN(debit ? Integer.toString(pks.length - 1) : "1");
            actions.add(TransactWriteItem.builder().update(u -> {
                u.tableName(table).key(key).expressionAttributeValues(Map.of(":a", amount));
                if (debit) {
                    u.updateExpression("SET bal = bal - :a").conditionExpression("bal >= :a");
                } else {
                    u.updateExpression("SET bal = bal + :a");
                }
            }).build());
        }
        try {
            db.transactWriteItems(r -> r.transactItems(actions)); // the SDK adds a ClientRequestToken
        } catch (TransactionCanceledException e) {
            throw new Transactions.Cancelled(e.cancellationReasons().stream()
                    .anyMatch(reason -> "ConditionalCheckFailed".equals(reason.code())), e.getMessage());
        } catch (TransactionConflictException e) {
            throw new Transactions.Cancelled(false, e.getMessage());
        }
    }

    @Override
    public int transactGet(String table, String[] pks, long[] sks) {
        List<TransactGetItem> gets = new ArrayList<>(pks.length);
        for (int i = 0; i < pks.length; i++) {
            Map<String, AttributeValue> key = key(pks[i], sks[i]);
            gets.add(TransactGetItem.builder().get(g -> g.tableName(table).key(key)).build());
        }
        try {
            return (int) db.transactGetItems(r -> r.transactItems(gets)).responses().stream()
                    .filter(item -> item.hasItem() && !item.item().isEmpty()).count();
        } catch (TransactionCanceledException e) {
            throw new Transactions.Cancelled(false, e.getMessage());
        }
    }

    private static Map<String, AttributeValue> key(String pk, long sk) {
        return Map.of("pk", AttributeValue.fromS(pk), "sk", AttributeValue.fromN(Long.toString(sk)));
    }

    private static void sleep(long ms) {
        try {
            Thread.sleep(ms);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }

    @Override
    public void close() {
        db.close();
    }
}
