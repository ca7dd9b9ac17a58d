package dev.dynalog.app.it;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.assertj.core.api.Assumptions.assumeThat;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.stream.IntStream;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import software.amazon.awssdk.services.dynamodb.DynamoDbClient;
import software.amazon.awssdk.services.dynamodb.model.AttributeValue;
import software.amazon.awssdk.services.dynamodb.model.BillingMode;
import software.amazon.awssdk.services.dynamodb.model.DynamoDbException;
import software.amazon.awssdk.services.dynamodb.model.KeyType;
import software.amazon.awssdk.services.dynamodb.model.ProjectionType;
import software.amazon.awssdk.services.dynamodb.model.ResourceNotFoundException;
import software.amazon.awssdk.services.dynamodb.model.ScalarAttributeType;
import software.amazon.awssdk.services.dynamodb.model.Tag;
import software.amazon.awssdk.services.dynamodb.model.TableStatus;
import software.amazon.awssdk.services.dynamodb.model.WriteRequest;

/**
 * TagResource, UntagResource, ListTagsOfResource and CreateTable's Tags, through the AWS SDK. DynamoDB
 * Local 2.6.1 answers every tagging call with "Tagging is not currently supported in DynamoDB
 * Local", so these tests pin down DynamoDB's documented behaviour instead: the API reference
 * (TagResource, UntagResource, ListTagsOfResource, the Tag shape) and the developer guide's
 * "Tagging restrictions in DynamoDB".
 */
class TaggingIT {
    private static DynamoDbClient db;

    @BeforeAll
    static void client() {
        db = TestNode.shared().client();
    }

    private static String createTable(String name, List<Tag> tags) {
        db.createTable(r -> r.tableName(name).billingMode(BillingMode.PAY_PER_REQUEST)
                .keySchema(k -> k.attributeName("id").keyType(KeyType.HASH))
                .attributeDefinitions(a -> a.attributeName("id").attributeType(ScalarAttributeType.S))
                .tags(tags));
        Clients.waiter(db).waitUntilTableExists(r -> r.tableName(name));
        return db.describeTable(r -> r.tableName(name)).table().tableArn();
    }

    private static List<Tag> tagsOf(String arn) {
        return db.listTagsOfResource(r -> r.resourceArn(arn)).tags();
    }

    private static Tag tag(String key, String value) {
        return Tag.builder().key(key).value(value).build();
    }

    private static List<Tag> numbered(int from, int to) {
        List<Tag> tags = new ArrayList<>();
        IntStream.range(from, to).forEach(i -> tags.add(tag("k" + i, "v" + i)));
        return tags;
    }

    private static DynamoDbException validation(Runnable call) {
        try {
            call.run();
        } catch (DynamoDbException e) {
            assertThat(e.awsErrorDetails().errorCode()).as(e.getMessage()).isEqualTo("ValidationException");
            assertThat(e.statusCode()).isEqualTo(400);
            return e;
        }
        throw new AssertionError("no ValidationException");
    }

    @Test
    void tagsGivenToCreateTableAreListedByTheTableArn() {
        String arn = createTable("tg_created", List.of(tag("env", "prod"), tag("team", "")));

        assertThat(tagsOf(arn)).containsExactlyInAnyOrder(tag("env", "prod"), tag("team", ""));
    }

    @Test
    void aTableWithoutTagsListsAnEmptyTagList() {
        String arn = createTable("tg_untagged", List.of());

        assertThat(db.listTagsOfResource(r -> r.resourceArn(arn)).hasTags()).isTrue();
        assertThat(tagsOf(arn)).isEmpty();
    }

    @Test
    void tagResourceAddsTagsAndAnExistingKeyGetsTheNewValue() {
        // The Tag shape: "If you try to add an existing tag (same key), the existing tag value will
        // be updated to the new value." Keys are case sensitive.
        String arn = createTable("tg_overwrite", List.of(tag("env", "test")));

        db.tagResource(r -> r.resourceArn(arn).tags(tag("env", "prod"), tag("Env", "other"), tag("owner", "me")));

        assertThat(tagsOf(arn)).containsExactlyInAnyOrder(tag("env", "prod"), tag("Env", "other"), tag("owner", "me"));
    }

