package dev.dynalog.app.drill;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.SerializationFeature;

/**
 * A drill report for programs: {@link DrillReport} as indented JSON, in the shape documented
 * there. Null members are written rather than left out, so that every report has the same keys.
 */
public final class DrillReportJson {
    private static final ObjectMapper JSON = new ObjectMapper().enable(SerializationFeature.INDENT_OUTPUT);

    private DrillReportJson() {
    }

    public static String render(DrillReport report) {
        try {
            return JSON.writeValueAsString(report) + "\n";
        } catch (JsonProcessingException e) {
            // Records of strings, numbers and a JSON tree always serialize.
            throw new IllegalStateException("Could not write the drill report as JSON", e);
        }
    }
}
