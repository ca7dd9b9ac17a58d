package dev.dynalog.app;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

class AdminClientTest {
    private final FakeAdminNode node = new FakeAdminNode();
    private final AdminClient admin = new AdminClient(node.endpoint());

    @AfterEach
    void stopNode() {
        node.close();
    }

    @Test
    void anOperationIsPostedWithItsTargetAndAnswered() throws Exception {
        node.answer("DescribeRestore", "{\"Restore\":{\"Status\":\"COMPLETED\"}}");

        var answer = admin.post("DescribeRestore", AdminClient.newRequest().put("TargetTableName", "t2"));

        assertThat(answer.path("Restore").path("Status").asText()).isEqualTo("COMPLETED");
        assertThat(node.requests().get(0).target()).isEqualTo("DynalogAdmin_20261203.DescribeRestore");
        assertThat(node.requests().get(0).body().get("TargetTableName").asText()).isEqualTo("t2");
    }

    @Test
    void anErrorAnswerCarriesDynamoDbsTypeAndMessage() {
        node.answer("DescribeRestore", 400, "{\"__type\":\"com.amazonaws.dynamodb.v20120810#ResourceNotFoundException\","
                + "\"message\":\"No restore into t2\"}");

        assertThatThrownBy(() -> admin.post("DescribeRestore", AdminClient.newRequest()))
                .isInstanceOfSatisfying(AdminClient.ErrorAnswer.class, e -> {
                    assertThat(e.type()).isEqualTo("com.amazonaws.dynamodb.v20120810#ResourceNotFoundException");
                    assertThat(e.shortType()).isEqualTo("ResourceNotFoundException");
                    assertThat(e.getMessage()).isEqualTo("No restore into t2");
                    assertThat(e.describe()).isEqualTo("ResourceNotFoundException: No restore into t2");
                });
    }

    @Test
    void anAnswerThatIsNotJsonIsAnErrorNamingTheHttpStatus() {
        node.answer("DescribeRestore", 502, "Bad Gateway");

        assertThatThrownBy(() -> admin.post("DescribeRestore", AdminClient.newRequest()))
                .isInstanceOfSatisfying(AdminClient.ErrorAnswer.class,
                        e -> assertThat(e.describe()).isEqualTo("HTTP 502: Bad Gateway"));
    }

    @Test
    void awaitingAnOperationAsksUntilItEnds() throws Exception {
        node.answer("DescribeExport", "{\"Export\":{\"Status\":\"IN_PROGRESS\",\"ItemCount\":1}}")
                .answer("DescribeExport", "{\"Export\":{\"Status\":\"FAILED\",\"FailureMessage\":\"disk full\"}}");
        var seen = new java.util.ArrayList<String>();

        var end = admin.awaitEnd(AdminClient.newRequest().put("Status", "IN_PROGRESS"), "DescribeExport",
                AdminClient.newRequest().put("ExportId", "e"), "Export", status -> seen.add(status.toString()));

        assertThat(end.path("FailureMessage").asText()).isEqualTo("disk full");
        assertThat(seen).containsExactly("{\"Status\":\"IN_PROGRESS\"}", "{\"Status\":\"IN_PROGRESS\",\"ItemCount\":1}");
        assertThat(node.requests()).hasSize(2);
    }
}
