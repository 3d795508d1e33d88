package io.berth.engine.reconcile;

import io.berth.engine.Action;
import io.berth.engine.BuildOptions;
import io.berth.engine.DesiredService;
import io.berth.engine.EngineException;
import io.berth.engine.ImageBuild;
import io.berth.engine.ObservedState;
import io.berth.engine.UpOptions;
import io.berth.runtime.build.BuildRequest;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/** Build decisions: which services build, why, after which others (additional_contexts service:NAME). */
final class ImageBuilds {
    private ImageBuilds() {
    }

    static boolean buildable(DesiredService service, UpOptions options) {
        return service.build() != null && !options.build().never();
    }

    /** Compose skips the pull of an image it is told to build, and of one the file does not name. */
    static boolean buildsWithoutPull(DesiredService service, UpOptions options) {
        return options.build().always() || service.pullPolicy().equals("build") || !service.build().imageNamed();
    }

    /** Why the service's image is built now, or null. */
    static String cause(DesiredService service, ObservedState observed, UpOptions options) {
        if (!buildable(service, options) || options.imagesPulled()) {
            return null;
        }
        if (options.build().always()) {
            return "--build";
        }
        if (service.pullPolicy().equals("build")) {
            return "pull_policy: build";
        }
        String image = service.image().familiar();
        return observed.images().containsKey(image) ? null : "image " + image + " is not present";
    }

    /**
     * The build step of the service, after those of its context services, if it must build; a
     * service Berth cannot build throws, naming the service and key.
     */
    static Optional<Integer> step(DesiredService service, ObservedState observed, PlanBuilder plan,
                                  Map<String, Integer> infraSteps, UpOptions options, Map<String, DesiredService> services) {
        return step(service, observed, plan, infraSteps, options, cause(service, observed, options), services);
    }

    /** @param services every service of the project, for context services */
    static Optional<Integer> step(DesiredService service, ObservedState observed, PlanBuilder plan,
                                  Map<String, Integer> infraSteps, UpOptions options, String cause,
                                  Map<String, DesiredService> services) {
        if (cause == null) {
            return Optional.empty();
        }
        String key = "image " + service.image().familiar();
        if (infraSteps.containsKey(key)) {
            return Optional.of(infraSteps.get(key));
        }
        ImageBuild build = service.build();
        if (!build.unsupported().isEmpty()) {
            throw new EngineException(String.join("\n", build.unsupported()));
        }
        build.warnings().forEach(plan::warn);
        List<Integer> after = new ArrayList<>();
        for (String contextService : build.contextServices()) {
            DesiredService other = services.get(contextService);
            if (other != null) {
                String otherCause = cause(other, observed, options);
                step(other, observed, plan, infraSteps, options,
                        otherCause == null ? null : otherCause + " (a build context of " + service.name() + ")", services)
                        .ifPresent(after::add);
            }
        }
        int id = plan.add(new Action.BuildImage(service.name(), service.image(), adjusted(build.request(), options.build())),
                after, cause);
        infraSteps.put(key, id);
        return Optional.of(id);
    }

    /** The command's --no-cache, --pull and --build-arg over the file's. */
    static BuildRequest adjusted(BuildRequest request, BuildOptions options) {
        Map<String, String> args = new LinkedHashMap<>(request.buildArgs());
        args.putAll(options.buildArgs());
        return new BuildRequest(request.contextDir(), request.dockerfile(), request.target(), args, request.labels(),
                request.tags(), request.noCache() || options.noCache(), request.pull() || options.pull(),
                request.network(), request.namedContexts(), request.secrets(), request.extraHosts(),
                request.shmSizeBytes(), request.ulimits(), request.privileged(), request.sourceDateEpoch(),
                request.explain());
    }
}
