package dev.dynalog.app.it;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.function.BiPredicate;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/**
 * UpdateTimeToLive and DescribeTimeToLive, request for request against DynamoDB Local: the same
 * answers and errors, except where dynalog follows DynamoDB's documented behaviour instead (each
 * such place says so).
 */
class TimeToLiveDifferentialIT {
    private static RawDynamoDb dynalog;
    private static RawDynamoDb local;
    private static Differential both;

    @BeforeAll
    static void clients() {
        dynalog = new RawDynamoDb(TestNode.shared().endpoint());
        local = new RawDynamoDb(ReferenceDynamoDb.endpoint());
        both = new Differential(dynalog, local);
    }

    private static void createTable(String name) {
        both.createTable("{\"TableName\":\"" + name + "\",\"BillingMode\":\"PAY_PER_REQUEST\","
                + "\"KeySchema\":[{\"AttributeName\":\"id\",\"KeyType\":\"HASH\"}],"
                + "\"AttributeDefinitions\":[{\"AttributeName\":\"id\",\"AttributeType\":\"S\"}]}");
    }

    private static String update(String table, boolean enabled, String attribute) {
        return "{\"TableName\":\"" + table + "\",\"TimeToLiveSpecification\":{\"Enabled\":" + enabled
                + ",\"AttributeName\":\"" + attribute + "\"}}";
    }

    private static String describe(String table) {
        return "{\"TableName\":\"" + table + "\"}";
    }

    @Test
    void aNewTableHasTimeToLiveDisabled() {
        createTable("ttld_new");

        both.same("DescribeTimeToLive", describe("ttld_new"));
    }

    @Test
    void enablingAnswersWithTheSpecificationAndATableIsDescribedWithItsAttribute() {
        createTable("ttld_enable");

        both.same("UpdateTimeToLive", update("ttld_enable", true, "expiresAt"));

        // DynamoDB Local reports ENABLED at once; dynalog reports ENABLING until its sweepers have
        // the setting, as DynamoDB documents the transition. The attribute is the same.
        RawDynamoDb.Response ours = dynalog.call("DescribeTimeToLive", describe("ttld_enable"));
        RawDynamoDb.Response theirs = local.call("DescribeTimeToLive", describe("ttld_enable"));
        assertThat(ours.body().path("TimeToLiveDescription").path("AttributeName"))
                .isEqualTo(theirs.body().path("TimeToLiveDescription").path("AttributeName"));
        assertThat(theirs.body().path("TimeToLiveDescription").path("TimeToLiveStatus").asText()).isEqualTo("ENABLED");
        assertThat(ours.body().path("TimeToLiveDescription").path("TimeToLiveStatus").asText())
                .isIn("ENABLING", "ENABLED");
    }

    @Test
    void enablingTwiceIsRefused() {
        createTable("ttld_twice");
        both.same("UpdateTimeToLive", update("ttld_twice", true, "expiresAt"));

        both.same("UpdateTimeToLive", update("ttld_twice", true, "expiresAt"));
    }

    @Test
    void enablingAnotherAttributeWhileEnabledIsRefused() {
        createTable("ttld_other");
        both.same("UpdateTimeToLive", update("ttld_other", true, "expiresAt"));

        both.same("UpdateTimeToLive", update("ttld_other", true, "deleteAt"),
                (ours, theirs) -> ours.startsWith(theirs));
    }

    @Test
    void disablingATableWithoutTimeToLiveIsRefused() {
        createTable("ttld_disabled");

        both.same("UpdateTimeToLive", update("ttld_disabled", false, "expiresAt"));
    }

    @Test
    void aSecondChangeWithinTheHourIsRefusedAsDynamoDbDocumentsIt() {
        createTable("ttld_hourly");
        both.same("UpdateTimeToLive", update("ttld_hourly", true, "expiresAt"));

        // DynamoDB Local allows it; DynamoDB's documentation says a second UpdateTimeToLive within
        // the hour is a ValidationException, with DynamoDB Local's own message for it.
        RawDynamoDb.Response ours = dynalog.call("UpdateTimeToLive", update("ttld_hourly", false, "expiresAt"));
        RawDynamoDb.Response theirs = local.call("UpdateTimeToLive", update("ttld_hourly", false, "expiresAt"));
        assertThat(theirs.status()).isEqualTo(200);
        assertThat(ours.status()).isEqualTo(400);
        assertThat(ours.errorType()).isEqualTo("ValidationException");
        assertThat(ours.message()).isEqualTo("Time to live has been modified multiple times within a fixed interval");
    }

    @Test
    void anUnknownTableIsNotFound() {
        // DynamoDB Local: "Cannot do operations on a non-existent table", its data-plane message;
        // dynalog gives DynamoDB's control-plane one, as for DescribeTable.
        BiPredicate<String, String> notFound = (ours, theirs) ->
                ours.equals("Requested resource not found: Table: ttld_missing not found")
                        && theirs.equals("Cannot do operations on a non-existent table");
        both.same("UpdateTimeToLive", update("ttld_missing", true, "expiresAt"), notFound);
        both.same("DescribeTimeToLive", describe("ttld_missing"), notFound);
    }

    /**
     * Both refuse these with a ValidationException. The messages differ: dynalog's state the API
     * model's constraints as DynamoDB's request validation does ("Value null at
     * 'timeToLiveSpecification.enabled' failed to satisfy constraint: ..."), DynamoDB Local's are
     * its own ("AttributeName cannot be null when time to live is being enabled", for a missing
     * Enabled too).
     */
    @Test
    void malformedSpecificationsAreRefused() {
        createTable("ttld_invalid");
        for (String body : new String[] {
                "{\"TableName\":\"ttld_invalid\"}",
                "{\"TableName\":\"ttld_invalid\",\"TimeToLiveSpecification\":{\"AttributeName\":\"a\"}}",
                "{\"TableName\":\"ttld_invalid\",\"TimeToLiveSpecification\":{\"Enabled\":true}}",
                "{\"TableName\":\"ttld_invalid\",\"TimeToLiveSpecification\":{\"Enabled\":true,\"AttributeName\":\"\"}}",
                "{\"TableName\":\"ttld_invalid\",\"TimeToLiveSpecification\":{\"Enabled\":true,\"AttributeName\":\""
                        + "a".repeat(256) + "\"}}",
        }) {
            RawDynamoDb.Response ours = dynalog.call("UpdateTimeToLive", body);
            RawDynamoDb.Response theirs = local.call("UpdateTimeToLive", body);
            assertThat(ours.status()).as("%s (DynamoDB Local: %s)", body, theirs.body()).isEqualTo(400);
            assertThat(ours.errorType()).as(body).isEqualTo("ValidationException");
            assertThat(theirs.status()).as(body).isEqualTo(400);
        }
        both.same("DescribeTimeToLive", describe("ttld_invalid"));
    }
}