    @Test
    void untagResourceRemovesTheKeysAndKeysTheTableDoesNotHaveAreNoError() {
        String arn = createTable("tg_untag", List.of(tag("a", "1"), tag("b", "2"), tag("c", "3")));

        db.untagResource(r -> r.resourceArn(arn).tagKeys("b", "not-there"));

        assertThat(tagsOf(arn)).containsExactlyInAnyOrder(tag("a", "1"), tag("c", "3"));
    }

    @Test
    void allFiftyTagsOfATableComeInOneResponseWithoutNextToken() {
        String arn = createTable("tg_fifty", numbered(0, 30));
        db.tagResource(r -> r.resourceArn(arn).tags(numbered(20, 50)));

        var listed = db.listTagsOfResource(r -> r.resourceArn(arn));

        assertThat(listed.tags()).containsExactlyInAnyOrderElementsOf(numbered(0, 50));
        assertThat(listed.nextToken()).isNull();
    }

    @Test
    void aFiftyFirstTagIsRefusedAndTheTableKeepsItsTags() {
        // "You can add up to 50 tags to a single DynamoDB table" (the Tag shape).
        String arn = createTable("tg_limit", numbered(0, 40));

        validation(() -> db.tagResource(r -> r.resourceArn(arn).tags(numbered(40, 51))));

        assertThat(tagsOf(arn)).containsExactlyInAnyOrderElementsOf(numbered(0, 40));
        db.tagResource(r -> r.resourceArn(arn).tags(numbered(35, 50)));
        assertThat(tagsOf(arn)).hasSize(50);
    }

    @Test
    void createTableWithMoreThanFiftyTagsCreatesNoTable() {
        validation(() -> db.createTable(r -> r.tableName("tg_too_many").billingMode(BillingMode.PAY_PER_REQUEST)
                .keySchema(k -> k.attributeName("id").keyType(KeyType.HASH))
                .attributeDefinitions(a -> a.attributeName("id").attributeType(ScalarAttributeType.S))
                .tags(numbered(0, 51))));

        assertThatThrownBy(() -> db.describeTable(r -> r.tableName("tg_too_many")))
                .isInstanceOf(ResourceNotFoundException.class);
    }

    @Test
    void keysAndValuesOutsideTheRestrictionsAreRefusedAndChangeNothing() {
        // Keys of 1 to 128 Unicode characters, values of 0 to 256; letters, numbers, whitespace and
        // + - = . _ : / only; the aws: prefix is reserved; one tag per key.
        String arn = createTable("tg_restrictions", List.of(tag("kept", "yes")));
        List<List<Tag>> refused = List.of(
                List.of(tag("", "v")),
                List.of(tag("x".repeat(129), "v")),
                List.of(tag("k", "v".repeat(257))),
                List.of(tag("hi!", "v")),
                List.of(tag("k", "#!%^")),
                List.of(tag("aws:owner", "v")),
                List.of(tag("dup", "1"), tag("dup", "2")),
                List.of());
        for (List<Tag> tags : refused) {
            DynamoDbException e = validation(() -> db.tagResource(r -> r.resourceArn(arn).tags(tags)));
            assertThat(e.awsErrorDetails().errorMessage()).as("%s", tags).isNotBlank();
        }
        db.tagResource(r -> r.resourceArn(arn).tags(tag("x".repeat(128), "v".repeat(256)),
                tag("Unicode \u05d0\u05d1", "a+b-c=d.e_f:g/h")));

        assertThat(tagsOf(arn)).hasSize(3).contains(tag("kept", "yes"));
        assertThat(validation(() -> db.untagResource(r -> r.resourceArn(arn).tagKeys("aws:owner")))
                .awsErrorDetails().errorMessage()).contains("aws:");
    }

