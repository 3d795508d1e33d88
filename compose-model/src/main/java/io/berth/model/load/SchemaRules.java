package io.berth.model.load;

import io.berth.model.tree.ComposePath;
import io.berth.model.tree.Problems;
import io.berth.model.yaml.Tagged;
import java.util.List;
import java.util.Map;

/**
 * The Compose schema's rules that the typed phase does not see, checked on each file as written
 * (after interpolation, before the short syntaxes are rewritten), as compose-go checks its schema:
 * required keys, enumerations, bounds, and the few decoding rules Compose adds (device counts).
 */
final class SchemaRules {
    private static final List<String> WATCH_ACTIONS = List.of("rebuild", "sync", "restart", "sync+restart", "sync+exec");

    /** Keys of services, networks, volumes, secrets and configs, as the schema's patternProperties. */
    private static final java.util.regex.Pattern NAME = java.util.regex.Pattern.compile("[a-zA-Z0-9._-]+");

    private final Problems problems;

    SchemaRules(Problems problems) {
        this.problems = problems;
    }

    void check(Map<String, Object> tree) {
        Unicity.check(tree, ComposePath.ROOT, problems);
        finiteNumbers(tree, ComposePath.ROOT);
        for (String section : List.of("services", "networks", "volumes", "secrets", "configs")) {
            if (tree.get(section) instanceof Map<?, ?> entries) {
                Values.map(entries).keySet().stream().filter(name -> !NAME.matcher(name).matches()).forEach(name ->
                        problems.add(ComposePath.ROOT.key(section).key(name), "invalid name \"" + name
                                + "\" (the Compose schema allows letters, digits, '.', '_' and '-')"));
            }
        }
        if (tree.get("services") instanceof Map<?, ?> services) {
            Values.map(services).forEach((name, value) -> {
                Object plain = value instanceof Tagged tagged ? tagged.value() : value;
                if (plain instanceof Map<?, ?> service) {
                    service(Values.map(service), ComposePath.ROOT.key("services").key(name));
                }
            });
        }
    }

    private void service(Map<String, Object> service, ComposePath at) {
        bounded(service, at, "cpu_percent", 0, 100);
        bounded(service, at, "oom_score_adj", -1000, 1000);
        bounded(service, at, "cpu_count", 0, Long.MAX_VALUE);
        if (service.get("develop") instanceof Map<?, ?> develop) {
            eachMapping(develop.get("watch"), at.key("develop").key("watch"), (rule, path) -> {
                required(rule, path, "path", "action");
                if (rule.get("action") instanceof String action && !WATCH_ACTIONS.contains(action)) {
                    problems.add(path.key("action"), "invalid action \"" + action + "\" (expected one of "
                            + String.join(", ", WATCH_ACTIONS) + ")");
                }
            });
        }
        if (service.get("deploy") instanceof Map<?, ?> deploy && deploy.get("resources") instanceof Map<?, ?> resources
                && resources.get("reservations") instanceof Map<?, ?> reservations) {
            ComposePath devices = at.key("deploy").key("resources").key("reservations").key("devices");
            eachMapping(reservations.get("devices"), devices, (device, path) -> {
                required(device, path, "capabilities");
                deviceRequest(device, path);
            });
        }
        if (service.get("gpus") instanceof String gpus && !gpus.equals("all")) {
            problems.add(at.key("gpus"), "invalid value \"" + gpus + "\" (expected all, or a list of device requests)");
        }
        eachMapping(service.get("gpus"), at.key("gpus"), this::deviceRequest);
        eachMapping(service.get("volumes"), at.key("volumes"), (volume, path) -> {
            required(volume, path, "type");
            if ("bind".equals(volume.get("type")) && !volume.containsKey("source")) {
                problems.add(path, "a bind mount needs a source (the path on the host)");
            }
            if (volume.get("tmpfs") instanceof Map<?, ?> tmpfs && tmpfs.get("size") instanceof Number size
                    && size.doubleValue() < 0) {
                problems.add(path.key("tmpfs").key("size"), "must be greater than or equal to 0, got " + Values.text(size));
            }
        });
        if (service.get("networks") instanceof Map<?, ?> networks) {
            Values.map(networks).forEach((name, network) -> {
                if (network instanceof Map<?, ?> settings) {
                    for (String key : List.of("ipv4_address", "ipv6_address")) {
                        Object address = settings.get(key);
                        if (address != null && !(address instanceof String)) {
                            problems.add(at.key("networks").key(name).key(key), "must be a string, got "
                                    + Values.text(address) + " (quote it)");
                        }
                    }
                }
            });
        }
        eachMapping(service.get("devices"), at.key("devices"), (device, path) -> required(device, path, "source"));
        eachMapping(service.get("ports"), at.key("ports"), (port, path) -> {
            for (String key : List.of("published", "target", "host_ip")) {
                if (port.get(key) instanceof Map || port.get(key) instanceof List) {
                    problems.add(path.key(key), "must be a string or a number");
                }
            }
        });
        for (String hook : List.of("post_start", "pre_stop")) {
            eachMapping(service.get(hook), at.key(hook), (entry, path) -> {
                if (entry.get("command") == null) {
                    problems.add(path, "\"command\" is required (the command the hook runs in the container)");
                }
            });
        }
        eachMapping(service.get("env_file"), at.key("env_file"), (file, path) -> required(file, path, "path"));
        if (service.get("extends") instanceof Map<?, ?> extended) {
            required(Values.map(extended), at.key("extends"), "service");
        }
        if (service.get("ulimits") instanceof Map<?, ?> ulimits) {
            Values.map(ulimits).forEach((name, limit) -> {
                if (limit instanceof Map<?, ?> range) {
                    required(Values.map(range), at.key("ulimits").key(name), "soft", "hard");
                }
            });
        }
    }

