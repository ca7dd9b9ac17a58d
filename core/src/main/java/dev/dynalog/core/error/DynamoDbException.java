package dev.dynalog.core.error;

import dev.dynalog.core.model.AttributeValue;
import java.util.Map;

/**
 * An error that DynamoDB reports to the client: its short type name (the part after
 * {@code #} in {@code __type}), HTTP status and message.
 *
 * <p>Create instances through {@link Errors}, which fixes type and status together.
 */
public class DynamoDbException extends RuntimeException {
    public static final String TYPE_PREFIX = "com.amazonaws.dynamodb.v20120810#";

    private final String type;
    private final int status;
    private final Map<String, AttributeValue> item;

    public DynamoDbException(String type, int status, String message) {
        this(type, status, message, null);
    }

    public DynamoDbException(String type, int status, String message, Map<String, AttributeValue> item) {
        super(message, null, false, false);
        this.type = type;
        this.status = status;
        this.item = item;
    }

    /**
     * The item DynamoDB returns with the error, or null: the old item of a failed conditional
     * write that asked for ReturnValuesOnConditionCheckFailure ALL_OLD.
     */
    public Map<String, AttributeValue> item() {
        return item;
    }

    /** The short error type, e.g. {@code ValidationException}. */
    public String type() {
        return type;
    }

    /** The full {@code __type} value of the JSON 1.0 protocol. */
    public String wireType() {
        return type.startsWith("com.amazon") ? type : TYPE_PREFIX + type;
    }

    public int status() {
        return status;
    }
}
