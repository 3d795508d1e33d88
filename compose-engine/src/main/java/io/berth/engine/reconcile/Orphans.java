package io.berth.engine.reconcile;

import io.berth.engine.Action;
import io.berth.engine.DesiredProject;
import io.berth.engine.ObservedState;
import io.berth.runtime.ContainerInfo;
import java.time.Duration;
import java.util.List;

/** Containers of the project whose service is no longer in the file: reported, or removed. */
final class Orphans {
    private Orphans() {
    }

    static List<ContainerInfo> find(DesiredProject project, ObservedState observed) {
        return observed.containers().stream()
                .filter(container -> !observed.labelsOf(container).oneOff())
                .filter(container -> !project.knownServices().contains(observed.labelsOf(container).service()))
                .toList();
    }

    static void handle(DesiredProject project, ObservedState observed, boolean remove, Duration stopTimeout,
                       PlanBuilder plan) {
        List<ContainerInfo> orphans = find(project, observed);
        if (orphans.isEmpty()) {
            return;
        }
        if (!remove) {
            plan.warn("Found orphan containers (" + String.join(", ", orphans.stream().map(ContainerInfo::name).toList())
                    + ") for this project. If you removed or renamed this service in your compose file, "
                    + "you can run this command with the --remove-orphans flag to clean it up.");
            return;
        }
        for (ContainerInfo orphan : orphans) {
            String service = observed.labelsOf(orphan).service();
            String cause = "orphan: service " + service + " is not in the project";
            List<Integer> after = List.of();
            if (orphan.state().isRunning()) {
                after = List.of(plan.add(new Action.StopContainer(service, orphan.name(),
                        UpReconciler.stopTimeout(stopTimeout, orphan.spec().stopGracePeriod()), orphan.spec().stopSignal()), after, cause));
            }
            plan.add(new Action.RemoveContainer(service, orphan.name(), false), after, cause); // as Compose: no -v
        }
    }
}
