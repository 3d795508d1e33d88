package io.berth.cli.image;

import io.berth.cli.Invocation;
import io.berth.runtime.ImageReference;
import io.berth.runtime.ImageService;
import io.berth.runtime.RegistrySettings;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;

/** {@code berth image push NAME[:TAG]}: an image of this host to the registry its name names. */
@Command(name = "push", description = "Upload an image to a registry (credentials from berth login / docker login).")
public final class ImagePushCommand extends ImageCommandSupport {
    @Parameters(index = "0", paramLabel = "NAME[:TAG]")
    String name;

    @Option(names = {"-q", "--quiet"}, description = "Suppress verbose output.")
    boolean quiet;

    @Override
    int run(ImageService images) {
        ImageReference reference = reference(name);
        if (!quiet) {
            out().println("The push refers to repository [" + reference.name() + "]");
        }
        var digest = images.push(reference, RegistrySettings.fromEnvironment(Invocation.env()),
                new PushPrinter(out(), reference.tag(), quiet));
        if (quiet) {
            out().println(reference.familiarName() + "@" + digest);
        }
        return 0;
    }
}
