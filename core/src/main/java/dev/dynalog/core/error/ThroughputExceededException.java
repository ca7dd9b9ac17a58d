package dev.dynalog.core.error;

/**
 * DynamoDB's ProvisionedThroughputExceededException, with its ThrottlingReasons entry: what was
 * throttled and why, in DynamoDB's {@code ResourceType + OperationType + LimitType} form (e.g.
 * {@code TableWriteProvisionedThroughputExceeded}), and the ARN of the table.
 */
public final class ThroughputExceededException extends DynamoDbException {
    private final String reason;
    private final String resource;

    ThroughputExceededException(String message, String reason, String resource) {
        super("ProvisionedThroughputExceededException", 400, message);
        this.reason = reason;
        this.resource = resource;
    }

    public String reason() {
        return reason;
    }

    public String resource() {
        return resource;
    }
}
