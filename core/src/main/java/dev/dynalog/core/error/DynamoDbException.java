package dev.dynalog.core.error;

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

    public DynamoDbException(String type, int status, String message) {
        super(message, null, false, false);
        this.type = type;
        this.status = status;
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
