package dev.dynalog.schemas.registry;

/**
 * Confluent's TopicNameStrategy, the default subject naming of its serializers: the schemas of a
 * topic's record values are registered under {@code <topic>-value}, those of its keys under
 * {@code <topic>-key}. Any client using the default strategy finds dynalog's schemas.
 */
public final class SubjectNames {
    private SubjectNames() {
    }

    public static String value(String topic) {
        return topic + "-value";
    }

    public static String key(String topic) {
        return topic + "-key";
    }
}
