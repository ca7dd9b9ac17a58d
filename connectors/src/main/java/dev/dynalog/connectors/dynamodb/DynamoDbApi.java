package dev.dynalog.connectors.dynamodb;

import dev.dynalog.connectors.http.JsonApi;
import com.fasterxml.jackson.databind.JsonNode;
import dev.dynalog.connectors.http.Access;
import dev.dynalog.connectors.dynamodb.operations.BatchGetItemOperation;
import dev.dynalog.connectors.dynamodb.operations.BatchWriteItemOperation;
import dev.dynalog.connectors.dynamodb.operations.CreateTableOperation;
import dev.dynalog.connectors.dynamodb.operations.DeleteItemOperation;
import dev.dynalog.connectors.dynamodb.operations.DescribeContinuousBackupsOperation;
import dev.dynalog.connectors.dynamodb.operations.RestoreTableToPointInTimeOperation;
import dev.dynalog.connectors.dynamodb.operations.UpdateContinuousBackupsOperation;
import dev.dynalog.connectors.dynamodb.operations.DeleteTableOperation;
import dev.dynalog.connectors.dynamodb.operations.DescribeContributorInsightsOperation;
import dev.dynalog.connectors.dynamodb.operations.DescribeEndpointsOperation;
import dev.dynalog.connectors.dynamodb.operations.DescribeLimitsOperation;
import dev.dynalog.connectors.dynamodb.operations.DescribeTableOperation;
import dev.dynalog.connectors.dynamodb.operations.DescribeTableReplicaAutoScalingOperation;
import dev.dynalog.connectors.dynamodb.operations.ListContributorInsightsOperation;
import dev.dynalog.connectors.dynamodb.operations.ListTagsOfResourceOperation;
import dev.dynalog.connectors.dynamodb.operations.TagResourceOperation;
import dev.dynalog.connectors.dynamodb.operations.UntagResourceOperation;
import dev.dynalog.connectors.dynamodb.operations.UpdateContributorInsightsOperation;
import dev.dynalog.connectors.dynamodb.operations.GetItemOperation;
import dev.dynalog.connectors.dynamodb.operations.ListTablesOperation;
import dev.dynalog.connectors.dynamodb.operations.PutItemOperation;
import dev.dynalog.connectors.dynamodb.operations.QueryOperation;
import dev.dynalog.connectors.dynamodb.operations.ScanOperation;
import dev.dynalog.connectors.dynamodb.operations.TransactGetItemsOperation;
import dev.dynalog.connectors.dynamodb.operations.TransactWriteItemsOperation;
import dev.dynalog.connectors.dynamodb.operations.UpdateItemOperation;
import dev.dynalog.connectors.dynamodb.operations.UpdateTableOperation;
import dev.dynalog.connectors.dynamodb.operations.DescribeTimeToLiveOperation;
import dev.dynalog.connectors.dynamodb.operations.BatchExecuteStatementOperation;
import dev.dynalog.connectors.dynamodb.operations.ExecuteStatementOperation;
import dev.dynalog.connectors.dynamodb.operations.ExecuteTransactionOperation;
import dev.dynalog.connectors.dynamodb.partiql.ItemOperations;
import dev.dynalog.connectors.dynamodb.partiql.StatementRunner;
import dev.dynalog.connectors.dynamodb.operations.UpdateTimeToLiveOperation;
import dev.dynalog.core.error.Errors;
import dev.dynalog.streams.catalog.TableCatalog;
import dev.dynalog.streams.restore.Restores;
import dev.dynalog.streams.catalog.TableLifecycle;
import dev.dynalog.streams.query.ItemReader;
import dev.dynalog.streams.query.SnapshotReader;
import dev.dynalog.streams.write.TransactionCoordinator;
import dev.dynalog.streams.write.CommandWriter;
import java.time.Clock;
import java.time.Duration;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import java.util.function.Supplier;

/** The DynamoDB API (version 2012-08-10): one {@link Operation} per supported operation name. */
public final class DynamoDbApi implements JsonApi {
    public static final String TARGET_PREFIX = "DynamoDB_20120810.";

    private final Map<String, Operation> operations;
    private final OperationAccesses accesses;

