package dev.dynalog.connectors.cluster;

import static org.assertj.core.api.Assertions.assertThat;

import java.net.URI;
import java.net.http.HttpRequest;
import java.nio.charset.StandardCharsets;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.List;
import org.junit.jupiter.api.Test;

class NodeCallSignaturesTest {
    private static final URI NODE = URI.create("http://node2:8000");
    private static final byte[] KEY = "a key of thirty-two bytes, exact".getBytes(StandardCharsets.UTF_8);
    private static final byte[] OTHER_KEY = "another key, thirty-two bytes !!".getBytes(StandardCharsets.UTF_8);
    private static final byte[] BODY = "results".getBytes(StandardCharsets.UTF_8);
    private static final Instant NOW = Instant.parse("2026-12-04T12:00:00Z");

    private static NodeCallSignatures at(Instant now, byte[] signing, List<byte[]> verifying) {
        return new NodeCallSignatures(() -> signing, () -> verifying, Clock.fixed(now, ZoneOffset.UTC));
    }

    private static HttpRequest signed(NodeCallSignatures by, String path, byte[] body) {
        return by.post(NODE, path, body).build();
    }

    private static boolean accepted(NodeCallSignatures receiver, HttpRequest call, String path, byte[] body) {
        return receiver.verify(path, call.headers().firstValue(NodeCallSignatures.TIME_HEADER).orElse(null),
                call.headers().firstValue(NodeCallSignatures.SIGNATURE_HEADER).orElse(null), body);
    }

    @Test
    void aCallSignedWithTheClusterKeyIsAcceptedByAnotherNode() {
        HttpRequest call = signed(at(NOW, KEY, List.of(KEY)), "/internal/results", BODY);
        assertThat(call.uri()).isEqualTo(URI.create("http://node2:8000/internal/results"));
        assertThat(accepted(at(NOW.plusSeconds(2), KEY, List.of(KEY)), call, "/internal/results", BODY)).isTrue();
    }

    @Test
    void aTamperedBodyAnotherPathOrAnotherKeyIsRefused() {
        HttpRequest call = signed(at(NOW, KEY, List.of(KEY)), "/internal/results", BODY);
        NodeCallSignatures receiver = at(NOW, KEY, List.of(KEY));
        assertThat(accepted(receiver, call, "/internal/results", "result!".getBytes(StandardCharsets.UTF_8))).isFalse();
        assertThat(accepted(receiver, call, "/internal/read", BODY)).isFalse();
        assertThat(accepted(at(NOW, OTHER_KEY, List.of(OTHER_KEY)), call, "/internal/results", BODY)).isFalse();
    }

    @Test
    void aReceiverThatKnowsSeveralKeysAcceptsEach() {
        HttpRequest call = signed(at(NOW, OTHER_KEY, List.of(OTHER_KEY)), "/internal/read", BODY);
        assertThat(accepted(at(NOW, KEY, List.of(KEY, OTHER_KEY)), call, "/internal/read", BODY)).isTrue();
    }

    @Test
    void aCallOlderOrNewerThanFiveMinutesIsRefused() {
        HttpRequest call = signed(at(NOW, KEY, List.of(KEY)), "/internal/read", BODY);
        Duration limit = Duration.ofMinutes(5);
        assertThat(accepted(at(NOW.plus(limit), KEY, List.of(KEY)), call, "/internal/read", BODY)).isTrue();
        assertThat(accepted(at(NOW.plus(limit).plusMillis(1), KEY, List.of(KEY)), call, "/internal/read", BODY)).isFalse();
        assertThat(accepted(at(NOW.minus(limit).minusMillis(1), KEY, List.of(KEY)), call, "/internal/read", BODY)).isFalse();
    }

    @Test
    void missingOrMalformedHeadersAreRefused() {
        NodeCallSignatures receiver = at(NOW, KEY, List.of(KEY));
        String time = Long.toString(NOW.toEpochMilli());
        assertThat(receiver.verify("/internal/read", null, null, BODY)).isFalse();
        assertThat(receiver.verify("/internal/read", time, null, BODY)).isFalse();
        assertThat(receiver.verify("/internal/read", "yesterday", "00", BODY)).isFalse();
        assertThat(receiver.verify("/internal/read", time, "not hex", BODY)).isFalse();
    }
}
