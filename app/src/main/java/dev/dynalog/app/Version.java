package dev.dynalog.app;

import picocli.CommandLine;

/** The version printed by {@code dynalog --version}, from the jar's manifest. */
public final class Version implements CommandLine.IVersionProvider {
    @Override
    public String[] getVersion() {
        String v = Main.class.getPackage().getImplementationVersion();
        return new String[] {"dynalog " + (v == null ? "development build" : v)};
    }
}
