package dev.dynalog.connectors.dynamodb;

import com.fasterxml.jackson.databind.JsonNode;
import dev.dynalog.connectors.dynamodb.operations.CreateTableOperation;
import dev.dynalog.connectors.dynamodb.operations.DeleteItemOperation;
import dev.dynalog.connectors.dynamodb.operations.DeleteTableOperation;
import dev.dynalog.connectors.dynamodb.operations.DescribeTableOperation;
import dev.dynalog.connectors.dynamodb.operations.GetItemOperation;
import dev.dynalog.connectors.dynamodb.operations.ListTablesOperation;
import dev.dynalog.connectors.dynamodb.operations.PutItemOperation;
import dev.dynalog.connectors.dynamodb.operations.QueryOperation;
import dev.dynalog.connectors.dynamodb.operations.ScanOperation;
import dev.dynalog.core.error.Errors;
import dev.dynalog.streams.catalog.TableCatalog;
import dev.dynalog.streams.catalog.TableLifecycle;
import dev.dynalog.streams.query.ItemReader;
import dev.dynalog.streams.write.CommandWriter;
import java.time.Clock;
import java.util.Map;
import java.util.concurrent.CompletableFuture;

/** The DynamoDB API (version 2012-08-10): one {@link Operation} per supported operation name. */
public final class DynamoDbApi {
    public static final String TARGET_PREFIX = "DynamoDB_20120810.";

    private final Map<String, Operation> operations;

    public DynamoDbApi(TableCatalog catalog, TableLifecycle lifecycle, CommandWriter writer, ItemReader reader,
                       TableDescriptionWriter descriptions, int partitions, Clock clock) {
        TableResolver tables = new TableResolver(catalog);
        this.operations = Map.of(
                "CreateTable", new CreateTableOperation(lifecycle, descriptions, partitions, clock),
                "DescribeTable", new DescribeTableOperation(tables, reader, descriptions),
                "ListTables", new ListTablesOperation(catalog),
                "DeleteTable", new DeleteTableOperation(tables, lifecycle, descriptions),
                "PutItem", new PutItemOperation(tables, writer),
                "GetItem", new GetItemOperation(tables, reader),
                "DeleteItem", new DeleteItemOperation(tables, writer),
                "Query", new QueryOperation(tables, reader),
                "Scan", new ScanOperation(tables, reader));
    }

    /** True if the name is an operation of this API (whether or not the target prefix matched). */
    public boolean supports(String operation) {
        return operations.containsKey(operation);
    }

    /** Runs an operation; validation errors surface as a failed future or a thrown DynamoDbException. */
    public CompletableFuture<JsonWritable> execute(String operation, JsonNode request) {
        Operation op = operations.get(operation);
        if (op == null) {
            throw Errors.unknownOperation();
        }
        return op.execute(request);
    }
}
