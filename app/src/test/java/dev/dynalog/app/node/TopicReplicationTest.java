package dev.dynalog.app.node;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.Test;

class TopicReplicationTest {
    @Test
    void threeBrokersOrMoreGetThreeReplicasWithTwoInSync() {
        assertThat(TopicReplication.choose(TopicReplication.AUTO, 3, false))
                .returns((short) 3, TopicReplication::factor).returns(2, TopicReplication::minInSync);
        assertThat(TopicReplication.choose(TopicReplication.AUTO, 5, false))
                .returns((short) 3, TopicReplication::factor).returns(2, TopicReplication::minInSync);
        assertThat(TopicReplication.choose(TopicReplication.AUTO, 3, false).describe())
                .isEqualTo("replication factor 3, min.insync.replicas 2 (3 brokers)");
    }

    @Test
    void fewerBrokersGetOneReplicaEachWithOneInSync() {
        assertThat(TopicReplication.choose(TopicReplication.AUTO, 2, false))
                .returns((short) 2, TopicReplication::factor).returns(1, TopicReplication::minInSync);
        assertThat(TopicReplication.choose(TopicReplication.AUTO, 1, false))
                .returns((short) 1, TopicReplication::factor).returns(1, TopicReplication::minInSync);
    }

    @Test
    void theEmbeddedBrokerIsNotReplicated() {
        assertThat(TopicReplication.choose(TopicReplication.AUTO, 1, true).describe())
                .isEqualTo("replication factor 1 (embedded single broker: no replication)");
    }

    @Test
    void anExplicitFactorWinsOverTheClusterSize() {
        assertThat(TopicReplication.choose((short) 1, 3, false))
                .returns((short) 1, TopicReplication::factor).returns(1, TopicReplication::minInSync);
        assertThat(TopicReplication.choose((short) 2, 3, false))
                .returns((short) 2, TopicReplication::factor).returns(2, TopicReplication::minInSync);
        assertThat(TopicReplication.choose((short) 3, 1, false).factor()).isEqualTo((short) 3);
    }
}
