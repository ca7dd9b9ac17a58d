package dev.dynalog.app.it;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.fasterxml.jackson.databind.JsonNode;
import java.util.function.Consumer;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import software.amazon.awssdk.services.dynamodb.DynamoDbClient;
import software.amazon.awssdk.services.dynamodb.model.BillingMode;
import software.amazon.awssdk.services.dynamodb.model.CreateTableRequest;
import software.amazon.awssdk.services.dynamodb.model.DynamoDbException;
import software.amazon.awssdk.services.dynamodb.model.KeyType;
import software.amazon.awssdk.services.dynamodb.model.SSEStatus;
import software.amazon.awssdk.services.dynamodb.model.SSEType;
import software.amazon.awssdk.services.dynamodb.model.ScalarAttributeType;
import software.amazon.awssdk.services.dynamodb.model.TableClass;
import software.amazon.awssdk.services.dynamodb.model.TableDescription;
import software.amazon.awssdk.services.dynamodb.model.TableStatus;

/**
 * CreateTable's and UpdateTable's DeletionProtectionEnabled, OnDemandThroughput, TableClass,
 * SSESpecification and WarmThroughput, and how DescribeTable reports them. Deletion protection and
 * OnDemandThroughput are compared with DynamoDB Local, which implements them; Local accepts the
 * other three and ignores them (even a TableClass outside the model's enum), so for those these
 * tests pin down the API reference's shapes instead.
 */
class TableSettingsIT {
    private static Differential both;
    private static RawDynamoDb dynalog;
    private static RawDynamoDb reference;
    private static DynamoDbClient db;

    @BeforeAll
    static void servers() {
        dynalog = new RawDynamoDb(TestNode.shared().endpoint());
        reference = new RawDynamoDb(ReferenceDynamoDb.endpoint());
        both = new Differential(dynalog, reference);
        db = TestNode.shared().client();
    }

    private static String onDemandTable(String name, String more) {
        return "{\"TableName\":\"" + name + "\",\"BillingMode\":\"PAY_PER_REQUEST\","
                + "\"KeySchema\":[{\"AttributeName\":\"id\",\"KeyType\":\"HASH\"}],"
                + "\"AttributeDefinitions\":[{\"AttributeName\":\"id\",\"AttributeType\":\"S\"}]" + more + "}";
    }

    private static JsonNode described(RawDynamoDb server, String name) {
        return server.call("DescribeTable", "{\"TableName\":\"" + name + "\"}").body().path("Table");
    }

    private static TableDescription create(String name, Consumer<CreateTableRequest.Builder> settings) {
        db.createTable(r -> {
            r.tableName(name).billingMode(BillingMode.PAY_PER_REQUEST)
                    .keySchema(k -> k.attributeName("id").keyType(KeyType.HASH))
                    .attributeDefinitions(a -> a.attributeName("id").attributeType(ScalarAttributeType.S));
            settings.accept(r);
        });
        Clients.waiter(db).waitUntilTableExists(r -> r.tableName(name));
        return db.describeTable(r -> r.tableName(name)).table();
    }

    @Test
    void aProtectedTableRefusesDeleteTableUntilUpdateTableTurnsTheProtectionOff() {
        both.createTable(onDemandTable("ts_protected", ",\"DeletionProtectionEnabled\":true"));
        assertThat(described(dynalog, "ts_protected").path("DeletionProtectionEnabled").asBoolean()).isTrue();

        both.same("DeleteTable", "{\"TableName\":\"ts_protected\"}");
        assertThat(described(dynalog, "ts_protected").path("TableStatus").asText()).isEqualTo("ACTIVE");

        assertThat(both.sameErrorType("UpdateTable", "{\"TableName\":\"ts_protected\",\"DeletionProtectionEnabled\":false}")
                .status()).isEqualTo(200);
        Clients.waiter(db).waitUntilTableExists(r -> r.tableName("ts_protected"));
        assertThat(described(dynalog, "ts_protected").path("DeletionProtectionEnabled"))
                .isEqualTo(described(reference, "ts_protected").path("DeletionProtectionEnabled"));
        assertThat(both.sameErrorType("DeleteTable", "{\"TableName\":\"ts_protected\"}").status()).isEqualTo(200);
    }

