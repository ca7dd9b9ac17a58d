package dev.dynalog.app;

import picocli.CommandLine;
import picocli.CommandLine.Command;

/** The {@code dynalog} command line. */
@Command(name = "dynalog", mixinStandardHelpOptions = true, versionProvider = Version.class,
        description = "A DynamoDB-compatible table store whose source of truth is an Apache Kafka log.",
        subcommands = {ServeCommand.class, TailCommand.class, IndexLagCommand.class, RestoreCommand.class,
                DrillCommand.class, ExportCommand.class, ImportCommand.class, HotKeysCommand.class, StatusCommand.class,
                WarmUpCommand.class,
                CommandLine.HelpCommand.class})
public final class Main {

    public static void main(String[] args) {
        System.exit(new CommandLine(new Main()).execute(args));
    }
}
