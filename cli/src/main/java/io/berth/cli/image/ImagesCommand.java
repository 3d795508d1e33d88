package io.berth.cli.image;

import picocli.CommandLine.Command;

/** {@code berth images}: the same as {@code berth image ls}, as {@code docker images} is. */
@Command(name = "images", description = "List images (same as: image ls).")
public final class ImagesCommand extends ImageListCommand {
}
