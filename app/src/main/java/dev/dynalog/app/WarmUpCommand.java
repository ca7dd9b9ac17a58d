package dev.dynalog.app;

import java.io.IOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;

/**
 * {@code dynalog warm-up}: starts an ephemeral node, sends it the requests a test suite sends
 * (table lifecycle, item writes and reads, an index, a stream, a transaction, a malformed
 * request) and stops it. The
 * launcher runs it once per build under {@code -XX:ArchiveClassesAtExit}, so that every later
 * start maps the classes a node loads from a class data sharing archive instead of loading and
 * verifying them again: a third of a warm start's time on a two-core machine.
 */
@Command(name = "warm-up", hidden = true,
        description = "Runs an ephemeral node through a test suite's requests and stops (the launcher's class archive run).")
public final class WarmUpCommand implements Callable<Integer> {
    private static final String TABLE = "warmup";

    /** Target and body of each request, in order; every one must succeed. */
    private static final List<String[]> REQUESTS = List.of(
            request("CreateTable", "{\"TableName\":\"" + TABLE + "\",\"BillingMode\":\"PAY_PER_REQUEST\","
                    + "\"AttributeDefinitions\":[{\"AttributeName\":\"pk\",\"AttributeType\":\"S\"},"
                    + "{\"AttributeName\":\"sk\",\"AttributeType\":\"N\"},{\"AttributeName\":\"g\",\"AttributeType\":\"S\"}],"
                    + "\"KeySchema\":[{\"AttributeName\":\"pk\",\"KeyType\":\"HASH\"},{\"AttributeName\":\"sk\",\"KeyType\":\"RANGE\"}],"
                    + "\"GlobalSecondaryIndexes\":[{\"IndexName\":\"byG\",\"KeySchema\":[{\"AttributeName\":\"g\",\"KeyType\":\"HASH\"}],"
                    + "\"Projection\":{\"ProjectionType\":\"ALL\"}}],"
                    + "\"StreamSpecification\":{\"StreamEnabled\":true,\"StreamViewType\":\"NEW_AND_OLD_IMAGES\"}}"),
            request("DescribeTable", "{\"TableName\":\"" + TABLE + "\"}"),
            request("PutItem", "{\"TableName\":\"" + TABLE + "\",\"Item\":{\"pk\":{\"S\":\"a\"},\"sk\":{\"N\":\"1\"},"
                    + "\"g\":{\"S\":\"x\"},\"l\":{\"L\":[{\"M\":{\"n\":{\"N\":\"2\"}}}]},\"ss\":{\"SS\":[\"p\",\"q\"]}}}"),
            request("UpdateItem", "{\"TableName\":\"" + TABLE + "\",\"Key\":{\"pk\":{\"S\":\"a\"},\"sk\":{\"N\":\"1\"}},"
                    + "\"UpdateExpression\":\"SET c = if_not_exists(c, :z) + :o ADD ss :s\","
                    + "\"ConditionExpression\":\"attribute_exists(pk) AND size(l) < :o2\","
                    + "\"ExpressionAttributeValues\":{\":z\":{\"N\":\"0\"},\":o\":{\"N\":\"1\"},\":o2\":{\"N\":\"5\"},"
                    + "\":s\":{\"SS\":[\"r\"]}},\"ReturnValues\":\"ALL_NEW\"}"),
            request("GetItem", "{\"TableName\":\"" + TABLE + "\",\"Key\":{\"pk\":{\"S\":\"a\"},\"sk\":{\"N\":\"1\"}},"
                    + "\"ConsistentRead\":true,\"ProjectionExpression\":\"pk, l[0].n, ss\"}"),
            request("GetItem", "{\"TableName\":\"" + TABLE + "\",\"Key\":{\"pk\":{\"S\":\"a\"},\"sk\":{\"N\":\"1\"}}}"),
            request("BatchWriteItem", "{\"RequestItems\":{\"" + TABLE + "\":[{\"PutRequest\":{\"Item\":{\"pk\":{\"S\":\"a\"},"
                    + "\"sk\":{\"N\":\"2\"},\"g\":{\"S\":\"x\"}}}},{\"DeleteRequest\":{\"Key\":{\"pk\":{\"S\":\"b\"},\"sk\":{\"N\":\"1\"}}}}]}}"),
            request("BatchGetItem", "{\"RequestItems\":{\"" + TABLE + "\":{\"Keys\":[{\"pk\":{\"S\":\"a\"},\"sk\":{\"N\":\"2\"}}]}}}"),
            request("Query", "{\"TableName\":\"" + TABLE + "\",\"KeyConditionExpression\":\"pk = :p AND sk BETWEEN :a AND :b\","
                    + "\"FilterExpression\":\"attribute_not_exists(zz)\",\"ExpressionAttributeValues\":{\":p\":{\"S\":\"a\"},"
                    + "\":a\":{\"N\":\"0\"},\":b\":{\"N\":\"9\"}},\"ConsistentRead\":true,\"ReturnConsumedCapacity\":\"TOTAL\"}"),
            request("Query", "{\"TableName\":\"" + TABLE + "\",\"IndexName\":\"byG\",\"KeyConditionExpression\":\"g = :g\","
                    + "\"ExpressionAttributeValues\":{\":g\":{\"S\":\"x\"}}}"),
            request("Scan", "{\"TableName\":\"" + TABLE + "\",\"Limit\":1}"),
            request("TransactWriteItems", "{\"TransactItems\":[{\"Put\":{\"TableName\":\"" + TABLE + "\",\"Item\":{\"pk\":{\"S\":\"t\"},"
                    + "\"sk\":{\"N\":\"1\"}}}},{\"Update\":{\"TableName\":\"" + TABLE + "\",\"Key\":{\"pk\":{\"S\":\"a\"},"
                    + "\"sk\":{\"N\":\"1\"}},\"UpdateExpression\":\"REMOVE c\"}}]}"),
            request("TransactGetItems", "{\"TransactItems\":[{\"Get\":{\"TableName\":\"" + TABLE + "\",\"Key\":{\"pk\":{\"S\":\"t\"},"
                    + "\"sk\":{\"N\":\"1\"}}}}]}"),
            request("DeleteItem", "{\"TableName\":\"" + TABLE + "\",\"Key\":{\"pk\":{\"S\":\"t\"},\"sk\":{\"N\":\"1\"}},"
                    + "\"ReturnValues\":\"ALL_OLD\"}"),
            request("ListTables", "{}"),
            request("DeleteTable", "{\"TableName\":\"" + TABLE + "\"}"));

