package dev.dynalog.connectors.http;

/**
 * One permission a request needs: an IAM action ({@code dynamodb:PutItem}) on a resource ARN
 * (a table's, an index's, a stream's, or {@code *} for actions on no resource, like
 * ListTables). A request may need several: BatchWriteItem one per table, TransactWriteItems one
 * per action.
 */
public record Access(String action, String resource) {
    public static final String ANY_RESOURCE = "*";
}
