package dev.dynalog.app.it;

import dev.dynalog.core.model.AttributeValue;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import software.amazon.awssdk.core.SdkBytes;

/** dynalog's attribute values as the AWS SDK's, to write what dynalog's code read to another server. */
final class SdkItems {
    private SdkItems() {
    }

    static Map<String, software.amazon.awssdk.services.dynamodb.model.AttributeValue> toSdk(
            Map<String, AttributeValue> item) {
        Map<String, software.amazon.awssdk.services.dynamodb.model.AttributeValue> out = new LinkedHashMap<>();
        item.forEach((name, value) -> out.put(name, toSdk(value)));
        return out;
    }

    private static software.amazon.awssdk.services.dynamodb.model.AttributeValue toSdk(AttributeValue v) {
        var b = software.amazon.awssdk.services.dynamodb.model.AttributeValue.builder();
        if (v instanceof AttributeValue.S s) {
            return b.s(s.value()).build();
        }
        if (v instanceof AttributeValue.N n) {
            return b.n(n.value()).build();
        }
        if (v instanceof AttributeValue.B bin) {
            return b.b(SdkBytes.fromByteArray(bin.value().toByteArray())).build();
        }
        if (v instanceof AttributeValue.Bool bool) {
            return b.bool(bool.value()).build();
        }
        if (v instanceof AttributeValue.Null) {
            return b.nul(true).build();
        }
        if (v instanceof AttributeValue.M m) {
            return b.m(toSdk(m.value())).build();
        }
        if (v instanceof AttributeValue.L l) {
            return b.l(l.value().stream().map(SdkItems::toSdk).toList()).build();
        }
        if (v instanceof AttributeValue.SS ss) {
            return b.ss(ss.value()).build();
        }
        if (v instanceof AttributeValue.NS ns) {
            return b.ns(ns.value()).build();
        }
        List<SdkBytes> members = ((AttributeValue.BS) v).value().stream()
                .map(x -> SdkBytes.fromByteArray(x.toByteArray())).toList();
        return b.bs(members).build();
    }
}
