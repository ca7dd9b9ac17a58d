package dev.dynalog.core.index;

import java.util.List;

/**
 * The attributes an index projects.
 *
 * @param type             the projection type
 * @param nonKeyAttributes the extra attributes of an INCLUDE projection, in the order given at
 *                         creation (DescribeTable shows them so); empty for KEYS_ONLY and ALL
 */
public record IndexProjection(ProjectionType type, List<String> nonKeyAttributes) {

    public IndexProjection {
        nonKeyAttributes = List.copyOf(nonKeyAttributes);
        if (type != ProjectionType.INCLUDE && !nonKeyAttributes.isEmpty()) {
            throw new IllegalArgumentException("only an INCLUDE projection names non-key attributes");
        }
    }

    public static IndexProjection keysOnly() {
        return new IndexProjection(ProjectionType.KEYS_ONLY, List.of());
    }

    public static IndexProjection all() {
        return new IndexProjection(ProjectionType.ALL, List.of());
    }

    public static IndexProjection include(List<String> nonKeyAttributes) {
        return new IndexProjection(ProjectionType.INCLUDE, nonKeyAttributes);
    }
}
