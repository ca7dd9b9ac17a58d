package dev.dynalog.connectors.dynamodbstreams;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.dynalog.core.error.DynamoDbException;
import org.junit.jupiter.api.Test;

class ShardIteratorsTest {
    private static final String ARN = "arn:aws:dynamodb:us-east-1:000000000000:table/Music/stream/2026-01-01T00:00:00.000";

    @Test
    void anIteratorReadsBackItsPosition() {
        ShardIterators.Position p = new ShardIterators.Position(ARN, 3, 42, 1_000);

        assertThat(ShardIterators.decode(ShardIterators.encode(p), 2_000)).isEqualTo(p);
    }

    @Test
    void anIteratorExpiresFifteenMinutesAfterItWasIssued() {
        String iterator = ShardIterators.encode(new ShardIterators.Position(ARN, 0, 0, 0));

        assertThat(ShardIterators.decode(iterator, 15 * 60_000).offset()).isZero();
        assertThatThrownBy(() -> ShardIterators.decode(iterator, 15 * 60_000 + 1))
                .isInstanceOfSatisfying(DynamoDbException.class,
                        e -> assertThat(e.wireType()).endsWith("ExpiredIteratorException"));
    }

    @Test
    void somethingElseIsAValidationError() {
        assertThatThrownBy(() -> ShardIterators.decode("not-an-iterator", 0))
                .isInstanceOfSatisfying(DynamoDbException.class,
                        e -> assertThat(e.wireType()).endsWith("ValidationException"));
    }

    @Test
    void shardIdsNameTheirPartitionAndTable() {
        String id = Shards.id(2, "0123456789abcdef0123456789abcdef");

        assertThat(id).startsWith("shardId-").hasSizeBetween(28, 65);
        assertThat(Shards.partition(id, "0123456789abcdef0123456789abcdef", 4)).isEqualTo(2);
        assertThat(Shards.partition(id, "fedcba9876543210fedcba9876543210", 4)).isEqualTo(-1);
        assertThat(Shards.partition(id, "0123456789abcdef0123456789abcdef", 2)).isEqualTo(-1);
    }
}
