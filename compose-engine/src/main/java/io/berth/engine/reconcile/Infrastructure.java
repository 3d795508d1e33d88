package io.berth.engine.reconcile;

import io.berth.engine.Action;
import io.berth.engine.DesiredNetwork;
import io.berth.engine.DesiredProject;
import io.berth.engine.DesiredService;
import io.berth.engine.DesiredVolume;
import io.berth.engine.EngineException;
import io.berth.engine.ObservedState;
import io.berth.runtime.MountSpec;
import io.berth.runtime.NetworkAttachment;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.SortedSet;
import java.util.TreeSet;

/**
 * The networks and named volumes a service needs: created once, before the first container that
 * uses them; external ones must exist already.
 */
final class Infrastructure {
    private final DesiredProject project;
    private final ObservedState observed;
    private final PlanBuilder plan;
    private final Map<String, Integer> steps;

    Infrastructure(DesiredProject project, ObservedState observed, PlanBuilder plan, Map<String, Integer> steps) {
        this.project = project;
        this.observed = observed;
        this.plan = plan;
        this.steps = steps;
    }

    /** The ids of the steps that create what the service needs (none when all exist). */
    SortedSet<Integer> stepsFor(DesiredService service) {
        SortedSet<Integer> gate = new TreeSet<>();
        for (NetworkAttachment attachment : service.template().networks()) {
            project.networks().values().stream().filter(network -> network.name().equals(attachment.network()))
                    .findFirst().flatMap(this::networkStep).ifPresent(gate::add);
        }
        for (MountSpec mount : service.template().mounts()) {
            project.volumes().values().stream()
                    .filter(volume -> mount.type() == MountSpec.Type.VOLUME && volume.name().equals(mount.source()))
                    .findFirst().flatMap(this::volumeStep).ifPresent(gate::add);
        }
        return gate;
    }

    private Optional<Integer> networkStep(DesiredNetwork network) {
        String key = "network " + network.name();
        if (!steps.containsKey(key)) {
            if (observed.network(network.name()).isPresent()) {
                return Optional.empty();
            }
            if (network.external()) {
                throw new EngineException("network " + network.name() + " declared as external, but could not be found");
            }
            steps.put(key, plan.add(new Action.CreateNetwork(network.spec()), List.of(),
                    "network " + network.key() + " does not exist"));
        }
        return Optional.of(steps.get(key));
    }

    private Optional<Integer> volumeStep(DesiredVolume volume) {
        String key = "volume " + volume.name();
        if (!steps.containsKey(key)) {
            if (observed.volume(volume.name()).isPresent()) {
                return Optional.empty();
            }
            if (volume.external()) {
                throw new EngineException("volume " + volume.name() + " declared as external, but could not be found");
            }
            steps.put(key, plan.add(new Action.CreateVolume(volume.spec()), List.of(),
                    "volume " + volume.key() + " does not exist"));
        }
        return Optional.of(steps.get(key));
    }
}
