package io.berth.cli.image;

import io.berth.runtime.ImageRemoval;
import io.berth.runtime.ImageService;
import io.berth.runtime.RuntimeOperationException;
import java.util.List;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;

/** {@code berth image rm IMAGE...}: untags, and deletes an image with its last name (Docker's rmi). */
@Command(name = "rm", aliases = {"remove", "rmi"}, description = "Remove one or more images.")
public final class ImageRemoveCommand extends ImageCommandSupport {
    @Option(names = {"-f", "--force"}, description = "Remove an image by id even when several names point to it.")
    boolean force;

    @Parameters(arity = "1..*", paramLabel = "IMAGE", description = "Names, ids or id prefixes.")
    List<String> imagesToRemove;

    @Override
    int run(ImageService images) {
        int status = 0;
        for (String image : imagesToRemove) {
            try {
                ImageRemoval removal = images.remove(image, force);
                removal.untagged().forEach(reference -> out().println("Untagged: " + reference.familiar()));
                removal.deleted().forEach(id -> out().println("Deleted: " + id));
            } catch (RuntimeOperationException e) {
                spec.commandLine().getErr().println("Error: " + e.getMessage());
                status = 1; // like docker rmi: go on with the others, fail at the end
            }
        }
        return status;
    }
}
