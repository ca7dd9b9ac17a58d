package dev.dynalog.core.error;

import dev.dynalog.core.model.AttributeValue;
import java.util.List;
import java.util.Map;

/**
 * The errors dynalog reports, each with DynamoDB's type and HTTP status. All error creation
 * goes through here so the pairing of type and status is written once.
 */
public final class Errors {
    private Errors() {
    }

    public static DynamoDbException validation(String message) {
        return new DynamoDbException("ValidationException", 400, message);
    }

    public static DynamoDbException resourceNotFound(String message) {
        return new DynamoDbException("ResourceNotFoundException", 400, message);
    }

    /** DynamoDB's message when a table does not exist or is not ACTIVE. */
    public static DynamoDbException tableNotFound() {
        return resourceNotFound("Requested resource not found");
    }

    /** A backup or restore operation's table (its source) does not exist. */
    public static DynamoDbException sourceTableNotFound(String name) {
        return new DynamoDbException("TableNotFoundException", 400, "Table not found: " + name);
    }

    /** A restore's target table exists already. */
    public static DynamoDbException tableAlreadyExists(String name) {
        return new DynamoDbException("TableAlreadyExistsException", 400, "Table already exists: " + name);
    }

    /** A restore's target table is being created or deleted. */
    public static DynamoDbException tableInUse(String name) {
        return new DynamoDbException("TableInUseException", 400, "Table is being created or deleted: " + name);
    }

    /** A restore time outside the restorable window. */
    public static DynamoDbException invalidRestoreTime(String message) {
        return new DynamoDbException("InvalidRestoreTimeException", 400, message);
    }

    /** A restore of a table without point-in-time recovery enabled. */
    public static DynamoDbException pointInTimeRecoveryUnavailable(String name) {
        return new DynamoDbException("PointInTimeRecoveryUnavailableException", 400,
                "Point in time recovery is not enabled for table '" + name + "'");
    }

    /** A write would grow an item collection (table with local indexes) past its size limit. */
    public static DynamoDbException itemCollectionSizeLimitExceeded(String message) {
        return new DynamoDbException("ItemCollectionSizeLimitExceededException", 400, message);
    }

    /**
     * A table's read or write budget is spent: provisioned capacity ({@code limitType}
     * ProvisionedThroughputExceeded) or an on-demand table's limit (MaxOnDemandThroughputExceeded
     * when the table sets one, else AccountLimitExceeded); the SDKs retry it with backoff.
     */
    public static DynamoDbException throughputExceeded(boolean write, String limitType, String tableArn) {
        return throughputExceeded("Table", "table", write, limitType, tableArn);
    }

    /** A global index's own budget is spent: the reason names the index, the resource is its ARN. */
    public static DynamoDbException indexThroughputExceeded(boolean write, String limitType, String indexArn) {
        return throughputExceeded("Index", "index", write, limitType, indexArn);
    }

    private static DynamoDbException throughputExceeded(String resourceType, String resource, boolean write,
                                                        String limitType, String arn) {
        String message = limitType.equals("ProvisionedThroughputExceeded")
                ? "The level of configured provisioned throughput for the " + resource + " was exceeded. "
                        + "Consider increasing your provisioning level with the UpdateTable API."
                : "Throughput exceeds the current capacity of your table or index. DynamoDB is automatically "
                        + "scaling your table or index so please try again shortly.";
        return new ThroughputExceededException(message, resourceType + (write ? "Write" : "Read") + limitType, arn);
    }

    public static DynamoDbException resourceInUse(String message) {
        return new DynamoDbException("ResourceInUseException", 400, message);
    }

    public static DynamoDbException conditionalCheckFailed(String message) {
        return conditionalCheckFailed(message, null);
    }

    /** A failed condition; {@code oldItem} (or null) is returned to the client with the error. */
    public static DynamoDbException conditionalCheckFailed(String message, Map<String, AttributeValue> oldItem) {
        return new DynamoDbException("ConditionalCheckFailedException", 400, message, oldItem);
    }

    /** Malformed JSON; real DynamoDB answers 400 (DynamoDB Local answers 500). */
    /** A PartiQL INSERT of an item that exists already. */
    public static DynamoDbException duplicateItem() {
        return new DynamoDbException("DuplicateItemException", 400, "Duplicate primary key exists in table");
    }

    public static DynamoDbException serialization(String message) {
        return new DynamoDbException("com.amazon.coral.service#SerializationException", 400, message);
    }

    public static DynamoDbException unknownOperation() {
        return new DynamoDbException("com.amazon.coral.service#UnknownOperationException", 400, null);
    }

    /** A request without an Authorization header on a node that checks signatures. */
    public static DynamoDbException missingAuthenticationToken() {
        return new DynamoDbException("com.amazon.coral.service#MissingAuthenticationTokenException", 400,
                "Request is missing Authentication Token");
    }

    /** An Authorization header that is not a complete Signature Version 4 header. */
    public static DynamoDbException incompleteSignature(String message) {
        return new DynamoDbException("com.amazon.coral.service#IncompleteSignatureException", 400, message);
    }

    /** A request signed with an access key id the node does not know. */
    public static DynamoDbException unrecognizedClient() {
        return new DynamoDbException("com.amazon.coral.service#UnrecognizedClientException", 400,
                "The security token included in the request is invalid.");
    }

    /** A signature that does not verify, is scoped to another region or service, or is too old or new. */
    public static DynamoDbException invalidSignature(String message) {
        return new DynamoDbException("com.amazon.coral.service#InvalidSignatureException", 400, message);
    }

    /** The principal's policy does not allow the action on the resource. */
    public static DynamoDbException accessDenied(String message) {
        return new DynamoDbException("com.amazon.coral.service#AccessDeniedException", 400, message);
    }

    /** A request body above the endpoint's limit (16 MB, as DynamoDB's). */
    public static DynamoDbException requestTooLarge() {
        return new DynamoDbException("com.amazon.coral.service#RequestEntityTooLargeException", 413,
                "Request payload size exceeds the limit");
    }

    public static DynamoDbException limitExceeded(String message) {
        return new DynamoDbException("LimitExceededException", 400, message);
    }

    public static DynamoDbException internal(String message) {
        return new DynamoDbException("InternalServerError", 500, message);
    }

    public static DynamoDbException unavailable(String message) {
        return new DynamoDbException("com.amazon.coral.availability#ServiceUnavailableException", 503, message);
    }

    /** The transaction was cancelled; {@code reasons} has one entry per action, in request order. */
    public static TransactionCanceledException transactionCanceled(List<CancellationReason> reasons) {
        return new TransactionCanceledException(reasons);
    }

    /** A single-item write or a read met an item that a transaction in flight holds. */
    public static DynamoDbException transactionConflict() {
        return new DynamoDbException("TransactionConflictException", 400,
                "Transaction is ongoing for the item");
    }

    /** A ClientRequestToken seen within the last 10 minutes came with other parameters. */
    public static DynamoDbException idempotentParameterMismatch() {
        return new DynamoDbException("IdempotentParameterMismatchException", 400,
                "One or more parameter values were invalid: The request with the client token was previously used with different parameters");
    }

    /** The transaction with this ClientRequestToken is still being carried out. */
    public static DynamoDbException transactionInProgress() {
        return new DynamoDbException("TransactionInProgressException", 400,
                "Transaction with the given request token is already in progress");
    }
}
