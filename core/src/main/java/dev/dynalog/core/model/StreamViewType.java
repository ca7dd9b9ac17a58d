package dev.dynalog.core.model;

/** Which item images a table's change stream carries (DynamoDB's StreamViewType). */
public enum StreamViewType {
    KEYS_ONLY, NEW_IMAGE, OLD_IMAGE, NEW_AND_OLD_IMAGES
}
