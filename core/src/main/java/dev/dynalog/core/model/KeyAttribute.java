package dev.dynalog.core.model;

/** A key attribute of a table or index: its name and scalar type (S, N or B). */
public record KeyAttribute(String name, AttributeType type) {
}
