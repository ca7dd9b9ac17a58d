package dev.dynalog.connectors.dynamodb;

import com.fasterxml.jackson.databind.JsonNode;

/** The ProvisionedThroughput member of CreateTable and UpdateTable. */
public final class ProvisionedThroughputs {
    private ProvisionedThroughputs() {
    }

    /** Read and write capacity units, each required to be at least 1. */
    public record Throughput(long readCapacityUnits, long writeCapacityUnits) {
    }

    public static Throughput read(JsonNode throughput) {
        long rcu = throughput.path("ReadCapacityUnits").asLong(0);
        long wcu = throughput.path("WriteCapacityUnits").asLong(0);
        RequestFields pt = new RequestFields(throughput);
        if (rcu < 1) {
            pt.violation("Value '" + rcu + "' at 'provisionedThroughput.readCapacityUnits' failed to satisfy constraint: "
                    + "Member must have value greater than or equal to 1");
        }
        if (wcu < 1) {
            pt.violation("Value '" + wcu + "' at 'provisionedThroughput.writeCapacityUnits' failed to satisfy constraint: "
                    + "Member must have value greater than or equal to 1");
        }
        pt.check();
        return new Throughput(rcu, wcu);
    }
}
