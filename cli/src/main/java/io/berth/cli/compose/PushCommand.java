package io.berth.cli.compose;

import io.berth.cli.ComposeSession;
import io.berth.cli.Invocation;
import io.berth.cli.image.PushPrinter;
import io.berth.model.Project;
import io.berth.model.Service;
import io.berth.runtime.ImageReference;
import io.berth.runtime.ImageService;
import io.berth.runtime.RuntimeConfig;
import io.berth.runtime.RegistrySettings;
import io.berth.runtime.RuntimeOperationException;
import java.io.PrintWriter;
import java.util.ArrayList;
import java.util.List;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;

/**
 * {@code berth push [SERVICE...]}: as Docker Compose v2, pushes the services (all, or those named)
 * that have both {@code build:} and {@code image:}: the image and the names in {@code build.tags}.
 * Other services are reported as skipped. An image that is not on this host fails that push
 * (build it first); the first failure stops the push unless {@code --ignore-push-failures}.
 */
@Command(name = "push", description = "Push service images (services with build: and image:).")
public final class PushCommand extends ComposeCommand {
    @Option(names = "--ignore-push-failures", description = "Push what can be pushed, ignoring failures.")
    boolean ignoreFailures;

    @Option(names = {"-q", "--quiet"}, description = "Push without printing progress.")
    boolean quiet;

    @Parameters(paramLabel = "SERVICE", arity = "0..*")
    List<String> services = new ArrayList<>();

    @Override
    int run() throws Exception {
        PrintWriter out = new PrintWriter(System.out, true);
        try (ComposeSession session = open(services, true)) {
            Project project = session.requireProject();
            ImageService images = ImageService.open(RuntimeConfig.fromEnvironment(Invocation.env()));
            RegistrySettings registries = RegistrySettings.fromEnvironment(Invocation.env());
            int status = 0;
            for (String serviceName : services.isEmpty() ? new ArrayList<>(project.services().keySet()) : services) {
                List<String> names = pushedNames(project.service(serviceName));
                if (names.isEmpty()) {
                    System.err.println("Skipped " + serviceName + ": only services with both build: and image: are pushed");
                    continue;
                }
                for (String name : names) {
                    String failure = push(images, registries, out, serviceName, ImageReference.parse(name));
                    if (failure != null) {
                        System.err.println("berth: " + serviceName + ": " + failure);
                        status = 1;
                        if (!ignoreFailures) {
                            return 1;
                        }
                    }
                }
            }
            return ignoreFailures ? 0 : status;
        }
    }

    /** What Compose v2 pushes of a service: its image and its build tags, when it has both build: and image:. */
    static List<String> pushedNames(Service service) {
        if (service.build() == null || service.image() == null || service.image().isEmpty()) {
            return List.of();
        }
        List<String> names = new ArrayList<>(List.of(service.image()));
        if (service.build().tags() != null) {
            names.addAll(service.build().tags());
        }
        return names;
    }

    /** Pushes one name; the failure's text, or null. */
    private String push(ImageService images, RegistrySettings registries, PrintWriter out, String serviceName,
                        ImageReference reference) {
        if (images.resolve(reference).isEmpty()) {
            return "image " + reference.familiar() + " is not on this host (build it first: berth build " + serviceName + ")";
        }
        try {
            if (!quiet) {
                out.println("Pushing " + serviceName + " (" + reference.familiar() + ")");
            }
            images.push(reference, registries, new PushPrinter(out, reference.tag(), quiet));
            return null;
        } catch (RuntimeOperationException e) {
            return e.getMessage();
        }
    }
}
