package io.berth.model.load;

import io.berth.model.ByteSize;

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
        durations(deploy, at, problems);
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
                    // compose-go holds it as a float32 and prints a JSON number
                    try {
                        double cpus = Double.parseDouble(Values.text(copy.get("cpus")));
                        copy.put("cpus", cpus == Math.rint(cpus) ? (Object) (long) cpus : (Object) cpus);
                    } catch (NumberFormatException e) {
                        problems.add(at.key("resources").key(kind).key("cpus"), "must be a number, got \""
                                + copy.get("cpus") + "\"");
                    }
                }
                resources.put(kind, copy);
            }
        }
        if (resources.get("reservations") instanceof Map<?, ?> reservations && reservations.get("devices") instanceof java.util.List<?> devices) {
            Map<String, Object> copy = new LinkedHashMap<>(Values.map(reservations));
            copy.put("devices", deviceRequests(devices));
            resources.put("reservations", copy);
        }
        if (deploy.get("labels") instanceof Map<?, ?> labels) {
            Map<String, Object> texts = new LinkedHashMap<>();
            Values.map(labels).forEach((key, label) -> texts.put(key, label == null ? "" : Values.text(label)));
            deploy.put("labels", texts);
        }
        if (deploy.get("labels") instanceof java.util.List<?> labels) {
            // the list form KEY=VALUE is printed as a mapping, as everywhere else
            Map<String, Object> asMap = new LinkedHashMap<>();
            for (Object label : labels) {
                String text = Values.text(label);
                if (text != null) {
                    int equals = text.indexOf('=');
                    asMap.put(equals < 0 ? text : text.substring(0, equals), equals < 0 ? "" : text.substring(equals + 1));
                }
            }
            deploy.put("labels", asMap);
        }
        deploy.put("resources", resources);
        deploy.putIfAbsent("placement", new LinkedHashMap<>());
        return deploy;
    }

    /** Device requests (deploy reservations, gpus) with count as Compose prints it: a number, all is -1. */
    static java.util.List<Object> deviceRequests(java.util.List<?> requests) {
        java.util.List<Object> out = new java.util.ArrayList<>();
        for (Object request : requests) {
            if (!(request instanceof Map<?, ?> map)) {
                out.add(request);
                continue;
            }
            Map<String, Object> copy = new LinkedHashMap<>(Values.map(map));
            if (copy.get("count") != null) {
                Object count = copy.get("count");
                Long number = Values.integer(count);
                copy.put("count", "all".equals(count) ? (Object) (-1L) : number != null ? number : count);
            }
            if (copy.get("options") instanceof Map<?, ?> options) {
                // driver options are strings in Compose's model (virtualization: false prints "false")
                Map<String, Object> texts = new LinkedHashMap<>();
                Values.map(options).forEach((key, option) -> texts.put(key, option == null ? "" : Values.text(option)));
                copy.put("options", texts);
            } else if (copy.get("options") instanceof java.util.List<?> options) {
                Map<String, Object> texts = new LinkedHashMap<>();
                for (Object option : options) {
                    String text = Values.text(option);
                    int equals = text.indexOf('=');
                    texts.put(equals < 0 ? text : text.substring(0, equals), equals < 0 ? "" : text.substring(equals + 1));
                }
                copy.put("options", texts);
            }
            out.add(copy);
        }
        return out;
    }

    /** Compose prints the durations of restart, update and rollback settings as Go formats them ("1m30s"). */
    private static void durations(Map<String, Object> deploy, ComposePath at, Problems problems) {
        for (String section : new String[] {"restart_policy", "update_config", "rollback_config"}) {
            if (!(deploy.get(section) instanceof Map<?, ?> given)) {
                continue;
            }
            Map<String, Object> copy = new LinkedHashMap<>(Values.map(given));
            for (String key : new String[] {"delay", "window", "monitor"}) {
                Object value = copy.get(key);
                if (value == null || value instanceof String text && text.contains("$")) {
                    continue; // --no-interpolate prints a variable as written
                }
                try {
                    java.time.Duration duration = io.berth.model.GoDuration.parseValue(value);
                    if (duration.isZero() && !section.equals("restart_policy")) {
                        copy.remove(key); // a plain duration in compose-go's update/rollback config: 0 is not printed
                    } else {
                        copy.put(key, io.berth.model.GoDuration.format(duration));
                    }
                } catch (IllegalArgumentException e) {
                    problems.add(at.key(section).key(key), e.getMessage());
                }
            }
            deploy.put(section, copy);
        }
    }
}
