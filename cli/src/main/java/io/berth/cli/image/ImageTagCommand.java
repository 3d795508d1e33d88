package io.berth.cli.image;

import io.berth.runtime.ImageService;
import picocli.CommandLine.Command;
import picocli.CommandLine.Parameters;

/** {@code berth image tag SOURCE TARGET}: a new name for an image. */
@Command(name = "tag", description = "Create a tag TARGET_IMAGE that refers to SOURCE_IMAGE.")
public final class ImageTagCommand extends ImageCommandSupport {
    @Parameters(index = "0", paramLabel = "SOURCE_IMAGE[:TAG]", description = "A name, an id or an id prefix.")
    String source;

    @Parameters(index = "1", paramLabel = "TARGET_IMAGE[:TAG]")
    String target;

    @Override
    int run(ImageService images) {
        images.tag(source, reference(target));
        return 0;
    }
}
