package dev.dynalog.core.capacity;

import static dev.dynalog.core.capacity.CapacityUnits.ReadKind.EVENTUALLY_CONSISTENT;
import static dev.dynalog.core.capacity.CapacityUnits.ReadKind.STRONGLY_CONSISTENT;
import static dev.dynalog.core.capacity.CapacityUnits.ReadKind.TRANSACTIONAL;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import org.junit.jupiter.api.Test;

/**
 * Capacity units as DynamoDB reports them in ConsumedCapacity. The figures match what DynamoDB
 * Local 2.6.1 reports for the same item sizes, except for reads that find nothing (see there).
 */
class CapacityUnitsTest {

    @Test
    void aStronglyConsistentReadOfUpTo4KbCostsOneUnit() {
        assertThat(CapacityUnits.read(4096, STRONGLY_CONSISTENT)).isEqualTo(1.0);
    }

    @Test
    void readsRoundUpToTheNext4Kb() {
        assertThat(CapacityUnits.read(4097, STRONGLY_CONSISTENT)).isEqualTo(2.0);
        assertThat(CapacityUnits.read(5000, STRONGLY_CONSISTENT)).isEqualTo(2.0);
    }

    @Test
    void anEventuallyConsistentReadCostsHalfInSteps() {
        assertThat(CapacityUnits.read(100, EVENTUALLY_CONSISTENT)).isEqualTo(0.5);
        assertThat(CapacityUnits.read(5000, EVENTUALLY_CONSISTENT)).isEqualTo(1.0);
        assertThat(CapacityUnits.read(9000, EVENTUALLY_CONSISTENT)).isEqualTo(1.5);
    }

    @Test
    void aTransactionalReadCostsTwice() {
        assertThat(CapacityUnits.read(5000, TRANSACTIONAL)).isEqualTo(4.0);
    }

    @Test
    void theReadKindFollowsConsistentRead() {
        assertThat(CapacityUnits.ReadKind.of(true)).isEqualTo(STRONGLY_CONSISTENT);
        assertThat(CapacityUnits.ReadKind.of(false)).isEqualTo(EVENTUALLY_CONSISTENT);
    }

    /** Documented for GetItem and BatchGetItem; DynamoDB Local agrees for GetItem. */
    @Test
    void readingAMissingItemCostsTheMinimumForItsKind() {
        assertThat(CapacityUnits.read(0, EVENTUALLY_CONSISTENT)).isEqualTo(0.5);
        assertThat(CapacityUnits.read(0, STRONGLY_CONSISTENT)).isEqualTo(1.0);
    }

    /** Query and Scan charge the total size read, rounded once; BatchGetItem rounds each item. */
    @Test
    void aQueryRoundsTheTotalOfItsItemsOnce() {
        long[] sizes = {2000, 2000, 4096};
        double query = CapacityUnits.read(sizes[0] + sizes[1] + sizes[2], STRONGLY_CONSISTENT);
        double batchGet = 0;
        for (long size : sizes) {
            batchGet += CapacityUnits.read(size, STRONGLY_CONSISTENT);
        }
        assertThat(query).isEqualTo(2.0);
        assertThat(batchGet).isEqualTo(3.0);
    }

    @Test
    void aWriteOfUpTo1KbCostsOneUnit() {
        assertThat(CapacityUnits.write(1024)).isEqualTo(1.0);
    }

    @Test
    void writesRoundUpToTheNext1Kb() {
        assertThat(CapacityUnits.write(1025)).isEqualTo(2.0);
        assertThat(CapacityUnits.write(2100)).isEqualTo(3.0);
    }

    @Test
    void aPutOrUpdateChargesTheLargerOfTheOldAndNewItem() {
        assertThat(CapacityUnits.write(1500, 500)).isEqualTo(2.0);
        assertThat(CapacityUnits.write(500, 1024)).isEqualTo(1.0);
    }

    @Test
    void deletingAMissingItemCostsOneUnit() {
        assertThat(CapacityUnits.write(0)).isEqualTo(1.0);
    }

    @Test
    void aTransactionalWriteCostsTwice() {
        assertThat(CapacityUnits.transactionalWrite(1500)).isEqualTo(4.0);
    }

    @Test
    void aNegativeSizeIsAProgrammingError() {
        assertThatThrownBy(() -> CapacityUnits.write(-1)).isInstanceOf(IllegalArgumentException.class);
    }
}