    @Test
    void aTableArnThatNamesNoTableIsResourceNotFound() {
        String missing = "arn:aws:dynamodb:us-east-1:000000000000:table/tg_absent";
        for (Runnable call : List.<Runnable>of(
                () -> db.tagResource(r -> r.resourceArn(missing).tags(tag("k", "v"))),
                () -> db.untagResource(r -> r.resourceArn(missing).tagKeys("k")),
                () -> db.listTagsOfResource(r -> r.resourceArn(missing)))) {
            assertThatThrownBy(call::run).isInstanceOf(ResourceNotFoundException.class)
                    .hasMessageStartingWith("Requested resource not found: ResourceArn: " + missing + " not found");
        }
    }

    @Test
    void anArnThatIsNotATablesIsAValidationException() {
        // DynamoDB refuses index ARNs too: "Invalid TableArn: Invalid ResourceArn provided as input".
        String arn = createTable("tg_not_table", List.of());
        for (String notTable : List.of("tg_not_table", "arn:not/a/good/format", arn + "/index/byX",
                "arn:aws:s3:::tg_not_table")) {
            assertThat(validation(() -> db.listTagsOfResource(r -> r.resourceArn(notTable))).awsErrorDetails()
                    .errorMessage()).isEqualTo("Invalid TableArn: Invalid ResourceArn provided as input " + notTable);
        }
    }

    @Test
    void aNextTokenThatWasNeverGivenOutIsRefused() {
        // ListTagsOfResource's NextToken "must be copied from the output of a previous call".
        String arn = createTable("tg_token", List.of(tag("k", "v")));

        validation(() -> db.listTagsOfResource(r -> r.resourceArn(arn).nextToken("made-up")));
    }

    @Test
    void aDeletedTablesTagsAreGoneWithIt() {
        String arn = createTable("tg_deleted", List.of(tag("k", "v")));
        db.deleteTable(r -> r.tableName("tg_deleted"));
        Clients.waiter(db).waitUntilTableNotExists(r -> r.tableName("tg_deleted"));

        assertThatThrownBy(() -> tagsOf(arn)).isInstanceOf(ResourceNotFoundException.class);
        assertThat(tagsOf(createTable("tg_deleted", List.of()))).isEmpty();
    }

    @Test
    void tagsChangedWhileTheTableIsUpdatingOutliveTheUpdate() {
        String arn = createTable("tg_updating", List.of(tag("before", "1")));
        for (int batch = 0; batch < 40; batch++) {
            List<WriteRequest> puts = new ArrayList<>();
            for (int i = 0; i < 25; i++) {
                var item = Map.of("id", AttributeValue.fromS("item-" + batch + "-" + i),
                        "kind", AttributeValue.fromS("k" + (i % 5)));
                puts.add(WriteRequest.builder().putRequest(p -> p.item(item)).build());
            }
            db.batchWriteItem(r -> r.requestItems(Map.of("tg_updating", puts)));
        }
        // A new global index is backfilled online: the table stays UPDATING meanwhile.
        db.updateTable(r -> r.tableName("tg_updating")
                .attributeDefinitions(a -> a.attributeName("kind").attributeType(ScalarAttributeType.S))
                .globalSecondaryIndexUpdates(u -> u.create(c -> c.indexName("byKind")
                        .keySchema(k -> k.attributeName("kind").keyType(KeyType.HASH))
                        .projection(p -> p.projectionType(ProjectionType.KEYS_ONLY)))));
        db.tagResource(r -> r.resourceArn(arn).tags(tag("during", "2")));
        assumeThat(db.describeTable(r -> r.tableName("tg_updating")).table().tableStatus())
                .as("the update was still going on when the tag was added").isEqualTo(TableStatus.UPDATING);

        Clients.waiter(db).waitUntilTableExists(r -> r.tableName("tg_updating"));

        assertThat(tagsOf(arn)).containsExactlyInAnyOrder(tag("before", "1"), tag("during", "2"));
    }
}
