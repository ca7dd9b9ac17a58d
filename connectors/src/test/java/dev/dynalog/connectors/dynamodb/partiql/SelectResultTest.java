package dev.dynalog.connectors.dynamodb.partiql;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.dynalog.core.partiql.Path;
import java.util.List;
import org.junit.jupiter.api.Test;

/** How a SELECT's items and a PartiQL request's ConsumedCapacity reach the client. */
class SelectResultTest {
    private static final ObjectMapper JSON = new ObjectMapper();

    private static JsonNode json(String text) throws Exception {
        return JSON.readTree(text);
    }

    @Test
    void aSelectedNestedPathComesBackUnderItsLastNameWithItsIndexes() throws Exception {
        JsonNode item = json("{\"id\":{\"S\":\"a\"},\"m\":{\"M\":{\"x\":{\"N\":\"1\"},"
                + "\"l\":{\"L\":[{\"S\":\"p\"},{\"S\":\"q\"}]}}}}");
        List<Path> projection = List.of(new Path(List.of(new Path.Field("id"))),
                new Path(List.of(new Path.Field("m"), new Path.Field("l"), new Path.Element(1))),
                new Path(List.of(new Path.Field("m"), new Path.Field("missing"))),
                new Path(List.of(new Path.Field("m"), new Path.Field("l"), new Path.Element(7))));
        assertThat(StatementRunner.shape(item, projection))
                .isEqualTo(json("{\"id\":{\"S\":\"a\"},\"l[1]\":{\"S\":\"q\"}}"));
        assertThat(StatementRunner.shape(item, List.of())).isSameAs(item);
    }

    @Test
    void capacityOfSeveralRequestsIsSummedMemberByMemberPerTable() throws Exception {
        JsonNode a = json("{\"TableName\":\"t\",\"CapacityUnits\":0.5,\"Table\":{\"CapacityUnits\":0.5}}");
        JsonNode b = json("{\"TableName\":\"t\",\"CapacityUnits\":1.0,\"Table\":{\"CapacityUnits\":1.0}}");
        JsonNode c = json("{\"TableName\":\"u\",\"CapacityUnits\":2.0}");
        assertThat(CapacitySums.byTable(List.of(a, c, b)).toString()).isEqualTo(
                "[{\"TableName\":\"t\",\"CapacityUnits\":1.5,\"Table\":{\"CapacityUnits\":1.5}},"
                        + "{\"TableName\":\"u\",\"CapacityUnits\":2.0}]");
        assertThat(CapacitySums.add(null, a)).isEqualTo(a).isNotSameAs(a);
    }
}
