package dev.dynalog.connectors.dynamodbstreams;

import com.fasterxml.jackson.databind.JsonNode;
import java.util.Comparator;
import java.util.List;
import java.util.function.Function;

/**
 * Paging by id, as DescribeStream pages shards (by ShardId) and ListStreams pages streams (by
 * StreamArn): entries in lexical order of their ids, those after the exclusive start id, at most
 * Limit of them. The start id need not name an entry, it is only compared with the ids (so one
 * past the last id is an empty page, not an error), which is how a client resumes from an entry
 * that went away between two pages. A page gives its last id (as LastEvaluatedShardId or
 * LastEvaluatedStreamArn) only when entries follow it, so the last page has none, as DynamoDB
 * Local answers.
 */
public final class IdPaging {
    /** Limit's bounds and default, in both operations. */
    public static final int MAX_LIMIT = 100;

    private IdPaging() {
    }

    /** The entries of one page, and the id to send as the next page's exclusive start, or null on the last page. */
    public record Page<T>(List<T> entries, String lastEvaluatedId) {
    }

    /**
     * The Limit member, 100 if absent. Below 1 it breaks the model's constraint; above 100 it is
     * the service's own check, with its own message ({@code tooLarge}, which differs by operation).
     */
    public static int limit(JsonNode request, String tooLarge) {
        JsonNode n = request.get("Limit");
        if (n == null || n.isNull()) {
            return MAX_LIMIT;
        }
        long limit = n.asLong();
        if (limit < 1) {
            throw StreamsErrors.validation("1 validation error detected: Value '" + limit
                    + "' at 'limit' failed to satisfy constraint: Member must have value greater than or equal to 1");
        }
        if (limit > MAX_LIMIT) {
            throw StreamsErrors.validation(tooLarge);
        }
        return (int) limit;
    }

    /** The page of {@code entries} (in any order) after {@code exclusiveStartId} (null: from the first). */
    public static <T> Page<T> after(List<T> entries, Function<T, String> id, String exclusiveStartId, int limit) {
        List<T> following = entries.stream()
                .filter(e -> exclusiveStartId == null || id.apply(e).compareTo(exclusiveStartId) > 0)
                .sorted(Comparator.comparing(id))
                .toList();
        List<T> page = following.subList(0, Math.min(limit, following.size()));
        String last = following.size() > page.size() ? id.apply(page.get(page.size() - 1)) : null;
        return new Page<>(page, last);
    }
}
