package dev.dynalog.core.validation;

import static org.assertj.core.api.Assertions.assertThatCode;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.dynalog.core.model.AttributeType;
import dev.dynalog.core.model.AttributeValue;
import dev.dynalog.core.model.KeyAttribute;
import dev.dynalog.core.model.KeySchema;
import java.util.Map;
import org.junit.jupiter.api.Test;

/** Keys and items against a table's key schema, with DynamoDB's messages. */
class KeyValidatorTest {
    private static final KeySchema SCHEMA = KeySchema.of(new KeyAttribute("id", AttributeType.S), new KeyAttribute("n", AttributeType.N));

    @Test
    void itemWithoutItsKeyIsRejected() {
        assertThatThrownBy(() -> KeyValidator.validateItem(SCHEMA, Map.of("n", new AttributeValue.N("1"))))
                .hasMessage("One or more parameter values were invalid: Missing the key id in the item");
    }

    @Test
    void itemKeyOfTheWrongTypeIsRejected() {
        assertThatThrownBy(() -> KeyValidator.validateItem(SCHEMA, Map.of("id", new AttributeValue.N("1"), "n", new AttributeValue.N("1"))))
                .hasMessage("One or more parameter values were invalid: Type mismatch for key id expected: S actual: N");
    }

    @Test
    void emptyStringKeyIsRejected() {
        assertThatThrownBy(() -> KeyValidator.validateKey(SCHEMA, Map.of("id", new AttributeValue.S(""), "n", new AttributeValue.N("1"))))
                .hasMessage("One or more parameter values are not valid. The AttributeValue for a key attribute cannot contain an "
                        + "empty string value. Key: id");
    }

    @Test
    void keyWithMissingExtraOrMistypedAttributesDoesNotMatchTheSchema() {
        String message = "The provided key element does not match the schema";
        assertThatThrownBy(() -> KeyValidator.validateKey(SCHEMA, Map.of("id", new AttributeValue.S("x")))).hasMessage(message);
        assertThatThrownBy(() -> KeyValidator.validateKey(SCHEMA, Map.of("id", new AttributeValue.S("x"),
                "n", new AttributeValue.N("1"), "extra", new AttributeValue.S("y")))).hasMessage(message);
        assertThatThrownBy(() -> KeyValidator.validateKey(SCHEMA, Map.of("id", new AttributeValue.S("x"),
                "n", new AttributeValue.S("1")))).hasMessage(message);
    }

    @Test
    void keySizeLimitsAre2048And1024Bytes() {
        String message = "Hash primary key values must be under 2048 bytes, and range primary key values must be under 1024 bytes";
        assertThatCode(() -> KeyValidator.validateItem(SCHEMA, Map.of("id", new AttributeValue.S("k".repeat(2048)),
                "n", new AttributeValue.N("1")))).doesNotThrowAnyException();
        assertThatThrownBy(() -> KeyValidator.validateItem(SCHEMA, Map.of("id", new AttributeValue.S("k".repeat(2049)),
                "n", new AttributeValue.N("1")))).hasMessage(message);
        KeySchema stringSort = KeySchema.of(new KeyAttribute("id", AttributeType.S), new KeyAttribute("s", AttributeType.S));
        assertThatThrownBy(() -> KeyValidator.validateItem(stringSort, Map.of("id", new AttributeValue.S("k"),
                "s", new AttributeValue.S("s".repeat(1025))))).hasMessage(message);
    }

    @Test
    void itemsUpTo400KbAreAcceptedAndLargerOnesRejected() {
        // "id" + "a" = 3 bytes, "x" = 1 byte, so the payload may be 409600 - 4 bytes
        assertThatCode(() -> KeyValidator.validateItem(KeySchema.of(new KeyAttribute("id", AttributeType.S)),
                Map.of("id", new AttributeValue.S("a"), "x", new AttributeValue.S("k".repeat(409600 - 4))))).doesNotThrowAnyException();
        assertThatThrownBy(() -> KeyValidator.validateItem(KeySchema.of(new KeyAttribute("id", AttributeType.S)),
                Map.of("id", new AttributeValue.S("a"), "x", new AttributeValue.S("k".repeat(409600 - 3)))))
                .hasMessage("Item size has exceeded the maximum allowed size");
    }
}
