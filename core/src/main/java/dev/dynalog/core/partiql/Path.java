package dev.dynalog.core.partiql;

import java.util.List;

/**
 * A document path of a statement: {@code a.b[2]}, {@code "a"['b']}. A quoted map key step
 * ({@code ['b']}) is a field like {@code .b}.
 */
public record Path(List<Step> steps) {
    public Path {
        steps = List.copyOf(steps);
    }

    public sealed interface Step permits Field, Element {
    }

    public record Field(String name) implements Step {
    }

    public record Element(int index) implements Step {
    }

    /** The top-level attribute's name. */
    public String attribute() {
        return ((Field) steps.get(0)).name();
    }

    public boolean isTopLevel() {
        return steps.size() == 1;
    }

    /**
     * The name DynamoDB gives a projected path in a SELECT's result: its last field with the
     * element indexes after it ({@code m.l[1]} is {@code l[1]}).
     */
    public String resultName() {
        int last = 0;
        for (int i = 0; i < steps.size(); i++) {
            if (steps.get(i) instanceof Field) {
                last = i;
            }
        }
        StringBuilder name = new StringBuilder(((Field) steps.get(last)).name());
        for (int i = last + 1; i < steps.size(); i++) {
            name.append('[').append(((Element) steps.get(i)).index()).append(']');
        }
        return name.toString();
    }
}
