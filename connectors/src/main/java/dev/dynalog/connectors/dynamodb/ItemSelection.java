package dev.dynalog.connectors.dynamodb;

import dev.dynalog.core.error.Errors;
import dev.dynalog.core.expression.ExpressionAttributes;
import dev.dynalog.core.expression.Projection;
import dev.dynalog.core.expression.legacy.AttributesToGet;
import dev.dynalog.core.model.AttributeValue;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.function.UnaryOperator;

/**
 * What a Query or Scan returns of each item: the Select member together with ProjectionExpression
 * (all attributes, the projected paths, or only the count).
 */
public final class ItemSelection {
    public static final List<String> SELECT_VALUES =
            List.of("ALL_ATTRIBUTES", "ALL_PROJECTED_ATTRIBUTES", "SPECIFIC_ATTRIBUTES", "COUNT");

    private final Projection projection;
    private final boolean countOnly;
    private final boolean allAttributes;
    private final UnaryOperator<Map<String, AttributeValue>> projected;

    private ItemSelection(Projection projection, boolean countOnly, boolean allAttributes,
                          UnaryOperator<Map<String, AttributeValue>> projected) {
        this.projection = projection;
        this.countOnly = countOnly;
        this.allAttributes = allAttributes;
        this.projected = projected;
    }

    /**
     * The projection of AttributesToGet if the request has it (it cannot have both, see
     * ParameterMixing), else of ProjectionExpression; null when it has neither.
     */
    public static Projection parseProjection(List<String> attributesToGet, String projectionText,
                                             ExpressionAttributes attributes) {
        if (attributesToGet != null) {
            return AttributesToGet.toProjection(attributesToGet);
        }
        return projectionText == null ? null : Projection.parse(projectionText, attributes);
    }

    /** The member a projection came from, for {@link #of}'s messages. */
    public static String projectionMember(List<String> attributesToGet) {
        return attributesToGet != null ? "AttributesToGet" : "ProjectionExpression";
    }

    /**
     * Checks Select against the projection; DynamoDB does so once every expression of the request
     * has been parsed and resolved. {@code projectionMember} names where the projection came from,
     * "ProjectionExpression" or "AttributesToGet", as DynamoDB's messages do.
     */
    public static ItemSelection of(String select, Projection projection, String projectionMember, boolean onIndex) {
        boolean projectionGiven = projection != null;
        if ("SPECIFIC_ATTRIBUTES".equals(select) && !projectionGiven) {
            throw Errors.validation("Must specify the AttributesToGet or ProjectionExpression when choosing to get "
                    + "SPECIFIC_ATTRIBUTES");
        }
        if ("ALL_ATTRIBUTES".equals(select) && projectionGiven) {
            throw Errors.validation("Cannot specify the " + projectionMember + " when choosing to get ALL_ATTRIBUTES");
        }
        if ("COUNT".equals(select) && projectionGiven) {
            throw Errors.validation("Cannot specify the " + projectionMember + " when choosing to get only the Count");
        }
        // A projection is reported before the missing index, as DynamoDB does.
        if ("ALL_PROJECTED_ATTRIBUTES".equals(select) && projectionGiven) {
            throw Errors.validation("Cannot specify the " + projectionMember + " when choosing to get "
                    + "ALL_PROJECTED_ATTRIBUTES");
        }
        if ("ALL_PROJECTED_ATTRIBUTES".equals(select) && !onIndex) {
            throw Errors.validation("ALL_PROJECTED_ATTRIBUTES can be used only when Querying using an IndexName");
        }
        return new ItemSelection(projection, "COUNT".equals(select), "ALL_ATTRIBUTES".equals(select), null);
    }

    /**
     * This selection on an index: without a projection and unless ALL_ATTRIBUTES was asked for,
     * an item is returned as the index projects it (ALL_PROJECTED_ATTRIBUTES, the default on an
     * index), also when it was fetched whole from the table.
     */
    public ItemSelection onIndex(UnaryOperator<Map<String, AttributeValue>> indexProjection) {
        return new ItemSelection(projection, countOnly, allAttributes, allAttributes ? null : indexProjection);
    }

    /**
     * The top-level attributes a read must see to answer, besides those the filter names; null
     * when it needs all of them (ALL_ATTRIBUTES).
     */
    public Set<String> neededAttributes() {
        if (allAttributes) {
            return null;
        }
        return projection == null ? Set.of() : projection.topLevelAttributes();
    }

    public boolean countOnly() {
        return countOnly;
    }

    public Map<String, AttributeValue> apply(Map<String, AttributeValue> item) {
        if (projection != null) {
            return projection.apply(item);
        }
        return projected == null ? item : projected.apply(item);
    }
}
