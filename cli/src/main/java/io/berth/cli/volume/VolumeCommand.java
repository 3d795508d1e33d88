package io.berth.cli.volume;

import picocli.CommandLine;
import picocli.CommandLine.Command;

/** {@code berth volume}: the host's named volumes, of every project and external ones. */
@Command(name = "volume", description = "Manage volumes.",
        subcommands = {
            VolumeLsCommand.class,
            VolumeInspectCommand.class,
            VolumeCreateCommand.class,
            VolumeRmCommand.class,
        })
public final class VolumeCommand implements Runnable {
    @CommandLine.Spec
    CommandLine.Model.CommandSpec spec;

    @Override
    public void run() {
        spec.commandLine().usage(System.out);
    }
}
