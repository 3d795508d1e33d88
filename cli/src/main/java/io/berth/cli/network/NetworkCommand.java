package io.berth.cli.network;

import picocli.CommandLine;
import picocli.CommandLine.Command;

/** {@code berth network}: the host's Berth networks, of every project and external ones. */
@Command(name = "network", description = "Manage networks.",
        subcommands = {
            NetworkLsCommand.class,
            NetworkInspectCommand.class,
            NetworkCreateCommand.class,
            NetworkRmCommand.class,
        })
public final class NetworkCommand implements Runnable {
    @CommandLine.Spec
    CommandLine.Model.CommandSpec spec;

    @Override
    public void run() {
        spec.commandLine().usage(System.out);
    }
}
