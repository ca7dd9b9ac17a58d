package dev.dynalog.core.model;

public enum TableStatus {
    CREATING, ACTIVE, UPDATING, DELETING
}
