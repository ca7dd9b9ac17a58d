package dev.dynalog.app.drill;

import dev.dynalog.app.drill.RestoreStatus.Progress;

/**
 * One line saying where a running restore is:
 *
 * <pre>
 * REPLAYING  commands 1,000/4,000  partitions 1/4  items 0/?  12,001 commands/s  ETA 4s
 * </pre>
 *
 * The rate is the current phase's: commands while replaying, items after. "?" stands for what the
 * node does not know yet (the items to load before the replay is done, an ETA it cannot tell).
 */
public final class ProgressLine {

    private ProgressLine() {
    }

    public static String format(RestoreStatus status) {
        Progress p = status.progress();
        boolean replaying = "REPLAYING".equals(status.status());
        String rate = replaying ? HumanFormat.rate(p.commandsPerSecond()) + " commands/s"
                : HumanFormat.rate(p.itemsPerSecond()) + " items/s";
        return status.status()
                + "  commands " + HumanFormat.count(p.commandsReplayed()) + "/"
                + HumanFormat.count(p.commandsToReplay())
                + "  partitions " + p.partitionsReplayed() + "/" + p.partitions()
                + "  items " + HumanFormat.count(p.itemsLoaded()) + "/"
                + (p.itemsToLoad() == null ? "?" : HumanFormat.count(p.itemsToLoad()))
                + (status.finished() ? "" : "  " + rate
                        + "  ETA " + (p.etaSeconds() == null ? "?" : HumanFormat.eta(p.etaSeconds())));
    }
}
