package io.berth.model.load;

import io.berth.model.tree.ComposePath;
import io.berth.model.tree.Problems;
import io.berth.model.yaml.Tagged;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.function.Function;

/**
 * Lists whose entries Compose keeps unique. Some are de-duplicated by a key (a later entry replaces
 * the earlier one in its place: compose-go's {@code override/uncity.go}, as Docker Compose 2.26.1 ships
 * it, without extra_hosts); the others must not repeat an entry at all (the schema's
 * {@code uniqueItems}): {@code depends_on: [db, db]} is refused.
 */
final class Unicity {
    private static final Map<String, Function<Object, String>> DEDUPLICATED = new LinkedHashMap<>();
    /** The schema's uniqueItems lists that are not de-duplicated first. */
    private static final List<String> MUST_BE_UNIQUE = List.of("services.*.depends_on", "services.*.extra_hosts",
            "services.*.networks", "services.*.volumes_from", "services.*.external_links", "services.*.group_add",
            "services.*.device_cgroup_rules", "services.*.build.ssh", "services.*.gpus.[].capabilities",
            "services.*.gpus.[].device_ids", "services.*.deploy.resources.reservations.devices.[].capabilities",
            "services.*.deploy.resources.reservations.devices.[].device_ids", "services.*.security_opt",
            "volumes.*.labels", "secrets.*.labels", "configs.*.labels");

    static {
        for (String keyValue : List.of("networks.*.labels", "networks.*.ipam.options", "services.*.annotations",
                "services.*.build.args", "services.*.build.additional_contexts", "services.*.build.extra_hosts",
                "services.*.build.platforms", "services.*.build.tags", "services.*.build.labels", "services.*.cap_add",
                "services.*.cap_drop", "services.*.deploy.labels", "services.*.dns", "services.*.dns_opt",
                "services.*.dns_search", "services.*.environment", "services.*.labels", "services.*.links",
                "services.*.networks.*.aliases", "services.*.networks.*.link_local_ips", "services.*.profiles",
                "services.*.sysctls", "services.*.tmpfs")) {
            DEDUPLICATED.put(keyValue, Unicity::keyOfKeyValue);
        }
        DEDUPLICATED.put("services.*.devices", Unicity::target);
        DEDUPLICATED.put("services.*.volumes", Unicity::target);
        DEDUPLICATED.put("services.*.expose", Values::text);
        DEDUPLICATED.put("services.*.ports", Unicity::port);
        DEDUPLICATED.put("services.*.secrets", entry -> mount(entry, "/run/secrets"));
        DEDUPLICATED.put("services.*.configs", entry -> mount(entry, ""));
        DEDUPLICATED.put("services.*.env_file", entry -> entry instanceof Map<?, ?> map ? Values.text(map.get("path")) : Values.text(entry));
    }

    private Unicity() {
    }

    /**
     * Unique lists of plain strings that Compose appends when it merges files, without de-duplicating
     * them: an entry repeated by an override file is refused, as Compose refuses it ({@link Merger} keeps
     * the repeat, {@link #checkMerged} reports it).
     */
    static final List<String> APPENDED = List.of("services.*.volumes_from", "services.*.external_links",
            "services.*.group_add", "services.*.device_cgroup_rules", "services.*.security_opt");

    /** Refuses a repeated entry in a list that must be unique (checked before {@link #deduplicate}). */
    static void check(Object value, ComposePath path, Problems problems) {
        check(value, path, problems, MUST_BE_UNIQUE);
    }

    /** Refuses an entry that an override file repeats in a list of {@link #APPENDED}. */
    static void checkMerged(Map<String, Object> tree, Problems problems) {
        check(tree, ComposePath.ROOT, problems, APPENDED);
    }

    private static void check(Object value, ComposePath path, Problems problems, List<String> unique) {
        Object plain = value instanceof Tagged tagged ? tagged.value() : value;
        if (plain instanceof Map<?, ?> map) {
            Values.map(map).forEach((key, item) -> {
                if (!key.startsWith("x-")) {
                    check(item, path.key(key), problems, unique);
                }
            });
        } else if (plain instanceof List<?> list) {
            if (unique.stream().anyMatch(path::matches)) {
                for (int i = 0; i < list.size(); i++) {
                    int first = list.indexOf(list.get(i));
                    if (first < i) {
                        problems.add(path.index(i), "duplicate entry " + describe(list.get(i)) + " (the same as ["
                                + first + "]; entries must be unique)");
                    }
                }
            }
            for (int i = 0; i < list.size(); i++) {
                check(list.get(i), path.index(i), problems, unique);
            }
        }
    }

    /** The tree with every de-duplicated list reduced: a later entry with the same key replaces the first. */
    static Object deduplicate(Object value, ComposePath path) {
        if (value instanceof Tagged tagged) {
            return new Tagged(tagged.tag(), deduplicate(tagged.value(), path));
        }
        if (value instanceof Map<?, ?> map) {
            Map<String, Object> out = new LinkedHashMap<>();
            Values.map(map).forEach((key, item) -> out.put(key, key.startsWith("x-") ? item : deduplicate(item, path.key(key))));
            return out;
        }
        if (value instanceof List<?> list) {
            Function<Object, String> keyOf = DEDUPLICATED.entrySet().stream().filter(rule -> path.matches(rule.getKey()))
                    .map(Map.Entry::getValue).findFirst().orElse(null);
            if (keyOf == null) {
                return value;
            }
            Map<String, Object> byKey = new LinkedHashMap<>();
            List<Object> unkeyed = new ArrayList<>();
            for (Object entry : list) {
                String key = entry == null ? null : keyOf.apply(entry instanceof Tagged tagged ? tagged.value() : entry);
                if (key == null) {
                    unkeyed.add(entry);
                } else {
                    byKey.put(key, entry);
                }
            }
            if (byKey.size() + unkeyed.size() == list.size()) {
                return value;
            }
            List<Object> out = new ArrayList<>(byKey.values());
            out.addAll(unkeyed);
            return out;
        }
        return value;
    }

    private static String describe(Object entry) {
        return Values.isScalar(entry) ? "\"" + Values.text(entry) + "\"" : String.valueOf(entry);
    }

    private static String keyOfKeyValue(Object entry) {
        if (!Values.isScalar(entry)) {
            return null;
        }
        String text = Values.text(entry);
        int equals = text.indexOf('=');
        return equals < 0 ? text : text.substring(0, equals);
    }

    private static String target(Object entry) {
        if (entry instanceof Map<?, ?> map) {
            return map.get("target") == null ? null : Values.text(map.get("target"));
        }
        if (!Values.isScalar(entry)) {
            return null;
        }
        String[] parts = Values.text(entry).split(":");
        return parts.length > 1 ? parts[1] : parts[0];
    }

    private static String port(Object entry) {
        if (entry instanceof Map<?, ?> map) {
            if (map.get("target") == null) {
                return null;
            }
            return (map.get("host_ip") == null ? "0.0.0.0" : Values.text(map.get("host_ip"))) + ":"
                    + Values.text(map.get("published")) + ":" + Values.text(map.get("target")) + "/"
                    + (map.get("protocol") == null ? "tcp" : Values.text(map.get("protocol")));
        }
        return Values.isScalar(entry) ? Values.text(entry) : null;
    }

    private static String mount(Object entry, String defaultDirectory) {
        if (entry instanceof Map<?, ?> map) {
            return map.get("target") != null ? Values.text(map.get("target")) : defaultDirectory + "/" + Values.text(map.get("source"));
        }
        return Values.isScalar(entry) ? defaultDirectory + "/" + Values.text(entry) : null;
    }
}
