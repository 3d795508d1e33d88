package io.berth.engine.reconcile;

import io.berth.engine.Action;
import io.berth.engine.DesiredService;
import io.berth.engine.EngineException;
import io.berth.engine.ObservedState;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/** Whether a service's image must be pulled, by its pull_policy; one step per image. */
final class Images {
    private Images() {
    }

    static Optional<Integer> step(DesiredService service, ObservedState observed, PlanBuilder plan,
                                  Map<String, Integer> infraSteps, boolean justPulled) {
        String image = service.image().familiar();
        String key = "image " + image;
        if (infraSteps.containsKey(key)) {
            return Optional.of(infraSteps.get(key));
        }
        boolean present = observed.images().containsKey(image);
        String cause;
        switch (service.pullPolicy()) {
            case "always" -> {
                if (justPulled && present) {
                    return Optional.empty();
                }
                cause = "pull_policy: always (service " + service.name() + ")";
            }
            case "never" -> {
                if (!present) {
                    throw new EngineException("service " + service.name() + ": image " + image
                            + " is not present and pull_policy is never");
                }
                return Optional.empty();
            }
            case "build" -> {
                if (!present) {
                    throw new EngineException("service " + service.name() + ": image " + image
                            + " is not present and must be built; berth does not build images");
                }
                return Optional.empty();
            }
            default -> {
                if (present) {
                    return Optional.empty();
                }
                cause = "image is not present (service " + service.name() + ")";
            }
        }
        int id = plan.add(new Action.PullImage(service.name(), service.image()), List.of(), cause);
        infraSteps.put(key, id);
        return Optional.of(id);
    }
}
