package dev.dynalog.core.json;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.fasterxml.jackson.core.JsonGenerator;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.dynalog.core.error.DynamoDbException;
import dev.dynalog.core.model.AttributeValue;
import java.io.StringWriter;
import java.util.Map;
import org.junit.jupiter.api.Test;

/** DynamoDB JSON in and out, with DynamoDB's validation messages. */
class AttributeValueJsonTest {
    private static final ObjectMapper JSON = new ObjectMapper();

    @Test
    void everyTypeReadsAndWritesBackTheSameJson() throws Exception {
        String json = "{\"s\":{\"S\":\"x\"},\"n\":{\"N\":\"1.5\"},\"b\":{\"B\":\"AAEC\"},\"t\":{\"BOOL\":true},\"z\":{\"NULL\":true},"
                + "\"m\":{\"M\":{\"k\":{\"L\":[{\"S\":\"v\"}]}}},\"ss\":{\"SS\":[\"a\",\"b\"]},\"ns\":{\"NS\":[\"1\",\"2\"]},"
                + "\"bs\":{\"BS\":[\"AQ==\"]}}";
        Map<String, AttributeValue> item = AttributeValueJson.readItem(JSON.readTree(json));
        StringWriter out = new StringWriter();
        try (JsonGenerator g = JSON.getFactory().createGenerator(out)) {
            AttributeValueJson.writeItem(g, item);
        }
        assertThat(JSON.readTree(out.toString())).isEqualTo(JSON.readTree(json));
    }

    @Test
    void numbersAreNormalizedOnRead() throws Exception {
        assertThat(read("{\"N\":\"001.50\"}")).isEqualTo(new AttributeValue.N("1.5"));
    }

    @Test
    void emptySetsAreRejected() {
        assertThatThrownBy(() -> read("{\"SS\":[]}"))
                .hasMessage("One or more parameter values were invalid: An string set  may not be empty");
        assertThatThrownBy(() -> read("{\"NS\":[]}"))
                .hasMessage("One or more parameter values were invalid: An number set  may not be empty");
        assertThatThrownBy(() -> read("{\"BS\":[]}"))
                .hasMessage("One or more parameter values were invalid: Binary sets should not be empty");
    }

    @Test
    void duplicateSetMembersAreRejected() {
        assertThatThrownBy(() -> read("{\"SS\":[\"a\",\"a\"]}"))
                .hasMessage("One or more parameter values were invalid: Input collection [a, a] contains duplicates");
        assertThatThrownBy(() -> read("{\"NS\":[\"1\",\"1.0\"]}")).hasMessage("Input collection contains duplicates");
    }

    @Test
    void aValueMustHaveExactlyOneType() {
        assertThatThrownBy(() -> read("{}"))
                .hasMessage("Supplied AttributeValue is empty, must contain exactly one of the supported datatypes");
        assertThatThrownBy(() -> read("{\"S\":\"a\",\"N\":\"1\"}"))
                .hasMessage("Supplied AttributeValue has more than one datatypes set, must contain exactly one of the supported datatypes");
    }

    @Test
    void nullMustBeTrue() {
        assertThatThrownBy(() -> read("{\"NULL\":false}"))
                .hasMessage("One or more parameter values were invalid: Null attribute value types must have the value of true");
    }

    @Test
    void wrongJsonTypesAreSerializationErrors() {
        assertThatThrownBy(() -> read("{\"L\":{}}")).isInstanceOf(DynamoDbException.class)
                .satisfies(e -> assertThat(((DynamoDbException) e).type()).endsWith("SerializationException"));
    }

    /** DynamoDB keeps 32 levels: an attribute's value is the first (DynamoDB Local 2.6.1 agrees). */
    @Test
    void valuesNestedDeeperThanThirtyTwoLevelsAreRefused() throws Exception {
        assertThat(read(nested(31))).isInstanceOf(AttributeValue.M.class);
        assertThatThrownBy(() -> read(nested(32))).isInstanceOfSatisfying(DynamoDbException.class, e -> {
            assertThat(e.type()).isEqualTo("ValidationException");
            assertThat(e.getMessage()).isEqualTo("Nesting Levels have exceeded supported limits: Attributes in the item "
                    + "have nested levels beyond supported limit");
        });
    }

    @Test
    void attributeNamesUpTo65535BytesAreAccepted() throws Exception {
        String name = "\u00e9".repeat(65535 / 2) + "a";
        assertThat(AttributeValueJson.readItem(JSON.readTree("{\"" + name + "\":{\"S\":\"x\"}}"))).containsKey(name);
        assertThatThrownBy(() -> AttributeValueJson.readItem(JSON.readTree("{\"" + name + "a\":{\"S\":\"x\"}}")))
                .isInstanceOfSatisfying(DynamoDbException.class, e -> assertThat(e.type()).isEqualTo("ValidationException"));
    }

    /** {@code levels} maps one in another around a string. */
    private static String nested(int levels) {
        return "{\"M\":{\"m\":".repeat(levels) + "{\"S\":\"leaf\"}" + "}}".repeat(levels);
    }

    private static AttributeValue read(String json) throws Exception {
        return AttributeValueJson.read(JSON.readTree(json));
    }
}
