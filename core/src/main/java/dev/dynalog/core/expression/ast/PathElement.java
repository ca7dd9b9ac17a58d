package dev.dynalog.core.expression.ast;

/**
 * One step of a document path: a map key (an attribute name at the top level), a
 * {@code #name} placeholder not yet substituted, or a list index.
 */
public sealed interface PathElement {

    /** A literal name; after resolution every name in a path is one of these. */
    record AttributeName(String name) implements PathElement {
        @Override
        public String toString() {
            return name;
        }
    }

    /** An expression attribute name placeholder such as {@code #n}; resolution replaces it. */
    record NameRef(String placeholder) implements PathElement {
        @Override
        public String toString() {
            return placeholder;
        }
    }

    record ListIndex(int index) implements PathElement {
        @Override
        public String toString() {
            return "[" + index + "]";
        }
    }
}
