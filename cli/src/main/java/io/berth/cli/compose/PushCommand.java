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
 * {@code berth push [SERVICE...]}: pushes the {@code image:} of each service (all, or those
 * named) whose image is in this host's store; a service without {@code image:}, or whose image is
 * not here, is reported as skipped. The first failure stops the push unless
 * {@code --ignore-push-failures}.
 */
@Command(name = "push", description = "Push service images (those with image: that are present here).")
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
            RegistrySettings dockerConfig = RegistrySettings.fromEnvironment(Invocation.env());
            int status = 0;
            for (String serviceName : services.isEmpty() ? new ArrayList<>(project.services().keySet()) : services) {
                Service service = project.service(serviceName);
                if (service.image() == null || service.image().isEmpty()) {
                    System.err.println("Skipped " + serviceName + ": no image: to push");
                    continue;
                }
                ImageReference reference = ImageReference.parse(service.image());
                if (images.resolve(reference).isEmpty()) {
                    System.err.println("Skipped " + serviceName + ": image " + reference.familiar()
                            + " is not on this host (pull or build it first)");
                    continue;
                }
                try {
                    if (!quiet) {
                        out.println("Pushing " + serviceName + " (" + reference.familiar() + ")");
                    }
                    images.push(reference, dockerConfig, new PushPrinter(out, reference.tag(), quiet));
                } catch (RuntimeOperationException e) {
                    System.err.println("berth: " + serviceName + ": " + e.getMessage());
                    status = 1;
                    if (!ignoreFailures) {
                        return 1;
                    }
                }
            }
            return ignoreFailures ? 0 : status;
        }
    }
}
