package io.berth.cli.image;

import io.berth.runtime.ImageInfo;
import io.berth.runtime.ImageReference;
import io.berth.runtime.ImageService;
import io.berth.runtime.RegistrySettings;
import io.berth.runtime.PullProgress;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;

/** {@code berth image pull NAME[:TAG|@DIGEST]}: from a registry, with Docker-like progress lines. */
@Command(name = "pull", description = "Download an image from a registry.")
public final class ImagePullCommand extends ImageCommandSupport {
    @Parameters(index = "0", paramLabel = "NAME[:TAG|@DIGEST]")
    String name;

    @Option(names = {"-q", "--quiet"}, description = "Print only the image's full name.")
    boolean quiet;

    @Override
    int run(ImageService images) {
        ImageReference reference = reference(name);
        if (!quiet) {
            out().println((reference.tag() != null ? reference.tag() : reference.digest().toString())
                    + ": Pulling from " + reference.repository());
        }
        ImageInfo image = images.pull(reference, RegistrySettings.fromEnvironment(io.berth.cli.Invocation.env()), progress -> {
            if (!quiet) {
                print(progress);
            }
        });
        if (!quiet) {
            out().println("Status: Image is up to date or downloaded for " + reference.familiar());
            out().println("Image ID: " + image.id());
        }
        out().println(reference.canonical());
        return 0;
    }

    private void print(PullProgress progress) {
        String line = switch (progress.stage()) {
            case ALREADY_EXISTS -> "Already exists";
            case DOWNLOADING -> progress.bytes() == 0 ? "Pulling fs layer" : null;
            case DOWNLOADED -> "Download complete";
            case PULL_COMPLETE -> "Pull complete";
            case DONE -> null;
            default -> null;
        };
        if (line != null) {
            synchronized (this) {
                out().println(progress.shortId() + ": " + line);
                out().flush();
            }
        }
        if (progress.stage() == PullProgress.Stage.DONE) {
            out().println("Digest: " + progress.digest());
        }
    }
}
