package io.berth.cli.compose;

import io.berth.cli.ComposeSession;
import io.berth.cli.Invocation;
import io.berth.model.Project;
import io.berth.model.Service;
import io.berth.runtime.ImageReference;
import io.berth.runtime.ImageService;
import io.berth.runtime.PullProgress;
import io.berth.runtime.RegistrySettings;
import io.berth.runtime.RuntimeConfig;
import io.berth.runtime.RuntimeOperationException;
import java.io.PrintWriter;
import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.Deque;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import java.util.TreeSet;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.atomic.AtomicBoolean;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;

/**
 * {@code berth pull [SERVICE...]}: pulls the {@code image:} of the services (all, or those named,
 * with {@code --include-deps} also what they depend on), each image once, a few at a time, with
 * Compose's plain progress lines. A service with only {@code build:} has nothing to pull and says
 * so. The first failure stops new pulls and the command fails, unless {@code --ignore-pull-failures}.
 */
@Command(name = "pull", description = "Pull service images.")
public final class PullCommand extends ComposeCommand {
    static final int PARALLEL_PULLS = 4;

    @Option(names = "--ignore-pull-failures", description = "Pull what it can and ignore images with pull failures.")
    boolean ignoreFailures;

    @Option(names = "--include-deps", description = "Also pull services declared as dependencies.")
    boolean includeDeps;

    @Option(names = "--ignore-buildable", description = "Ignore images that can be built.")
    boolean ignoreBuildable;

    @Option(names = {"-q", "--quiet"}, description = "Pull without printing progress information.")
    boolean quiet;

    @Option(names = "--policy", paramLabel = "missing|always", description = "Apply pull policy (missing: only images not here).")
    String policy;

    @Parameters(paramLabel = "SERVICE", arity = "0..*")
    List<String> services = new ArrayList<>();

    @Override
    int run() throws Exception {
        if (policy != null && !policy.equals("missing") && !policy.equals("always")) {
            System.err.println("berth: invalid --policy \"" + policy + "\" (missing or always)");
            return 1;
        }
        PrintWriter out = new PrintWriter(System.out, true);
        try (ComposeSession session = open(services, true)) {
            Project project = session.requireProject();
            ImageService images = ImageService.open(RuntimeConfig.fromEnvironment(Invocation.env()));
            RegistrySettings settings = RegistrySettings.fromEnvironment(Invocation.env());
            Map<ImageReference, List<String>> servicesByImage = new TreeMap<>((a, b) -> a.canonical().compareTo(b.canonical()));
            for (String serviceName : selected(project)) {
                Service service = project.service(serviceName);
                if (service.image() == null || service.image().isEmpty()) {
                    if (!quiet) {
                        out.println(serviceName + " Skipped - No image to be pulled");
                    }
                    continue;
                }
                if (service.build() != null && ignoreBuildable) {
                    continue;
                }
                ImageReference reference = ImageReference.parse(service.image());
                if ("missing".equals(policy) && images.resolve(reference).isPresent()) {
                    if (!quiet) {
                        out.println(serviceName + " Skipped - Image is already present locally");
                    }
                    continue;
                }
                servicesByImage.computeIfAbsent(reference, r -> new ArrayList<>()).add(serviceName);
            }
            return pullAll(images, settings, servicesByImage, out);
        }
    }

    /** The services asked for (all when none), and with --include-deps what they depend on, transitively. */
    private List<String> selected(Project project) {
        TreeSet<String> chosen = new TreeSet<>(services.isEmpty() ? project.services().keySet() : services);
        if (includeDeps) {
            Deque<String> pending = new ArrayDeque<>(chosen);
            while (!pending.isEmpty()) {
                for (String dependency : project.service(pending.pop()).dependsOn().keySet()) {
                    if (chosen.add(dependency)) {
                        pending.push(dependency);
                    }
                }
            }
        }
        return List.copyOf(chosen);
    }

    private int pullAll(ImageService images, RegistrySettings settings, Map<ImageReference, List<String>> servicesByImage,
                        PrintWriter out) throws InterruptedException {
        AtomicBoolean failed = new AtomicBoolean();
        ExecutorService pool = Executors.newFixedThreadPool(Math.max(1, Math.min(PARALLEL_PULLS, servicesByImage.size())));
        try {
            List<Future<?>> pulls = new ArrayList<>();
            servicesByImage.forEach((reference, names) -> pulls.add(pool.submit(() -> {
                if (failed.get() && !ignoreFailures) {
                    return; // no new work after the first failure
                }
                String label = String.join(", ", names);
                print(out, label + " Pulling");
                try {
                    images.pull(reference, settings, progress -> printLayer(out, label, progress));
                    print(out, label + " Pulled");
                } catch (RuntimeOperationException e) {
                    failed.set(true);
                    synchronized (out) {
                        System.err.println((ignoreFailures ? "WARNING: " : "berth: ") + label + ": " + e.getMessage());
                    }
                }
            })));
            for (Future<?> pull : pulls) {
                try {
                    pull.get();
                } catch (java.util.concurrent.ExecutionException e) {
                    throw new IllegalStateException(e.getCause());
                }
            }
        } finally {
            pool.shutdownNow();
        }
        return failed.get() && !ignoreFailures ? 1 : 0;
    }

    private void printLayer(PrintWriter out, String label, PullProgress progress) {
        String what = switch (progress.stage()) {
            case ALREADY_EXISTS -> "Already exists";
            case DOWNLOADING -> progress.bytes() == 0 ? "Pulling fs layer" : null;
            case DOWNLOADED -> "Download complete";
            case PULL_COMPLETE -> "Pull complete";
            default -> null;
        };
        if (what != null) {
            print(out, label + " " + progress.shortId() + " " + what);
        }
    }

    private void print(PrintWriter out, String line) {
        if (!quiet) {
            synchronized (out) {
                out.println(line);
            }
        }
    }
}
