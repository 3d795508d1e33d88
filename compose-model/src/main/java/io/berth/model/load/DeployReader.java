package io.berth.model.load;

import io.berth.model.DeployConfig;
import java.util.ArrayList;
import java.util.List;

/** The canonical {@code deploy:} mapping of a service into a {@link DeployConfig}; null when not set. */
final class DeployReader {
    private DeployReader() {
    }

    static DeployConfig read(Fields service) {
        if (!service.has("deploy")) {
            return null;
        }
        Fields deploy = service.child("deploy");
        Fields resources = deploy.child("resources");
        return new DeployConfig(deploy.string("mode"), deploy.integer("replicas"), deploy.stringMap("labels"),
                resources(resources.child("limits")), resources(resources.child("reservations")),
                restartPolicy(deploy), placement(deploy), update(deploy, "update_config"),
                update(deploy, "rollback_config"), deploy.string("endpoint_mode"));
    }

    private static DeployConfig.Resources resources(Fields limits) {
        return new DeployConfig.Resources(limits.decimal("cpus"), limits.bytes("memory"), limits.number("pids"));
    }

    private static DeployConfig.RestartPolicy restartPolicy(Fields deploy) {
        if (!deploy.has("restart_policy")) {
            return null;
        }
        Fields policy = deploy.child("restart_policy");
        return new DeployConfig.RestartPolicy(policy.string("condition"), policy.duration("delay"),
                policy.integer("max_attempts"), policy.duration("window"));
    }

    private static DeployConfig.Placement placement(Fields deploy) {
        Fields placement = deploy.child("placement");
        List<String> spread = new ArrayList<>();
        for (Fields preference : placement.each("preferences")) {
            if (preference.has("spread")) {
                spread.add(preference.string("spread"));
            }
        }
        return new DeployConfig.Placement(placement.strings("constraints"), List.copyOf(spread),
                placement.integer("max_replicas_per_node"));
    }

    private static DeployConfig.UpdateConfig update(Fields deploy, String key) {
        if (!deploy.has(key)) {
            return null;
        }
        Fields update = deploy.child(key);
        return new DeployConfig.UpdateConfig(update.integer("parallelism"), update.duration("delay"),
                update.string("failure_action"), update.duration("monitor"), update.decimal("max_failure_ratio"),
                update.string("order"));
    }
}