    /** count is a number or "all", and excludes device_ids (compose-go's DeviceRequest decoding and validation). */
    private void deviceRequest(Map<String, Object> device, ComposePath path) {
        Object count = device.get("count");
        if (count != null && !"all".equals(count) && Values.integer(count) == null) {
            problems.add(path.key("count"), "invalid value \"" + Values.text(count) + "\" (expected a number or all)");
        }
        if (count != null && device.get("device_ids") != null) {
            problems.add(path, "count and device_ids cannot be combined (use one of them)");
        }
    }

    private void bounded(Map<String, Object> service, ComposePath at, String key, long minimum, long maximum) {
        if (service.get(key) instanceof Number number) {
            if (number.doubleValue() < minimum) {
                problems.add(at.key(key), "must be greater than or equal to " + minimum + ", got " + Values.text(number));
            } else if (number.doubleValue() > maximum) {
                problems.add(at.key(key), "must be less than or equal to " + maximum + ", got " + Values.text(number));
            }
        }
    }

    /** YAML's .inf, .nan and numbers past a double's range (1e309): Compose cannot read them either. */
    private void finiteNumbers(Object value, ComposePath at) {
        Object plain = value instanceof Tagged tagged ? tagged.value() : value;
        if (plain instanceof Double number && (number.isNaN() || number.isInfinite())) {
            problems.add(at, number.isNaN() ? "NaN is not a number Compose accepts (write a number)"
                    : "number out of range (larger than a 64-bit float holds; write a smaller value)");
        } else if (plain instanceof Map<?, ?> map) {
            Values.map(map).forEach((key, item) -> finiteNumbers(item, at.key(key)));
        } else if (plain instanceof List<?> list) {
            for (int i = 0; i < list.size(); i++) {
                finiteNumbers(list.get(i), at.index(i));
            }
        }
    }

    private void required(Map<String, Object> holder, ComposePath path, String... keys) {
        for (String key : keys) {
            if (!holder.containsKey(key)) {
                problems.add(path, "\"" + key + "\" is required");
            }
        }
    }

    private interface MappingRule {
        void apply(Map<String, Object> entry, ComposePath path);
    }

    private static void eachMapping(Object value, ComposePath at, MappingRule rule) {
        if (value instanceof List<?> entries) {
            for (int i = 0; i < entries.size(); i++) {
                if (entries.get(i) instanceof Map<?, ?> entry) {
                    rule.apply(Values.map(entry), at.index(i));
                }
            }
        }
    }
}
