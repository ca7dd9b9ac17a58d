package dev.dynalog.schemas.registry;

import java.util.Locale;

/**
 * The compatibility levels of the Schema Registry API. "Backward": readers with the new schema
 * read data written with the older one(s); "forward": readers with the older schema(s) read data
 * written with the new one; "full": both. Plain levels compare with the latest version only,
 * transitive ones with every version of the subject.
 */
public enum CompatibilityLevel {
    NONE(false, false, false),
    BACKWARD(true, false, false),
    BACKWARD_TRANSITIVE(true, false, true),
    FORWARD(false, true, false),
    FORWARD_TRANSITIVE(false, true, true),
    FULL(true, true, false),
    FULL_TRANSITIVE(true, true, true);

    private final boolean backward;
    private final boolean forward;
    private final boolean transitive;

    CompatibilityLevel(boolean backward, boolean forward, boolean transitive) {
        this.backward = backward;
        this.forward = forward;
        this.transitive = transitive;
    }

    /** The new schema must read data written with the earlier schema(s). */
    public boolean backward() {
        return backward;
    }

    /** The earlier schema(s) must read data written with the new schema. */
    public boolean forward() {
        return forward;
    }

    /** Checked against every earlier version, not just the latest. */
    public boolean transitive() {
        return transitive;
    }

    /**
     * The level of a name as the API accepts it, in any letter case.
     *
     * @throws SchemaRegistryException 42203 for an unknown name
     */
    public static CompatibilityLevel parse(String name) {
        if (name != null) {
            try {
                return valueOf(name.toUpperCase(Locale.ROOT));
            } catch (IllegalArgumentException e) {
                // fall through to the API's error
            }
        }
        throw SchemaRegistryException.invalidCompatibilityLevel(name);
    }
}
