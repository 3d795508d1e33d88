package io.berth.cli.image;

import io.berth.runtime.ImageInfo;
import io.berth.runtime.ImageReference;
import io.berth.runtime.ImageService;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;

/** {@code berth image import ROOTFS.tar[.gz] NAME[:TAG]}: like docker import. */
@Command(name = "import", description = "Make a one-layer image of a root filesystem tar (tar or tar.gz).")
public final class ImageImportCommand extends ImageCommandSupport {
    @Parameters(index = "0", paramLabel = "FILE", description = "The root filesystem tar (\"-\": standard input).")
    Path rootfs;

    @Parameters(index = "1", paramLabel = "NAME[:TAG]", description = "The image's name.")
    String name;

    @Option(names = {"-c", "--change"}, paramLabel = "INSTRUCTION",
            description = "A Dockerfile instruction for the image config: CMD, ENTRYPOINT, ENV, WORKDIR, USER,"
                    + " EXPOSE, LABEL, VOLUME, STOPSIGNAL (repeatable).")
    List<String> changes = new ArrayList<>();

    @Option(names = "--if-missing", description = "Do nothing if an image of this name exists already.")
    boolean ifMissing;

    @Override
    int run(ImageService images) {
        ImageReference reference = reference(name);
        if (ifMissing) {
            Optional<ImageInfo> existing = images.resolve(reference);
            if (existing.isPresent()) {
                out().println(existing.get().id());
                return 0;
            }
        }
        out().println(withInput(rootfs, file -> images.importRootfs(file, reference, changes)).id());
        return 0;
    }
}
