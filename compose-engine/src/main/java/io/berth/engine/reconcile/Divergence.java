package io.berth.engine.reconcile;

import io.berth.engine.DesiredService;
import io.berth.engine.ObservedContainer;
import io.berth.engine.ObservedState;
import io.berth.engine.convert.ConfigDiff;
import io.berth.runtime.ContainerInfo;
import io.berth.runtime.ImageInfo;
import java.util.ArrayList;
import java.util.List;
import java.util.Set;

/** Why an existing container no longer matches its service: config, image, or a namespace peer. */
final class Divergence {
    private static final int MAX_FIELDS_NAMED = 5;

    private Divergence() {
    }

    static List<String> reasons(DesiredService service, ContainerInfo container, ObservedState observed,
                                Set<String> recreatedServices) {
        List<String> reasons = new ArrayList<>();
        ObservedContainer labels = observed.labelsOf(container);
        if (!service.configHash().equals(labels.configHash())) {
            reasons.add(configChange(service, labels));
        }
        ImageInfo wanted = observed.images().get(service.image().familiar());
        if (wanted != null && container.image() != null && !wanted.id().equals(container.image().id())) {
            reasons.add("image " + service.image().familiar() + " changed ("
                    + container.image().id().hex().substring(0, 12) + " -> " + wanted.id().hex().substring(0, 12) + ")");
        }
        for (String peer : service.refs().namespaceServices()) {
            if (recreatedServices.contains(peer)) {
                reasons.add("shares namespaces with " + peer + ", which is recreated");
            }
        }
        return reasons;
    }

    private static String configChange(DesiredService service, ObservedContainer labels) {
        if (labels.config() == null) {
            return "config hash changed";
        }
        List<String> changes = ConfigDiff.changes(labels.config(), service.config());
        if (changes.isEmpty()) {
            return "config hash changed";
        }
        if (changes.size() > MAX_FIELDS_NAMED) {
            int more = changes.size() - MAX_FIELDS_NAMED;
            changes = new ArrayList<>(changes.subList(0, MAX_FIELDS_NAMED));
            changes.add("and " + more + " more");
        }
        return String.join(", ", changes);
    }
}
