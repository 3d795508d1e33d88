package io.berth.model.load;

import io.berth.model.text.ShellWords;
import io.berth.model.units.ByteSize;
import io.berth.model.units.GoDuration;

import io.berth.model.tree.ComposePath;
import io.berth.model.tree.Problems;
import java.util.LinkedHashMap;
import java.util.Map;

/**
 * {@code deploy:} of a service. Compose prints {@code resources} and {@code placement} always (they are
 * plain structs in compose-go), and memory sizes as byte-count strings.
 */
final class Deploy {
    private Deploy() {
    }

    static Object canonical(Object value, ComposePath at, Problems problems) {
        if (!(value instanceof Map<?, ?> map)) {
            problems.add(at, "must be a mapping");
            return value;
        }
        Map<String, Object> deploy = new LinkedHashMap<>(Values.map(map));
        if (deploy.get("replicas") != null) {
            Long replicas = Values.integer(deploy.get("replicas"));
            if (replicas == null || replicas < 0) {
                problems.add(at.key("replicas"), "must be a whole number of at least 0, got \"" + deploy.get("replicas") + "\"");
            } else {
                deploy.put("replicas", replicas);
            }
        }
        Map<String, Object> resources = deploy.get("resources") instanceof Map<?, ?> given
                ? new LinkedHashMap<>(Values.map(given)) : new LinkedHashMap<>();
        for (String kind : new String[] {"limits", "reservations"}) {
            if (resources.get(kind) instanceof Map<?, ?> limits) {
                Map<String, Object> copy = new LinkedHashMap<>(Values.map(limits));
                if (copy.get("memory") != null) {
                    try {
                        Object memory = copy.get("memory");
                        copy.put("memory", memory instanceof Long bytes ? String.valueOf(bytes)
                                : String.valueOf(ByteSize.parse(Values.text(memory)).bytes()));
                    } catch (IllegalArgumentException e) {
                        problems.add(at.key("resources").key(kind).key("memory"), e.getMessage());
                    }
                }
                if (copy.get("cpus") != null) {
                    copy.put("cpus", Values.text(copy.get("cpus")));
                }
                resources.put(kind, copy);
            }
        }
        deploy.put("resources", resources);
        deploy.putIfAbsent("placement", new LinkedHashMap<>());
        return deploy;
    }
}
