package dev.dynalog.streams.reply;

import java.net.URI;
import java.util.UUID;

/**
 * A node's identity for one run: a fresh random id and the URL other nodes reach it at, written
 * as {@code <uuid>@<url>} into every command it appends (the command's origin). The URL tells a
 * processor on another node where the command's result goes; the random part makes results of a
 * node's previous run match nothing after it restarts on the same address.
 */
public record NodeId(String value, URI url) {

    public static NodeId fresh(URI url) {
        return new NodeId(UUID.randomUUID() + "@" + url, url);
    }

    /** The URL of the node an origin names, or null if it names none (commands of older nodes). */
    public static URI urlOf(String origin) {
        int at = origin == null ? -1 : origin.indexOf('@');
        if (at < 0) {
            return null;
        }
        try {
            return URI.create(origin.substring(at + 1));
        } catch (IllegalArgumentException e) {
            return null;
        }
    }
}
