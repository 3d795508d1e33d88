package io.berth.cli.image;

import io.berth.runtime.ImageService;
import java.nio.file.Path;
import java.util.List;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;

/** {@code berth image save -o FILE IMAGE...}: a tar that docker load (and OCI tools) read. */
@Command(name = "save", description = "Save one or more images to a tar archive (docker load reads it).")
public final class ImageSaveCommand extends ImageCommandSupport {
    @Option(names = {"-o", "--output"}, paramLabel = "FILE", required = true, description = "Write to this file.")
    Path output;

    @Parameters(arity = "1..*", paramLabel = "IMAGE", description = "Names, ids or id prefixes.")
    List<String> imagesToSave;

    @Override
    int run(ImageService images) {
        images.save(imagesToSave, output);
        return 0;
    }
}
