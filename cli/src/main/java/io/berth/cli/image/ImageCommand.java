package io.berth.cli.image;

import picocli.CommandLine;
import picocli.CommandLine.Command;

/** {@code berth image ...}: the images on this host. */
@Command(name = "image", description = "Manage images.",
        subcommands = {
            ImageListCommand.class,
            ImageLoadCommand.class,
            ImageImportCommand.class,
            ImageInspectCommand.class,
            ImageRemoveCommand.class,
            ImageTagCommand.class,
            ImagePullCommand.class,
            ImageBuildCommand.class,
            ImagePushCommand.class,
            ImageHistoryCommand.class,
            ImageSaveCommand.class,
            ImagePruneCommand.class,
        })
public final class ImageCommand implements Runnable {
    @CommandLine.Spec
    CommandLine.Model.CommandSpec spec;

    @Override
    public void run() {
        spec.commandLine().usage(spec.commandLine().getOut());
    }
}
