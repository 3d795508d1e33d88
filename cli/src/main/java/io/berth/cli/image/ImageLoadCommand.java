package io.berth.cli.image;

import io.berth.runtime.ImageInfo;
import io.berth.runtime.ImageService;
import java.nio.file.Path;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;

/** {@code berth image load -i FILE}: docker-save or OCI archives, gzip or not. */
@Command(name = "load", description = "Load images from a docker-save or OCI archive (tar, or tar.gz).")
public final class ImageLoadCommand extends ImageCommandSupport {
    @Option(names = {"-i", "--input"}, paramLabel = "FILE", description = "The archive to read (default: standard input).")
    Path input;

    @Option(names = {"-q", "--quiet"}, description = "Print nothing.")
    boolean quiet;

    @Override
    int run(ImageService images) {
        for (ImageInfo image : withInput(input, images::load)) {
            if (quiet) {
                continue;
            }
            if (image.references().isEmpty()) {
                out().println("Loaded image ID: " + image.id());
            }
            image.references().forEach(reference -> out().println("Loaded image: " + reference.familiar()));
        }
        return 0;
    }
}
