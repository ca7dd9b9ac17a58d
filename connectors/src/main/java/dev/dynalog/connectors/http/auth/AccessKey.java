package dev.dynalog.connectors.http.auth;

/**
 * One line of the credentials file: an access key id, its secret, and the name of the principal
 * (an IAM user, as far as messages and policies are concerned) that requests signed with it act
 * as.
 */
public record AccessKey(String accessKeyId, String secretAccessKey, String principal) {
    /** The account every principal and table of a node belongs to, as in DescribeTable's ARNs. */
    public static final String ACCOUNT = "000000000000";

    /** The principal as an IAM user ARN: what AccessDeniedException names and policies match. */
    public String principalArn() {
        return "arn:aws:iam::" + ACCOUNT + ":user/" + principal;
    }
}
