package dev.dynalog.junit;

import static org.assertj.core.api.Assertions.assertThat;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import java.io.IOException;
import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;
import software.amazon.awssdk.core.waiters.WaiterResponse;
import software.amazon.awssdk.services.dynamodb.DynamoDbClient;
import software.amazon.awssdk.services.dynamodb.model.AttributeValue;
import software.amazon.awssdk.services.dynamodb.model.BillingMode;
import software.amazon.awssdk.services.dynamodb.model.DescribeTableResponse;
import software.amazon.awssdk.services.dynamodb.model.KeyType;
import software.amazon.awssdk.services.dynamodb.model.ScalarAttributeType;
import software.amazon.awssdk.services.dynamodb.waiters.DynamoDbWaiter;

/**
 * A test suite's table fixtures at test speed: create, wait, write, read, delete, wait, over and
 * over, and every waiter (the AWS SDK v2's and boto3's, with their default delays of 20 s between
 * polls) is satisfied by its first DescribeTable.
 */
class WaitersIT {
    private static final int CYCLES = 50;

    @RegisterExtension
    static final DynalogExtension dynalog = new DynalogExtension();

    @Test
    void everySdkWaiterReturnsOnItsFirstPoll() {
        DynamoDbClient db = dynalog.client();
        DynamoDbWaiter waiter = DynamoDbWaiter.builder().client(db).build();
        List<String> slow = new ArrayList<>();
        for (int i = 0; i < CYCLES; i++) {
            String table = "fixture_" + i % 5;
            db.createTable(t -> t.tableName(table).billingMode(BillingMode.PAY_PER_REQUEST)
                    .keySchema(k -> k.attributeName("id").keyType(KeyType.HASH))
                    .attributeDefinitions(a -> a.attributeName("id").attributeType(ScalarAttributeType.S)));
            WaiterResponse<DescribeTableResponse> created = waiter.waitUntilTableExists(r -> r.tableName(table));
            if (created.attemptsExecuted() != 1) {
                slow.add("cycle " + i + ": table_exists took " + created.attemptsExecuted() + " polls");
            }
            db.putItem(p -> p.tableName(table).item(Map.of("id", AttributeValue.fromS("a"))));
            assertThat(db.getItem(g -> g.tableName(table).key(Map.of("id", AttributeValue.fromS("a"))).consistentRead(true))
                    .item()).containsKey("id");
            db.deleteTable(d -> d.tableName(table));
            WaiterResponse<DescribeTableResponse> deleted = waiter.waitUntilTableNotExists(r -> r.tableName(table));
            if (deleted.attemptsExecuted() != 1) {
                slow.add("cycle " + i + ": table_not_exists took " + deleted.attemptsExecuted() + " polls");
            }
        }
        assertThat(slow).isEmpty();
    }

    @Test
    void everyBoto3WaiterReturnsOnItsFirstPoll() throws Exception {
        assumeTrue(hasBoto3(), "python3 with boto3 is not installed: the boto3 fixture cycle is not run");
        Path script = Files.createTempFile("dynalog-waiters-", ".py");
        Files.writeString(script, """
                import sys, boto3
                calls = {"n": 0}
                db = boto3.client("dynamodb", endpoint_url=sys.argv[1], region_name="us-east-1",
                                  aws_access_key_id="dynalog", aws_secret_access_key="dynalog")
                db.meta.events.register("before-call.dynamodb.DescribeTable",
                                        lambda **kw: calls.__setitem__("n", calls["n"] + 1))
                for i in range(int(sys.argv[2])):
                    name = "boto_fixture_%d" % (i % 5)
                    db.create_table(TableName=name, BillingMode="PAY_PER_REQUEST",
                                    KeySchema=[{"AttributeName": "id", "KeyType": "HASH"}],
                                    AttributeDefinitions=[{"AttributeName": "id", "AttributeType": "S"}])
                    before = calls["n"]
                    db.get_waiter("table_exists").wait(TableName=name)
                    db.put_item(TableName=name, Item={"id": {"S": "a"}})
                    db.delete_table(TableName=name)
                    db.get_waiter("table_not_exists").wait(TableName=name)
                    if calls["n"] - before != 2:
                        print("cycle %d: %d DescribeTable calls" % (i, calls["n"] - before))
                print("done")
                """, StandardCharsets.UTF_8);
        Process p = new ProcessBuilder("python3", script.toString(), endpoint(), String.valueOf(CYCLES))
                .redirectErrorStream(true).start();
        assertThat(p.waitFor(5, TimeUnit.MINUTES)).isTrue();
        String out = new String(p.getInputStream().readAllBytes(), StandardCharsets.UTF_8).trim();
        assertThat(p.exitValue()).as(out).isZero();
        assertThat(out).as("each waiter needed one DescribeTable").isEqualTo("done");
    }

    private static String endpoint() {
        URI endpoint = dynalog.endpoint();
        return endpoint.toString();
    }

    private static boolean hasBoto3() {
        try {
            Process p = new ProcessBuilder("python3", "-c", "import boto3").redirectErrorStream(true).start();
            return p.waitFor(30, TimeUnit.SECONDS) && p.exitValue() == 0;
        } catch (IOException e) {
            return false;
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            return false;
        }
    }
}