    @Test
    void updateTableCanProtectATableWhileItChangesItsBillingMode() {
        both.createTable(onDemandTable("ts_protect_later", ""));
        assertThat(described(dynalog, "ts_protect_later").path("DeletionProtectionEnabled").asBoolean()).isFalse();

        both.sameErrorType("UpdateTable", "{\"TableName\":\"ts_protect_later\",\"DeletionProtectionEnabled\":true,"
                + "\"BillingMode\":\"PROVISIONED\",\"ProvisionedThroughput\":{\"ReadCapacityUnits\":5,\"WriteCapacityUnits\":5}}");
        Clients.waiter(db).waitUntilTableExists(r -> r.tableName("ts_protect_later"));

        JsonNode table = described(dynalog, "ts_protect_later");
        assertThat(table.path("DeletionProtectionEnabled").asBoolean()).isTrue();
        assertThat(table.path("ProvisionedThroughput").path("ReadCapacityUnits").asLong()).isEqualTo(5);
        both.same("DeleteTable", "{\"TableName\":\"ts_protect_later\"}");
    }

    @Test
    void onDemandMaximumsAreReportedAndCheckedAsDynamoDbLocalDoes() {
        both.createTable(onDemandTable("ts_max", ",\"OnDemandThroughput\":{\"MaxReadRequestUnits\":100,\"MaxWriteRequestUnits\":200}"));
        assertThat(described(dynalog, "ts_max").path("OnDemandThroughput"))
                .isEqualTo(described(reference, "ts_max").path("OnDemandThroughput"));

        both.same("CreateTable", onDemandTable("ts_max_zero",
                ",\"OnDemandThroughput\":{\"MaxReadRequestUnits\":0,\"MaxWriteRequestUnits\":5}"));
        both.same("CreateTable", onDemandTable("ts_max_negative",
                ",\"OnDemandThroughput\":{\"MaxReadRequestUnits\":-5,\"MaxWriteRequestUnits\":5}"));

        both.sameErrorType("UpdateTable", "{\"TableName\":\"ts_max\",\"OnDemandThroughput\":{\"MaxReadRequestUnits\":300,"
                + "\"MaxWriteRequestUnits\":400}}");
        Clients.waiter(db).waitUntilTableExists(r -> r.tableName("ts_max"));
        assertThat(described(dynalog, "ts_max").path("OnDemandThroughput"))
                .isEqualTo(described(reference, "ts_max").path("OnDemandThroughput"));
    }

    @Test
    void anOnDemandTableWithoutMaximumsReportsMinusOneForNoMaximum() {
        // DynamoDB reports -1, the value that removes a maximum ("set the value ... to -1");
        // DynamoDB Local leaves OnDemandThroughput out. One maximum may be given alone: "you must
        // specify MaxReadRequestUnits, MaxWriteRequestUnits, or both" (DynamoDB Local wants both).
        assertThat(create("ts_no_max", r -> { }).onDemandThroughput())
                .satisfies(t -> assertThat(t.maxReadRequestUnits()).isEqualTo(-1))
                .satisfies(t -> assertThat(t.maxWriteRequestUnits()).isEqualTo(-1));
        assertThat(create("ts_read_max", r -> r.onDemandThroughput(t -> t.maxReadRequestUnits(50L))).onDemandThroughput())
                .satisfies(t -> assertThat(t.maxReadRequestUnits()).isEqualTo(50))
                .satisfies(t -> assertThat(t.maxWriteRequestUnits()).isEqualTo(-1));
        assertThatThrownBy(() -> db.updateTable(r -> r.tableName("ts_read_max").onDemandThroughput(t -> { })))
                .isInstanceOf(DynamoDbException.class).hasMessageContaining("or both");
    }

    @Test
    void theTableClassIsReportedInTableClassSummaryWithTheTimeUpdateTableChangedIt() {
        TableDescription created = create("ts_class", r -> r.tableClass(TableClass.STANDARD_INFREQUENT_ACCESS));
        assertThat(created.tableClassSummary().tableClass()).isEqualTo(TableClass.STANDARD_INFREQUENT_ACCESS);
        assertThat(created.tableClassSummary().lastUpdateDateTime()).isNull();

        db.updateTable(r -> r.tableName("ts_class").tableClass(TableClass.STANDARD));
        Clients.waiter(db).waitUntilTableExists(r -> r.tableName("ts_class"));

        TableDescription updated = db.describeTable(r -> r.tableName("ts_class")).table();
        assertThat(updated.tableClassSummary().tableClass()).isEqualTo(TableClass.STANDARD);
        assertThat(updated.tableClassSummary().lastUpdateDateTime()).isAfterOrEqualTo(created.creationDateTime());
        assertThat(create("ts_no_class", r -> { }).tableClassSummary()).isNull();
    }

