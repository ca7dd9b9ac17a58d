package dev.dynalog.connectors.dynamodb;

import dev.dynalog.core.error.DynamoDbException;
import dev.dynalog.core.error.Errors;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * The ResourceArn member of TagResource, UntagResource and ListTagsOfResource: the ARN of a table,
 * as DescribeTable reports it in TableArn. DynamoDB refuses an ARN that is not a table's
 * (malformed, or an index's or a stream's) with a ValidationException, and answers
 * ResourceNotFoundException for a table ARN that names no table; this node has one region and one
 * account, so a table ARN of another names no table here.
 */
public final class ResourceArns {
    private static final Pattern TABLE_ARN = Pattern.compile("arn:[^:]+:dynamodb:[^:]*:[^:]*:table/([a-zA-Z0-9_.-]{3,255})");
    private static final int MAX_LENGTH = 1283;

    private final TableDescriptionWriter descriptions;

    public ResourceArns(TableDescriptionWriter descriptions) {
        this.descriptions = descriptions;
    }

    /** Reads the ResourceArn member, recording its constraint violations in {@code f}. */
    public static String read(RequestFields f) {
        String arn = f.string("ResourceArn");
        String path = f.path("ResourceArn");
        if (arn == null) {
            f.violation("Value null at '" + path + "' failed to satisfy constraint: Member must not be null");
        } else if (arn.isEmpty()) {
            f.violation("Value '' at '" + path + "' failed to satisfy constraint: Member must have length greater "
                    + "than or equal to 1");
        } else if (arn.length() > MAX_LENGTH) {
            f.violation("Value '" + arn + "' at '" + path + "' failed to satisfy constraint: Member must have length "
                    + "less than or equal to " + MAX_LENGTH);
        }
        return arn;
    }

    /** The name of the table {@code arn} names, or DynamoDB's error for an ARN that names no table here. */
    public String tableName(String arn) {
        Matcher m = TABLE_ARN.matcher(arn);
        if (!m.matches()) {
            throw Errors.validation("Invalid TableArn: Invalid ResourceArn provided as input " + arn);
        }
        String name = m.group(1);
        if (!descriptions.tableArn(name).equals(arn)) {
            throw notFound(arn);
        }
        return name;
    }

    /** DynamoDB's error for a well-formed table ARN whose table does not exist. */
    public static DynamoDbException notFound(String arn) {
        return Errors.resourceNotFound("Requested resource not found: ResourceArn: " + arn + " not found");
    }
}
