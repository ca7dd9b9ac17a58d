package dev.dynalog.connectors.dynamodb.partiql;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.dynalog.connectors.dynamodb.TableResolver;
import dev.dynalog.core.error.DynamoDbException;
import dev.dynalog.core.error.Errors;
import dev.dynalog.core.model.TableDefinition;
import dev.dynalog.core.partiql.CompiledStatement;
import dev.dynalog.core.partiql.Path;
import dev.dynalog.core.partiql.Statement;
import dev.dynalog.core.partiql.StatementCompiler;
import dev.dynalog.core.partiql.StatementParser;
import java.nio.charset.StandardCharsets;
import java.util.Base64;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionException;

/**
 * Parses, compiles and runs one PartiQL statement on the JSON API's item operations, and shapes
 * their answers the way ExecuteStatement answers: Items (a write's returned attributes, if it
 * asked for them), NextToken for the rest of a read.
 */
public final class StatementRunner {
    private static final ObjectMapper JSON = new ObjectMapper();

    /** The API model's limit of a PartiQLStatement. */
    private static final int MAX_STATEMENT_LENGTH = 8192;

    private final TableResolver tables;
    private final ItemOperations operations;

    public StatementRunner(TableResolver tables, ItemOperations operations) {
        this.tables = tables;
        this.operations = operations;
    }

    /**
     * Parses and compiles a statement. In a transaction ({@code transactional}) a missing table is
     * "Requested resource not found", as TransactWriteItems says; elsewhere DynamoDB words it
     * "Cannot do operations on a non-existent table". EXISTS is only for transactions.
     */
    public CompiledStatement compile(JsonNode statement, JsonNode parameters, boolean consistentRead,
                                     boolean transactional) {
        if (statement == null || !statement.isTextual()) {
            throw Errors.validation("1 validation error detected: Value null at 'statement' failed to satisfy "
                    + "constraint: Member must not be null");
        }
        if (statement.asText().length() > MAX_STATEMENT_LENGTH) {
            throw Errors.validation("Member must have length less than or equal to " + MAX_STATEMENT_LENGTH);
        }
        List<JsonNode> params = parameters == null || parameters.isNull() ? null : list(parameters);
        StatementCompiler compiler = new StatementCompiler(name -> table(name, transactional));
        Statement parsed = StatementParser.parse(statement.asText(), params);
        if (parsed instanceof Statement.Exists && !transactional) {
            throw Errors.validation("EXISTS can only be used in ExecuteTransaction write requests.");
        }
        return compiler.compile(parsed, consistentRead);
    }

    private TableDefinition table(String name, boolean transactional) {
        try {
            return tables.active(name);
        } catch (DynamoDbException e) {
            if (!transactional && e.type().equals("ResourceNotFoundException")) {
                throw Errors.resourceNotFound("Cannot do operations on a non-existent table");
            }
            throw e;
        }
    }

    private static List<JsonNode> list(JsonNode array) {
        if (!array.isArray()) {
            throw Errors.serialization("Start of list found where not expected");
        }
        java.util.ArrayList<JsonNode> out = new java.util.ArrayList<>();
        array.forEach(out::add);
        return out;
    }

    /** Runs a write; an INSERT whose item exists fails as DynamoDB's DuplicateItemException. */
    public CompletableFuture<ObjectNode> write(CompiledStatement.Write w, JsonNode returnValuesOnFailure,
                                               JsonNode returnCapacity) {
        ObjectNode request = w.request().deepCopy();
        if (returnValuesOnFailure != null) {
            request.set("ReturnValuesOnConditionCheckFailure", returnValuesOnFailure);
        }
        if (returnCapacity != null) {
            request.set("ReturnConsumedCapacity", returnCapacity);
        }
        return operations.call(w.operation(), request).handle((answer, error) -> {
            if (error != null) {
                Throwable cause = unprefixed(error instanceof CompletionException ? error.getCause() : error);
                if (w.insert() && cause instanceof DynamoDbException d
                        && d.type().equals("ConditionalCheckFailedException")) {
                    throw Errors.duplicateItem();
                }
                throw cause instanceof RuntimeException r ? r : new CompletionException(cause);
            }
            ObjectNode out = JSON.createObjectNode();
            ArrayNode items = out.putArray("Items");
            if (answer.has("Attributes")) {
                JsonNode attributes = answer.get("Attributes");
                if (w.modified().isPresent()) {
                    ObjectNode named = JSON.createObjectNode();
                    for (String a : w.modified().get()) {
                        if (attributes.has(a)) {
                            named.set(a, attributes.get(a));
                        }
                    }
                    attributes = named;
                }
                if (!attributes.isEmpty()) {
                    items.add(attributes);
                }
            }
            if (answer.has("ConsumedCapacity")) {
                out.set("ConsumedCapacity", answer.get("ConsumedCapacity"));
            }
            return out;
        });
    }

    /**
     * Runs a SELECT of one item by its whole key, without Limit or NextToken, as the GetItem it
     * is: the same answer as its Query, for less work.
     */
    public CompletableFuture<ObjectNode> readOne(CompiledStatement.Read r, boolean consistentRead,
                                                 JsonNode returnCapacity) {
        ObjectNode request = r.getOne().orElseThrow().deepCopy();
        if (consistentRead) {
            request.put("ConsistentRead", true);
        }
        if (returnCapacity != null) {
            request.set("ReturnConsumedCapacity", returnCapacity);
        }
        return operations.call("GetItem", request).thenApply(answer -> {
            ObjectNode out = JSON.createObjectNode();
            ArrayNode items = out.putArray("Items");
            if (answer.has("Item")) {
                items.add(shape(answer.get("Item"), r.projection()));
            }
            if (answer.has("ConsumedCapacity")) {
                out.set("ConsumedCapacity", answer.get("ConsumedCapacity"));
            }
            return out;
        });
    }

