package io.berth.engine.reconcile;

import io.berth.engine.Action;
import io.berth.engine.DesiredService;
import io.berth.engine.EngineException;
import io.berth.engine.ObservedState;
import io.berth.engine.UpOptions;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * Whether a service's image must be pulled or built, as Docker Compose v2 decides (pull.go mustPull,
 * build.go): a service that can build never fails on a pull, and builds when its image is still
 * missing, when {@code pull_policy: build} or {@code --build} say so; one step per image.
 */
final class Images {
    private Images() {
    }

    /**
     * One plan with both (a dry run): the pull when Compose would pull (a named image that can
     * build is pulled first, "built if the pull fails"), else the build.
     */
    static Optional<Integer> step(DesiredService service, ObservedState observed, PlanBuilder plan,
                                  Map<String, Integer> infraSteps, UpOptions options, Map<String, DesiredService> services) {
        Optional<Integer> pulled = pull(service, observed, plan, infraSteps, options);
        return pulled.isPresent() ? pulled : ImageBuilds.step(service, observed, plan, infraSteps, options, services);
    }

    /** The pull step the service needs, if any; throws when the image can be neither pulled nor built. */
    static Optional<Integer> pull(DesiredService service, ObservedState observed, PlanBuilder plan,
                                  Map<String, Integer> infraSteps, UpOptions options) {
        String image = service.image().familiar();
        String key = "image " + image;
        if (infraSteps.containsKey(key)) {
            return Optional.of(infraSteps.get(key));
        }
        boolean present = observed.images().containsKey(image);
        boolean buildable = ImageBuilds.buildable(service, options);
        if (buildable && (options.imagesPulled() || ImageBuilds.buildsWithoutPull(service, options))) {
            return Optional.empty();
        }
        String cause;
        java.util.Optional<java.time.Duration> refresh = io.berth.model.PullPolicy.refreshInterval(service.pullPolicy());
        if (refresh.isPresent()) {
            // daily, weekly, every_<duration>: pull when the last pull is older than that (Compose's refresh)
            java.time.Instant last = present ? observed.images().get(image).lastPulled(service.image()) : null;
            // The clock is read here, not observed: the pull time and the interval are what decide.
            if ((options.imagesPulled() && present) || (last != null && last.plus(refresh.get()).isAfter(java.time.Instant.now()))) {
                return Optional.empty();
            }
            cause = "pull_policy: " + service.pullPolicy() + (!present ? ", image is not present"
                    : last == null ? ", no pull recorded" : ", last pulled " + last) + " (service " + service.name() + ")";
            int id = plan.add(new Action.PullImage(service.name(), service.image(), buildable), List.of(), cause);
            infraSteps.put(key, id);
            return Optional.of(id);
        }
        switch (service.pullPolicy()) {
            case "always" -> {
                if (options.imagesPulled() && present) {
                    return Optional.empty();
                }
                cause = "pull_policy: always (service " + service.name() + ")";
            }
            case "never" -> {
                if (!present && !buildable) {
                    throw new EngineException("service " + service.name() + ": image " + image
                            + " is not present and pull_policy is never");
                }
                return Optional.empty();
            }
            case "build" -> {
                if (!present) {
                    throw new EngineException("service " + service.name() + ": image " + image + " is not present and "
                            + (service.build() == null ? "pull_policy is build, but the service has no build section"
                            : "--no-build was given (run berth build " + service.name() + ", or up without --no-build)"));
                }
                return Optional.empty();
            }
            default -> {
                if (present) {
                    return Optional.empty();
                }
                if (service.build() != null && !service.build().imageNamed()) {
                    throw new EngineException("service " + service.name() + ": image " + image
                            + " is not present and --no-build was given (run berth build " + service.name()
                            + ", or up without --no-build)");
                }
                cause = "image is not present (service " + service.name() + ")";
            }
        }
        int id = plan.add(new Action.PullImage(service.name(), service.image(), buildable), List.of(), cause);
        infraSteps.put(key, id);
        return Optional.of(id);
    }
}
