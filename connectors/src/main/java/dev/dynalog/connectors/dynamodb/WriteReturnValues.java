package dev.dynalog.connectors.dynamodb;

import dev.dynalog.core.error.Errors;
import dev.dynalog.schemas.command.ReturnValues;
import java.util.List;

/** The ReturnValues members of the write operations. */
public final class WriteReturnValues {
    /** Every value the model allows; the operation may accept fewer. */
    public static final List<String> MODEL_VALUES = List.of("NONE", "ALL_OLD", "UPDATED_OLD", "ALL_NEW", "UPDATED_NEW");

    private WriteReturnValues() {
    }

    /** NONE or ALL_OLD; any other model value gets DynamoDB's error. */
    public static ReturnValues noneOrAllOld(String requested) {
        if (requested == null || requested.equals("NONE")) {
            return ReturnValues.NONE;
        }
        if (requested.equals("ALL_OLD")) {
            return ReturnValues.ALL_OLD;
        }
        throw Errors.validation("Return values set to invalid value");
    }

    /** UpdateItem allows every value of the model; absent means NONE. */
    public static ReturnValues any(String requested) {
        return requested == null ? ReturnValues.NONE : ReturnValues.valueOf(requested);
    }

    /** The values of ReturnValuesOnConditionCheckFailure. */
    public static final List<String> ON_CONDITION_FAILURE_VALUES = List.of("ALL_OLD", "NONE");

    /** True if ReturnValuesOnConditionCheckFailure asks for the old item. */
    public static boolean oldItemOnConditionFailure(String requested) {
        return "ALL_OLD".equals(requested);
    }
}