    /**
     * Runs a read from where {@code nextToken} left off, one Query (or the Scan) after the other,
     * until {@code limit} items were evaluated or a request stopped at its page size.
     */
    public CompletableFuture<ObjectNode> read(CompiledStatement.Read r, Integer limit, String nextToken,
                                              JsonNode returnCapacity) {
        int query = 0;
        JsonNode startKey = null;
        if (nextToken != null) {
            JsonNode token = decode(nextToken);
            query = token.path("q").asInt();
            startKey = token.get("k");
            if (query < 0 || query >= r.requests().size()) {
                throw Errors.validation("Invalid NextToken");
            }
        }
        ObjectNode out = JSON.createObjectNode();
        out.putArray("Items");
        return page(r, query, startKey, limit, 0, returnCapacity, out);
    }

    private CompletableFuture<ObjectNode> page(CompiledStatement.Read r, int query, JsonNode startKey, Integer limit,
                                               int evaluated, JsonNode returnCapacity, ObjectNode out) {
        ObjectNode request = r.requests().get(query).deepCopy();
        if (startKey != null) {
            request.set("ExclusiveStartKey", startKey);
        }
        if (limit != null) {
            request.put("Limit", limit - evaluated);
        }
        if (returnCapacity != null) {
            request.set("ReturnConsumedCapacity", returnCapacity);
        }
        return operations.call(r.operation(), request).exceptionally(error -> {
            Throwable cause = unprefixed(error instanceof CompletionException ? error.getCause() : error);
            throw cause instanceof RuntimeException e ? e : new CompletionException(cause);
        }).thenCompose(answer -> {
            ArrayNode items = (ArrayNode) out.get("Items");
            answer.path("Items").forEach(item -> items.add(shape(item, r.projection())));
            JsonNode consumed = CapacitySums.add(out.get("ConsumedCapacity"), answer.get("ConsumedCapacity"));
            if (consumed != null) {
                out.set("ConsumedCapacity", consumed);
            }
            int now = evaluated + answer.path("ScannedCount").asInt();
            JsonNode last = answer.get("LastEvaluatedKey");
            if (last != null) {
                out.put("NextToken", encode(query, last));
                return CompletableFuture.completedFuture(out);
            }
            if (query + 1 < r.requests().size()) {
                if (limit != null && now >= limit) {
                    out.put("NextToken", encode(query + 1, null));
                    return CompletableFuture.completedFuture(out);
                }
                return page(r, query + 1, null, limit, now, returnCapacity, out);
            }
            return CompletableFuture.completedFuture(out);
        });
    }

    /**
     * The error of an expression the statement was compiled into, without the JSON API's naming
     * of the request member ("Invalid FilterExpression: "), which a statement does not have.
     */
    private static Throwable unprefixed(Throwable error) {
        if (error instanceof DynamoDbException d && d.item() == null && d.getMessage() != null) {
            java.util.regex.Matcher m = MEMBER_PREFIX.matcher(d.getMessage());
            if (m.lookingAt()) {
                return new DynamoDbException(d.type(), d.status(), d.getMessage().substring(m.end()));
            }
            if (d.getMessage().startsWith(INDEX_KEY_MISMATCH)) {
                return new DynamoDbException(d.type(), d.status(), INDEX_KEY_MISMATCH);
            }
        }
        return error;
    }

    /**
     * Where PartiQL words a refused write shorter than the JSON API: the type mismatch of an index
     * key attribute, without the attribute and index names.
     */
    private static final String INDEX_KEY_MISMATCH = "One or more parameter values were invalid: Type mismatch for Index Key";

    private static final java.util.regex.Pattern MEMBER_PREFIX = java.util.regex.Pattern.compile(
            "Invalid (Filter|KeyCondition|Condition|Update|Projection)Expression: ");

    /**
     * An item as a SELECT returns it: each selected path's value under the path's result name
     * ({@code SELECT m.a} gives {@code {"a": ...}}); the whole item for {@code *}.
     */
    public static JsonNode shape(JsonNode item, List<Path> projection) {
        if (projection.isEmpty() || item == null) {
            return item;
        }
        ObjectNode out = JSON.createObjectNode();
        for (Path p : projection) {
            JsonNode v = valueAt(item, p);
            if (v != null) {
                out.set(p.resultName(), v);
            }
        }
        return out;
    }

    private static JsonNode valueAt(JsonNode item, Path path) {
        JsonNode current = null;
        for (Path.Step step : path.steps()) {
            if (step instanceof Path.Field f) {
                JsonNode map = current == null ? item : current.get("M");
                current = map == null ? null : map.get(f.name());
            } else {
                JsonNode list = current == null ? null : current.get("L");
                int index = ((Path.Element) step).index();
                current = list == null || index >= list.size() ? null : list.get(index);
            }
            if (current == null) {
                return null;
            }
        }
        return current;
    }

    private static String encode(int query, JsonNode startKey) {
        ObjectNode token = JSON.createObjectNode().put("q", query);
        if (startKey != null) {
            token.set("k", startKey);
        }
        return Base64.getEncoder().encodeToString(token.toString().getBytes(StandardCharsets.UTF_8));
    }

    private static JsonNode decode(String nextToken) {
        try {
            JsonNode token = JSON.readTree(Base64.getDecoder().decode(nextToken));
            if (token == null || !token.isObject()) {
                throw Errors.validation("Invalid NextToken");
            }
            return token;
        } catch (IllegalArgumentException | java.io.IOException e) {
            throw Errors.validation("Invalid NextToken");
        }
    }
}