    @Test
    void aTableClassOutsideTheModelsEnumIsAValidationException() {
        // DynamoDB Local accepts any string; the model's TableClass enum has two values.
        RawDynamoDb.Response r = dynalog.call("CreateTable", onDemandTable("ts_glacier", ",\"TableClass\":\"GLACIER\""));

        assertThat(r.status()).isEqualTo(400);
        assertThat(r.errorType()).isEqualTo("ValidationException");
        assertThat(r.message()).isEqualTo("1 validation error detected: Value 'GLACIER' at 'tableClass' failed to satisfy "
                + "constraint: Member must satisfy enum value set: [STANDARD, STANDARD_INFREQUENT_ACCESS]");
        assertThat(dynalog.call("DescribeTable", "{\"TableName\":\"ts_glacier\"}").errorType())
                .isEqualTo("ResourceNotFoundException");
    }

    @Test
    void encryptionWithKmsIsReportedWithTheKeyTheRequestNamed() {
        // SSESpecification: "If enabled (true), server-side encryption type is set to KMS and an AWS
        // managed key is used"; "disabled (false) or not specified": the AWS owned key, which
        // DescribeTable reports no SSEDescription for.
        TableDescription managed = create("ts_kms_default", r -> r.sseSpecification(s -> s.enabled(true)));
        assertThat(managed.sseDescription().status()).isEqualTo(SSEStatus.ENABLED);
        assertThat(managed.sseDescription().sseType()).isEqualTo(SSEType.KMS);
        assertThat(managed.sseDescription().kmsMasterKeyArn())
                .isEqualTo("arn:aws:kms:us-east-1:000000000000:alias/aws/dynamodb");

        TableDescription named = create("ts_kms_named", r -> r.sseSpecification(s -> s.enabled(true)
                .sseType(SSEType.KMS).kmsMasterKeyId("1234abcd-12ab-34cd-56ef-1234567890ab")));
        assertThat(named.sseDescription().kmsMasterKeyArn())
                .isEqualTo("arn:aws:kms:us-east-1:000000000000:key/1234abcd-12ab-34cd-56ef-1234567890ab");

        assertThat(create("ts_owned_key", r -> r.sseSpecification(s -> s.enabled(false))).sseDescription()).isNull();

        db.updateTable(r -> r.tableName("ts_kms_named").sseSpecification(s -> s.enabled(false)));
        Clients.waiter(db).waitUntilTableExists(r -> r.tableName("ts_kms_named"));
        assertThat(db.describeTable(r -> r.tableName("ts_kms_named")).table().sseDescription()).isNull();
    }

    @Test
    void warmThroughputIsReportedWithItsStatusAndOnlyGrows() {
        TableDescription plain = create("ts_warm_default", r -> { });
        assertThat(plain.warmThroughput().readUnitsPerSecond()).isEqualTo(12_000);
        assertThat(plain.warmThroughput().writeUnitsPerSecond()).isEqualTo(4_000);
        assertThat(plain.warmThroughput().status()).isEqualTo(TableStatus.ACTIVE);

        create("ts_warm", r -> r.warmThroughput(w -> w.readUnitsPerSecond(13_000L).writeUnitsPerSecond(5_000L)));
        db.updateTable(r -> r.tableName("ts_warm").warmThroughput(w -> w.readUnitsPerSecond(20_000L)));
        Clients.waiter(db).waitUntilTableExists(r -> r.tableName("ts_warm"));
        TableDescription grown = db.describeTable(r -> r.tableName("ts_warm")).table();
        assertThat(grown.warmThroughput().readUnitsPerSecond()).isEqualTo(20_000);
        assertThat(grown.warmThroughput().writeUnitsPerSecond()).isEqualTo(5_000);

        assertThatThrownBy(() -> db.updateTable(r -> r.tableName("ts_warm").warmThroughput(w -> w.writeUnitsPerSecond(100L))))
                .isInstanceOf(DynamoDbException.class).hasMessageContaining("WriteUnitsPerSecond");
        assertThat(db.describeTable(r -> r.tableName("ts_warm")).table().warmThroughput().writeUnitsPerSecond())
                .isEqualTo(5_000);
    }

    @Test
    void settingsOfARequestThatFailsAreNotApplied() {
        create("ts_atomic", r -> { });

        assertThatThrownBy(() -> db.updateTable(r -> r.tableName("ts_atomic").deletionProtectionEnabled(true)
                .warmThroughput(w -> w.readUnitsPerSecond(1L))))
                .isInstanceOf(DynamoDbException.class);

        TableDescription table = db.describeTable(r -> r.tableName("ts_atomic")).table();
        assertThat(table.deletionProtectionEnabled()).isFalse();
        assertThat(table.warmThroughput().readUnitsPerSecond()).isEqualTo(12_000);
    }
}
