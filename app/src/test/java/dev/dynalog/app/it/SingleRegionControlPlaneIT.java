package dev.dynalog.app.it;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import software.amazon.awssdk.services.dynamodb.DynamoDbClient;
import software.amazon.awssdk.services.dynamodb.model.BillingMode;
import software.amazon.awssdk.services.dynamodb.model.ContributorInsightsAction;
import software.amazon.awssdk.services.dynamodb.model.ContributorInsightsStatus;
import software.amazon.awssdk.services.dynamodb.model.ContributorInsightsSummary;
import software.amazon.awssdk.services.dynamodb.model.DynamoDbException;
import software.amazon.awssdk.services.dynamodb.model.Endpoint;
import software.amazon.awssdk.services.dynamodb.model.KeyType;
import software.amazon.awssdk.services.dynamodb.model.ProjectionType;
import software.amazon.awssdk.services.dynamodb.model.ResourceNotFoundException;
import software.amazon.awssdk.services.dynamodb.model.ScalarAttributeType;
import software.amazon.awssdk.services.dynamodb.model.TableStatus;

/**
 * The account- and region-level calls, answered as a single-region store without CloudWatch has
 * them: DescribeLimits (compared with DynamoDB Local), DescribeEndpoints, DescribeTableReplicaAutoScaling
 * and the Contributor Insights calls. DynamoDB Local 2.6.1 answers the last five with
 * UnknownOperationException or "Contributor insights operations are currently not supported";
 * these follow the API reference.
 */
class SingleRegionControlPlaneIT {
    private static DynamoDbClient db;

    @BeforeAll
    static void table() {
        db = TestNode.shared().client();
        db.createTable(r -> r.tableName("sr_orders").billingMode(BillingMode.PAY_PER_REQUEST)
                .keySchema(k -> k.attributeName("id").keyType(KeyType.HASH))
                .attributeDefinitions(a -> a.attributeName("id").attributeType(ScalarAttributeType.S),
                        a -> a.attributeName("status").attributeType(ScalarAttributeType.S))
                .globalSecondaryIndexes(g -> g.indexName("byStatus")
                        .keySchema(k -> k.attributeName("status").keyType(KeyType.HASH))
                        .projection(p -> p.projectionType(ProjectionType.KEYS_ONLY))));
        Clients.waiter(db).waitUntilTableExists(r -> r.tableName("sr_orders"));
    }

    @Test
    void describeLimitsReportsDynamoDbsDefaultQuotasAsDynamoDbLocalDoes() {
        Differential both = new Differential(new RawDynamoDb(TestNode.shared().endpoint()),
                new RawDynamoDb(ReferenceDynamoDb.endpoint()));

        both.same("DescribeLimits", "{}");
        assertThat(db.describeLimits().tableMaxReadCapacityUnits()).isEqualTo(40_000);
    }

    @Test
    void describeEndpointsNamesTheNodeItselfForADay() {
        var endpoints = db.describeEndpoints(r -> { }).endpoints();

        assertThat(endpoints).containsExactly(Endpoint.builder()
                .address(TestNode.shared().endpoint().getHost() + ":" + TestNode.shared().endpoint().getPort())
                .cachePeriodInMinutes(1440L).build());
    }

    @Test
    void aSingleRegionTableHasNoReplicasToAutoScale() {
        var description = db.describeTableReplicaAutoScaling(r -> r.tableName("sr_orders")).tableAutoScalingDescription();

        assertThat(description.tableName()).isEqualTo("sr_orders");
        assertThat(description.tableStatus()).isEqualTo(TableStatus.ACTIVE);
        assertThat(description.replicas()).isEmpty();
        assertThatThrownBy(() -> db.describeTableReplicaAutoScaling(r -> r.tableName("sr_absent")))
                .isInstanceOf(ResourceNotFoundException.class);
    }

    @Test
    void contributorInsightsAreDisabledForAnExistingTableAndItsGlobalIndexes() {
        var table = db.describeContributorInsights(r -> r.tableName("sr_orders"));
        assertThat(table.tableName()).isEqualTo("sr_orders");
        assertThat(table.contributorInsightsStatus()).isEqualTo(ContributorInsightsStatus.DISABLED);

        var index = db.describeContributorInsights(r -> r.tableName("sr_orders").indexName("byStatus"));
        assertThat(index.indexName()).isEqualTo("byStatus");
        assertThat(index.contributorInsightsStatus()).isEqualTo(ContributorInsightsStatus.DISABLED);

        assertThat(db.listContributorInsights(r -> r.tableName("sr_orders")).contributorInsightsSummaries())
                .containsExactly(
                        ContributorInsightsSummary.builder().tableName("sr_orders")
                                .contributorInsightsStatus(ContributorInsightsStatus.DISABLED).build(),
                        ContributorInsightsSummary.builder().tableName("sr_orders").indexName("byStatus")
                                .contributorInsightsStatus(ContributorInsightsStatus.DISABLED).build());
    }

    @Test
    void contributorInsightsOfAnUnknownTableOrIndexAreResourceNotFound() {
        assertThatThrownBy(() -> db.describeContributorInsights(r -> r.tableName("sr_absent")))
                .isInstanceOf(ResourceNotFoundException.class);
        assertThatThrownBy(() -> db.describeContributorInsights(r -> r.tableName("sr_orders").indexName("absent")))
                .isInstanceOf(ResourceNotFoundException.class);
        assertThatThrownBy(() -> db.listContributorInsights(r -> r.tableName("sr_absent")))
                .isInstanceOf(ResourceNotFoundException.class);
        assertThatThrownBy(() -> db.updateContributorInsights(r -> r.tableName("sr_absent")
                .contributorInsightsAction(ContributorInsightsAction.DISABLE)))
                .isInstanceOf(ResourceNotFoundException.class);
    }

    @Test
    void enablingContributorInsightsIsRefusedWithAnErrorNamingTheFeatureAndDisablingIsAccepted() {
        assertThatThrownBy(() -> db.updateContributorInsights(r -> r.tableName("sr_orders")
                .contributorInsightsAction(ContributorInsightsAction.ENABLE)))
                .isInstanceOfSatisfying(DynamoDbException.class, e -> {
                    assertThat(e.awsErrorDetails().errorCode()).isEqualTo("ValidationException");
                    assertThat(e.awsErrorDetails().errorMessage()).contains("Contributor Insights");
                });

        var disabled = db.updateContributorInsights(r -> r.tableName("sr_orders").indexName("byStatus")
                .contributorInsightsAction(ContributorInsightsAction.DISABLE));
        assertThat(disabled.contributorInsightsStatus()).isEqualTo(ContributorInsightsStatus.DISABLED);
        assertThat(db.describeContributorInsights(r -> r.tableName("sr_orders")).contributorInsightsStatus())
                .isEqualTo(ContributorInsightsStatus.DISABLED);
    }
}