    private static String[] request(String operation, String body) {
        return new String[] {"DynamoDB_20120810." + operation, body};
    }

    @Override
    public Integer call() throws Exception {
        Path dir = Files.createTempDirectory("dynalog-warm-up-");
        System.setProperty("dynalog.log.dir", dir.toString()); // before anything logs: see log4j2.xml
        try (DynalogServer server = DynalogServer.builder().dataDir(dir).start()) {
            HttpClient http = HttpClient.newHttpClient();
            for (String[] r : REQUESTS) {
                send(http, server.endpoint(), r[0], r[1], 200);
            }
            // The error path's classes too.
            send(http, server.endpoint(), "DynamoDB_20120810.GetItem", "{\"TableName\":", 400);
        } finally {
            FileTrees.delete(dir);
        }
        return 0;
    }

    private static void send(HttpClient http, URI endpoint, String target, String body, int expected)
            throws IOException, InterruptedException {
        HttpResponse<String> answer = http.send(HttpRequest.newBuilder(endpoint)
                .header("X-Amz-Target", target)
                .header("Content-Type", "application/x-amz-json-1.0")
                .POST(HttpRequest.BodyPublishers.ofString(body)).build(), HttpResponse.BodyHandlers.ofString());
        if (answer.statusCode() != expected) {
            throw new IllegalStateException(target + " answered " + answer.statusCode() + ": " + answer.body());
        }
    }
}
