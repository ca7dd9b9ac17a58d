package dev.dynalog.core.partiql;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.dynalog.core.error.DynamoDbException;
import dev.dynalog.core.index.SecondaryIndexes;
import dev.dynalog.core.model.AttributeType;
import dev.dynalog.core.model.BillingMode;
import dev.dynalog.core.model.KeyAttribute;
import dev.dynalog.core.model.KeySchema;
import dev.dynalog.core.model.TableDefinition;
import dev.dynalog.core.model.TableRecovery;
import dev.dynalog.core.model.TableStatus;
import dev.dynalog.core.model.TableStream;
import java.util.List;
import org.junit.jupiter.api.Test;

class StatementCompilerTest {
    private static final ObjectMapper JSON = new ObjectMapper();
    private static final KeySchema KEYS = KeySchema.of(new KeyAttribute("pk", AttributeType.S),
            new KeyAttribute("sk", AttributeType.N));
    private static final TableDefinition TRACKS = new TableDefinition("Tracks", "t-1", TableStatus.ACTIVE, 0, KEYS,
            List.of(KEYS.partitionKey(), KEYS.sortKey().orElseThrow()), BillingMode.PAY_PER_REQUEST, 0, 0, 1,
            TableStream.NONE, SecondaryIndexes.NONE, TableRecovery.NONE);
    private final StatementCompiler compiler = new StatementCompiler(name -> TRACKS);

    private CompiledStatement compile(String statement, JsonNode... parameters) {
        return compiler.compile(StatementParser.parse(statement, List.of(parameters)), false);
    }

    @Test
    void selectByPartitionKeyIsAQueryWithTheOtherConditionsAsFilter() {
        CompiledStatement.Read read = (CompiledStatement.Read) compile(
                "SELECT a.b, c FROM Tracks WHERE pk = 'x' AND sk > 3 AND c <> 'y' ORDER BY sk DESC");
        assertThat(read.operation()).isEqualTo("Query");
        assertThat(read.requests()).hasSize(1);
        assertThat(read.requests().get(0).toString()).isEqualTo("{\"TableName\":\"Tracks\","
                + "\"ProjectionExpression\":\"#n0, #n1\",\"KeyConditionExpression\":\"#n2 = :v0 AND #n3 > :v1\","
                + "\"FilterExpression\":\"#n1 <> :v2\",\"ScanIndexForward\":false,"
                + "\"ExpressionAttributeNames\":{\"#n0\":\"a\",\"#n1\":\"c\",\"#n2\":\"pk\",\"#n3\":\"sk\"},"
                + "\"ExpressionAttributeValues\":{\":v0\":{\"S\":\"x\"},\":v1\":{\"N\":\"3\"},\":v2\":{\"S\":\"y\"}}}");
        assertThat(read.get()).isEmpty();
    }

    @Test
    void selectWithInOnThePartitionKeyIsOneQueryPerValue() {
        CompiledStatement.Read read = (CompiledStatement.Read) compile("SELECT * FROM Tracks WHERE pk IN ['a', ?]",
                JSON.createObjectNode().put("S", "b"));
        assertThat(read.requests()).extracting(r -> r.at("/ExpressionAttributeValues/:v0/S").asText())
                .containsExactly("a", "b");
    }

    @Test
    void selectWithoutAPartitionKeyEqualityIsAScanOfTheWholeWhereClause() {
        CompiledStatement.Read read = (CompiledStatement.Read) compile("SELECT * FROM Tracks WHERE sk = 1 OR pk = 'a'");
        assertThat(read.operation()).isEqualTo("Scan");
        assertThat(read.requests().get(0).get("FilterExpression").asText()).isEqualTo("(#n0 = :v0) OR (#n1 = :v1)");
    }

    @Test
    void insertIsAPutOnConditionThatTheItemIsNew() {
        CompiledStatement.Write w = (CompiledStatement.Write) compile("INSERT INTO Tracks VALUE {'pk':'a','sk':1,'l':[true,null]}");
        assertThat(w.operation()).isEqualTo("PutItem");
        assertThat(w.insert()).isTrue();
        assertThat(w.request().get("Item").toString())
                .isEqualTo("{\"pk\":{\"S\":\"a\"},\"sk\":{\"N\":\"1\"},\"l\":{\"L\":[{\"BOOL\":true},{\"NULL\":true}]}}");
        assertThat(w.request().get("ConditionExpression").asText()).isEqualTo("attribute_not_exists(#n0)");
    }

    @Test
    void updateRequiresTheItemAndTakesTheRestOfTheWhereClauseAsCondition() {
        CompiledStatement.Write w = (CompiledStatement.Write) compile(
                "UPDATE Tracks SET n = n + 1 REMOVE old SET s = set_add(s, <<'x'>>) WHERE pk='a' AND sk=1 AND n < 5 "
                        + "RETURNING MODIFIED NEW *");
        assertThat(w.request().get("UpdateExpression").asText())
                .isEqualTo("SET #n0 = #n0 + :v0 REMOVE #n2 ADD #n1 :v1");
        assertThat(w.request().get("ConditionExpression").asText()).isEqualTo("attribute_exists(#n3) AND (#n0 < :v2)");
        assertThat(w.request().get("ReturnValues").asText()).isEqualTo("ALL_NEW");
        assertThat(w.modified()).contains(List.of("n", "s", "old"));
    }

    @Test
    void writesWithoutEveryKeyAttributeAreRefused() {
        assertThatThrownBy(() -> compile("DELETE FROM Tracks WHERE pk = 'a'"))
                .isInstanceOf(DynamoDbException.class)
                .hasMessage("Where clause does not contain a mandatory equality on all key attributes");
        assertThatThrownBy(() -> compile("UPDATE Tracks SET a = 1 WHERE pk = 'a' AND sk = 'one'"))
                .hasMessage("Key attribute's data type should match its data type in table's schema: Key sk");
    }

    @Test
    void malformedStatementsAndMissingParametersGetDynamoDbsErrors() {
        assertThatThrownBy(() -> compile("SELEC * FROM Tracks"))
                .hasMessage("Statement wasn't well formed, can't be processed: SELEC * FROM Tracks");
        assertThatThrownBy(() -> compile("SELECT * FROM Tracks WHERE pk = ?"))
                .hasMessage("Number of parameters in request and statement don't match.");
        assertThatThrownBy(() -> compile("INSERT INTO Tracks VALUE {'pk':'a', 'pk':'b'}"))
                .hasMessage("Duplicate keys in tuple. Key: pk under root at 1:37:4");
        assertThatThrownBy(() -> compile("SELECT * FROM Tracks WHERE nope(a)")).hasMessage("Unrecognized function: nope");
    }
}
