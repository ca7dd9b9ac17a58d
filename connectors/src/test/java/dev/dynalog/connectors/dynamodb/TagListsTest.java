package dev.dynalog.connectors.dynamodb;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.dynalog.core.error.DynamoDbException;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.stream.Collectors;
import java.util.stream.IntStream;
import org.junit.jupiter.api.Test;

/** DynamoDB's tagging restrictions (developer guide, "Tagging restrictions in DynamoDB"). */
class TagListsTest {
    private static final ObjectMapper JSON = new ObjectMapper();

    private static Map<String, String> tagsOf(String requestJson) throws Exception {
        RequestFields f = new RequestFields(JSON.readTree(requestJson));
        List<TagLists.Tag> tags = TagLists.read(f, "Tags");
        f.check();
        return TagLists.byKey(tags);
    }

    private static String validationMessage(String requestJson) {
        try {
            tagsOf(requestJson);
        } catch (DynamoDbException e) {
            assertThat(e.type()).isEqualTo("ValidationException");
            return e.getMessage();
        } catch (Exception e) {
            throw new AssertionError(e);
        }
        throw new AssertionError("no ValidationException for " + requestJson);
    }

    @Test
    void tagsAreReadByKeyInRequestOrderAndAValueMayBeEmpty() throws Exception {
        Map<String, String> tags = tagsOf("{\"Tags\":[{\"Key\":\"env\",\"Value\":\"prod\"},{\"Key\":\"Owner Name\","
                + "\"Value\":\"\"},{\"Key\":\"a.b:c/d=e+f-g_h\",\"Value\":\"1 2\"}]}");

        assertThat(tags).containsExactly(Map.entry("env", "prod"), Map.entry("Owner Name", ""),
                Map.entry("a.b:c/d=e+f-g_h", "1 2"));
    }

    @Test
    void aKeyOf128UnicodeCharactersIsAllowedAnd129AreNot() throws Exception {
        assertThat(tagsOf("{\"Tags\":[{\"Key\":\"" + "\u05d0".repeat(128) + "\",\"Value\":\"v\"}]}")).hasSize(1);

        assertThat(validationMessage("{\"Tags\":[{\"Key\":\"" + "x".repeat(129) + "\",\"Value\":\"v\"}]}"))
                .isEqualTo("1 validation error detected: Value '" + "x".repeat(129) + "' at 'tags.1.member.key' failed "
                        + "to satisfy constraint: Member must have length less than or equal to 128");
    }

    @Test
    void aValueOf256CharactersIsAllowedAnd257AreNot() throws Exception {
        assertThat(tagsOf("{\"Tags\":[{\"Key\":\"k\",\"Value\":\"" + "v".repeat(256) + "\"}]}")).hasSize(1);

        assertThat(validationMessage("{\"Tags\":[{\"Key\":\"k\",\"Value\":\"" + "v".repeat(257) + "\"}]}"))
                .contains("at 'tags.1.member.value' failed to satisfy constraint: Member must have length less than or "
                        + "equal to 256");
    }

    @Test
    void anEmptyKeyAndAMissingValueAreRefused() {
        assertThat(validationMessage("{\"Tags\":[{\"Key\":\"\",\"Value\":\"v\"},{\"Key\":\"k\"}]}"))
                .isEqualTo("2 validation errors detected: Value '' at 'tags.1.member.key' failed to satisfy constraint: "
                        + "Member must have length greater than or equal to 1; Value null at 'tags.2.member.value' failed "
                        + "to satisfy constraint: Member must not be null");
    }

    @Test
    void charactersOtherThanLettersNumbersWhitespaceAndTheSevenSymbolsAreRefused() {
        for (String bad : List.of("hi!", "d%g", "\"quoted\"", "a@b", "x#y")) {
            assertThat(validationMessage("{\"Tags\":[{\"Key\":" + JSON.valueToTree(bad) + ",\"Value\":\"v\"}]}"))
                    .as(bad).contains("at 'tags.1.member.key' failed to satisfy constraint: Member must satisfy regular "
                            + "expression pattern");
            assertThat(validationMessage("{\"Tags\":[{\"Key\":\"k\",\"Value\":" + JSON.valueToTree(bad) + "}]}"))
                    .as(bad).contains("at 'tags.1.member.value'");
        }
    }

    @Test
    void theAwsPrefixIsReservedForKeys() {
        assertThat(validationMessage("{\"Tags\":[{\"Key\":\"aws:cloudformation:stack-name\",\"Value\":\"v\"}]}"))
                .isEqualTo("One or more parameter values were invalid: Tag keys starting with 'aws:' are reserved for "
                        + "system use: aws:cloudformation:stack-name");
    }

    @Test
    void keysAreCaseSensitiveButAKeyGivenTwiceInOneRequestIsRefused() throws Exception {
        assertThat(tagsOf("{\"Tags\":[{\"Key\":\"Env\",\"Value\":\"a\"},{\"Key\":\"env\",\"Value\":\"b\"}]}")).hasSize(2);

        assertThat(validationMessage("{\"Tags\":[{\"Key\":\"env\",\"Value\":\"a\"},{\"Key\":\"env\",\"Value\":\"b\"}]}"))
                .isEqualTo("One or more parameter values were invalid: Duplicate tag key in the request: env");
    }

    @Test
    void addingTagsGivesExistingKeysTheirNewValuesAndStopsAtFifty() {
        Map<String, String> forty = tags(0, 40);
        Map<String, String> merged = TagLists.merged(forty, Map.of("0", "new", "extra", "x"));

        assertThat(merged).hasSize(41).containsEntry("0", "new").containsEntry("extra", "x");
        assertThat(TagLists.merged(forty, tags(40, 50))).hasSize(50);
        assertThatThrownBy(() -> TagLists.merged(forty, tags(40, 51)))
                .isInstanceOf(DynamoDbException.class)
                .hasMessage("One or more parameter values were invalid: A table can have at most 50 tags; with these it "
                        + "would have 51");
    }

    @Test
    void untaggingNamesKeysWithTheSameConstraints() throws Exception {
        RequestFields f = new RequestFields(JSON.readTree("{\"TagKeys\":[\"ok\",\"\"]}"));
        List<String> keys = TagLists.readKeys(f, "TagKeys");

        assertThat(keys).containsExactly("ok", "");
        assertThatThrownBy(f::check).hasMessage("1 validation error detected: Value '' at 'tagKeys.2.member' failed to "
                + "satisfy constraint: Member must have length greater than or equal to 1");
    }

    @Test
    void anEmptyListOfTagsIsRefusedWhereOneIsRequired() throws Exception {
        JsonNode request = JSON.readTree("{\"Tags\":[]}");
        RequestFields f = new RequestFields(request);
        TagLists.requireNonEmpty(f, "Tags");
        TagLists.requireNonEmpty(f, "TagKeys");

        assertThatThrownBy(f::check).hasMessage("2 validation errors detected: Value '[]' at 'tags' failed to satisfy "
                + "constraint: Member must have length greater than or equal to 1; Value null at 'tagKeys' failed to "
                + "satisfy constraint: Member must not be null");
    }

    private static Map<String, String> tags(int from, int to) {
        return IntStream.range(from, to).boxed().collect(Collectors.toMap(String::valueOf, String::valueOf,
                (a, b) -> a, LinkedHashMap::new));
    }
}
