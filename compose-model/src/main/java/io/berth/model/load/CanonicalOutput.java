package io.berth.model.load;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;

/** The tree {@code config} prints: keys in name order, only enabled services, no loader-only keys. */
final class CanonicalOutput {
    private CanonicalOutput() {
    }

    static Map<String, Object> of(String projectName, Map<String, Object> tree, Map<String, Object> services) {
        Map<String, Object> out = new TreeMap<>();
        tree.forEach((key, value) -> {
            if (!key.equals("version") && !key.equals("include") && !key.equals("services")) {
                out.put(key, value);
            }
        });
        out.put("name", projectName);
        Map<String, Object> sortedServices = new TreeMap<>();
        services.forEach((name, service) -> sortedServices.put(name, new TreeMap<>(withoutEmpty(Values.map(service), true))));
        out.put("services", new LinkedHashMap<>(sortedServices));
        return new LinkedHashMap<>(out);
    }

    /** Mappings that Compose leaves out when empty (Go maps with omitempty); empty lists are left out too. */
    private static final java.util.Set<String> OMITTED_WHEN_EMPTY = java.util.Set.of("environment", "labels",
            "annotations", "sysctls", "ulimits", "depends_on", "extra_hosts", "args", "options", "driver_opts",
            "storage_opt", "additional_contexts");

    /**
     * The service without its empty lists and empty map-typed attributes, as Compose prints it
     * ({@code ports: []} is not printed); command and entrypoint stay ({@code command: []} means none).
     */
    static Map<String, Object> withoutEmpty(Map<String, Object> fields, boolean serviceLevel) {
        Map<String, Object> out = new LinkedHashMap<>();
        fields.forEach((key, value) -> {
            if (key.startsWith("x-") || serviceLevel && (key.equals("command") || key.equals("entrypoint"))) {
                out.put(key, value);
            } else if (value instanceof List<?> list && list.isEmpty()
                    || value instanceof Map<?, ?> map && map.isEmpty() && OMITTED_WHEN_EMPTY.contains(key)) {
                return;
            } else if (value instanceof Map<?, ?> map) {
                out.put(key, withoutEmpty(Values.map(map), false));
            } else if (value instanceof List<?> list) {
                List<Object> items = new ArrayList<>();
                list.forEach(item -> items.add(item instanceof Map<?, ?> map ? withoutEmpty(Values.map(map), false) : item));
                out.put(key, items);
            } else {
                out.put(key, value);
            }
        });
        return out;
    }

    /** bind.create_host_path: false is a plain boolean in compose-go: not printed (the model keeps it). */
    private static List<Object> withoutFalseCreateHostPath(List<?> volumes) {
        List<Object> out = new ArrayList<>();
        for (Object volume : volumes) {
            if (volume instanceof Map<?, ?> map && map.get("bind") instanceof Map<?, ?> bind
                    && Boolean.FALSE.equals(bind.get("create_host_path"))) {
                Map<String, Object> options = new LinkedHashMap<>(Values.map(bind));
                options.remove("create_host_path");
                Map<String, Object> copy = new LinkedHashMap<>(Values.map(map));
                copy.put("bind", options);
                out.add(copy);
            } else {
                out.add(volume);
            }
        }
        return out;
    }

    private static final java.util.Set<String> ZERO_OMITTED = java.util.Set.of("cpu_count", "cpu_percent", "cpu_period",
            "cpu_quota", "cpu_rt_period", "cpu_rt_runtime", "cpu_shares", "cpus", "mem_limit", "mem_reservation",
            "memswap_limit", "mem_swappiness", "oom_score_adj", "pids_limit", "shm_size");

    /** config prints env files folded into the environment, not the files (compose's WithDiscardEnvFile). */
    static Map<String, Object> withoutEnvFiles(Map<String, Object> tree) {
        Map<String, Object> out = new LinkedHashMap<>(tree);
        Map<String, Object> services = new LinkedHashMap<>();
        Values.map(tree.get("services")).forEach((name, service) -> {
            Map<String, Object> copy = new LinkedHashMap<>(Values.map(service));
            copy.remove("env_file");
            ZERO_OMITTED.forEach(key -> {
                if (copy.get(key) != null && Values.text(copy.get(key)).equals("0")) {
                    copy.remove(key); // plain numbers in compose-go, not printed when 0 (the model keeps them)
                }
            });
            if (copy.get("volumes") instanceof List<?> volumes) {
                copy.put("volumes", withoutFalseCreateHostPath(volumes));
            }
            services.put(name, copy);
        });
        out.put("services", services);
        return out;
    }
}