    public DynamoDbApi(TableCatalog catalog, TableLifecycle lifecycle, CommandWriter writer, ItemReader reader,
                       TransactionCoordinator transactions, SnapshotReader snapshots,
                       Restores restores, TableDescriptionWriter descriptions, ThroughputBudgets budgets,
                       int partitions, Duration timeToLiveTransition, Clock clock, Supplier<String> ownAddress) {
        TableResolver tables = new TableResolver(catalog);
        ContinuousBackups backups = new ContinuousBackups(restores);
        ResourceArns arns = new ResourceArns(descriptions);
        this.accesses = new OperationAccesses(descriptions::tableArn);
        Map<String, Operation> base = Map.ofEntries(
                Map.entry("CreateTable", new CreateTableOperation(lifecycle, descriptions, partitions, clock)),
                Map.entry("DescribeTable", new DescribeTableOperation(tables, reader, descriptions)),
                Map.entry("ListTables", new ListTablesOperation(catalog)),
                Map.entry("DeleteTable", new DeleteTableOperation(tables, lifecycle, descriptions, clock)),
                Map.entry("PutItem", new PutItemOperation(tables, writer, budgets)),
                Map.entry("GetItem", new GetItemOperation(tables, reader, budgets)),
                Map.entry("DeleteItem", new DeleteItemOperation(tables, writer, budgets)),
                Map.entry("Query", new QueryOperation(tables, reader, budgets)),
                Map.entry("Scan", new ScanOperation(tables, reader, budgets)),
                Map.entry("UpdateItem", new UpdateItemOperation(tables, writer, budgets)),
                Map.entry("BatchWriteItem", new BatchWriteItemOperation(tables, writer, budgets)),
                Map.entry("BatchGetItem", new BatchGetItemOperation(tables, reader, budgets)),
                Map.entry("TransactWriteItems", new TransactWriteItemsOperation(tables, transactions)),
                Map.entry("TransactGetItems", new TransactGetItemsOperation(tables, snapshots)),
                Map.entry("UpdateTable", new UpdateTableOperation(tables, lifecycle, descriptions, clock)),
                Map.entry("DescribeContinuousBackups", new DescribeContinuousBackupsOperation(tables, backups)),
                Map.entry("UpdateContinuousBackups", new UpdateContinuousBackupsOperation(lifecycle, backups)),
                Map.entry("RestoreTableToPointInTime",
                        new RestoreTableToPointInTimeOperation(tables, restores, descriptions, clock)),
                Map.entry("TagResource", new TagResourceOperation(arns, lifecycle)),
                Map.entry("UntagResource", new UntagResourceOperation(arns, lifecycle)),
                Map.entry("ListTagsOfResource", new ListTagsOfResourceOperation(arns, tables)),
                Map.entry("DescribeLimits", new DescribeLimitsOperation()),
                Map.entry("DescribeEndpoints", new DescribeEndpointsOperation(ownAddress)),
                Map.entry("DescribeTableReplicaAutoScaling", new DescribeTableReplicaAutoScalingOperation(tables)),
                Map.entry("DescribeContributorInsights", new DescribeContributorInsightsOperation(tables)),
                Map.entry("UpdateContributorInsights", new UpdateContributorInsightsOperation(tables)),
                Map.entry("ListContributorInsights", new ListContributorInsightsOperation(tables)),
                Map.entry("UpdateTimeToLive", new UpdateTimeToLiveOperation(tables, catalog, lifecycle, clock)),
                Map.entry("DescribeTimeToLive", new DescribeTimeToLiveOperation(tables, timeToLiveTransition, clock)));
        // PartiQL statements run as requests of the item operations above.
        ItemOperations items = ItemOperations.of(base);
        StatementRunner statements = new StatementRunner(tables, items);
        Map<String, Operation> all = new HashMap<>(base);
        all.put("ExecuteStatement", new ExecuteStatementOperation(statements));
        all.put("BatchExecuteStatement", new BatchExecuteStatementOperation(statements, items));
        all.put("ExecuteTransaction", new ExecuteTransactionOperation(statements, items));
        this.operations = Map.copyOf(all);
    }

    @Override
    public String targetPrefix() {
        return TARGET_PREFIX;
    }

    /** True if the name is an operation of this API (whether or not the target prefix matched). */
    @Override
    public boolean supports(String operation) {
        return operations.containsKey(operation);
    }

    /** See {@link Operation#mayBlock}; true for an unknown operation. */
    @Override
    public boolean mayBlock(String operation) {
        Operation op = operations.get(operation);
        return op == null || op.mayBlock();
    }

    @Override
    public List<Access> accesses(String operation, JsonNode request) {
        return accesses.of(operation, request);
    }

    /** Runs an operation; validation errors surface as a failed future or a thrown DynamoDbException. */
    @Override
    public CompletableFuture<JsonWritable> execute(String operation, JsonNode request) {
        Operation op = operations.get(operation);
        if (op == null) {
            throw Errors.unknownOperation();
        }
        return op.execute(request);
    }
}
