package dev.dynalog.schemas.registry;

/**
 * One version of a subject: the API's {@code {"subject", "version", "id", "schema"}}.
 *
 * @param id the schema's global id, the same for the same schema under any subject
 * @param schema the schema's JSON text as the registry stores it
 */
public record RegisteredSchema(String subject, int version, int id, String schema) {
}
