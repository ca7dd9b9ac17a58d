package dev.dynalog.connectors.dynamodbstreams;

import dev.dynalog.core.error.DynamoDbException;

/** The DynamoDB Streams API's errors, with the type and status its clients expect. */
public final class StreamsErrors {
    private StreamsErrors() {
    }

    public static DynamoDbException validation(String message) {
        return new DynamoDbException("ValidationException", 400, message);
    }

    public static DynamoDbException resourceNotFound(String message) {
        return new DynamoDbException("ResourceNotFoundException", 400, message);
    }

    /** A shard iterator older than 15 minutes, as DynamoDB Streams documents. */
    public static DynamoDbException expiredIterator(String message) {
        return new DynamoDbException("ExpiredIteratorException", 400, message);
    }

    /** A position before the oldest record the shard still holds (removed by retention). */
    public static DynamoDbException trimmedDataAccess(String message) {
        return new DynamoDbException("TrimmedDataAccessException", 400, message);
    }
}
