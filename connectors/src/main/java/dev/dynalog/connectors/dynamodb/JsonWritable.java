package dev.dynalog.connectors.dynamodb;

import com.fasterxml.jackson.core.JsonGenerator;
import java.io.IOException;

/** A response body that writes itself as JSON; written on the HTTP layer's thread. */
@FunctionalInterface
public interface JsonWritable {
    void writeTo(JsonGenerator json) throws IOException;

    JsonWritable EMPTY_OBJECT = json -> {
        json.writeStartObject();
        json.writeEndObject();
    };
}
