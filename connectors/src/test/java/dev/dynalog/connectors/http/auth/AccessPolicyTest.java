package dev.dynalog.connectors.http.auth;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.fasterxml.jackson.databind.ObjectMapper;
import dev.dynalog.connectors.http.auth.AccessPolicy.Decision;
import org.junit.jupiter.api.Test;

/** IAM's evaluation: explicit Deny wins, an Allow allows, anything else is denied. */
class AccessPolicyTest {
    private static final AccessKey ALICE = new AccessKey("AKIDALICE", "s", "alice");
    private static final AccessKey BOB = new AccessKey("AKIDBOB", "s", "bob");
    private static final String BOOKS = "arn:aws:dynamodb:us-east-1:000000000000:table/Books";

    private static AccessPolicy policy(String json) throws Exception {
        return AccessPolicy.parse(new ObjectMapper().readTree(json));
    }

    @Test
    void aPrincipalAllowedOnlyGetItemOnOneTableIsAllowedThatAndNothingElse() throws Exception {
        AccessPolicy p = policy("""
                {"Version": "2012-10-17", "Statement": [{"Effect": "Allow", "Principal": {"AWS": "alice"},
                  "Action": "dynamodb:GetItem", "Resource": "arn:aws:dynamodb:*:*:table/Books"}]}""");
        assertThat(p.decide(ALICE, "dynamodb:GetItem", BOOKS)).isEqualTo(Decision.ALLOWED);
        assertThat(p.decide(ALICE, "dynamodb:PutItem", BOOKS)).isEqualTo(Decision.NOT_ALLOWED);
        assertThat(p.decide(ALICE, "dynamodb:GetItem", BOOKS + "2")).isEqualTo(Decision.NOT_ALLOWED);
        assertThat(p.decide(ALICE, "dynamodb:GetItem", BOOKS + "/index/byTitle")).isEqualTo(Decision.NOT_ALLOWED);
        assertThat(p.decide(BOB, "dynamodb:GetItem", BOOKS)).isEqualTo(Decision.NOT_ALLOWED);
    }

    @Test
    void anExplicitDenyBeatsAnAllow() throws Exception {
        AccessPolicy p = policy("""
                {"Statement": [
                  {"Effect": "Allow", "Principal": "*", "Action": "dynamodb:*", "Resource": "*"},
                  {"Effect": "Deny", "Principal": {"AWS": ["arn:aws:iam::000000000000:user/alice"]},
                   "Action": ["dynamodb:Delete*", "dynamodb:PutItem"], "Resource": "arn:aws:dynamodb:*:*:table/Books*"}]}""");
        assertThat(p.decide(ALICE, "dynamodb:PutItem", BOOKS)).isEqualTo(Decision.EXPLICITLY_DENIED);
        assertThat(p.decide(ALICE, "dynamodb:DeleteTable", BOOKS)).isEqualTo(Decision.EXPLICITLY_DENIED);
        assertThat(p.decide(ALICE, "dynamodb:GetItem", BOOKS)).isEqualTo(Decision.ALLOWED);
        assertThat(p.decide(BOB, "dynamodb:PutItem", BOOKS)).isEqualTo(Decision.ALLOWED);
    }

    @Test
    void actionsMatchWithoutCaseAndResourcesWithCase() throws Exception {
        AccessPolicy p = policy("""
                {"Statement": {"Effect": "Allow", "Action": "DynamoDB:getitem", "Resource": "arn:aws:dynamodb:*:*:table/books"}}""");
        assertThat(p.decide(ALICE, "dynamodb:GetItem", "arn:aws:dynamodb:us-east-1:000000000000:table/books"))
                .isEqualTo(Decision.ALLOWED);
        assertThat(p.decide(ALICE, "dynamodb:GetItem", BOOKS)).isEqualTo(Decision.NOT_ALLOWED);
    }

    @Test
    void notActionAllowsEverythingButTheActionsNamed() throws Exception {
        AccessPolicy p = policy("""
                {"Statement": {"Effect": "Allow", "NotAction": "dynamodb:DeleteTable", "Resource": "*"}}""");
        assertThat(p.decide(ALICE, "dynamodb:PutItem", BOOKS)).isEqualTo(Decision.ALLOWED);
        assertThat(p.decide(ALICE, "dynamodb:DeleteTable", BOOKS)).isEqualTo(Decision.NOT_ALLOWED);
    }

    @Test
    void aConditionIsRefusedRatherThanIgnored() {
        assertThatThrownBy(() -> policy("""
                {"Statement": {"Effect": "Deny", "Action": "*", "Resource": "*",
                  "Condition": {"Bool": {"aws:SecureTransport": "false"}}}}"""))
                .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("'Condition' is not supported");
    }
}
