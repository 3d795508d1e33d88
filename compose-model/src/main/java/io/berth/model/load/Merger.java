package io.berth.model.load;

import io.berth.model.tree.ComposePath;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.function.Function;

/**
 * Merge phase: an override file onto a base, by the Compose Specification's rules (compose-go
 * {@code override/merge.go}): mappings merge key by key, {@code command}/{@code entrypoint}/
 * {@code healthcheck.test} are replaced (profiles append, as Compose 2.26 does), sequences append without duplicates, some
 * merge by a key (volumes by target, secrets/configs by target); {@code !reset} and {@code !override}
 * are applied before, by {@link Directives}. Works on canonical trees, so each attribute has one shape.
 */
final class Merger {
    /** Key=value attributes that compose-go merges into a sequence (mergeToSequence): see {@link ListWritten}. */
    private static final List<String> SEQUENCE_MERGED = List.of("services.*.environment", "services.*.labels",
            "services.*.annotations", "services.*.sysctls", "services.*.build.args", "services.*.build.labels",
            "services.*.build.additional_contexts", "services.*.deploy.labels", "networks.*.labels", "volumes.*.labels");

    private Merger() {
    }

    static Map<String, Object> merge(Map<String, Object> base, Map<String, Object> override) {
        return Values.map(value(base, override, ComposePath.ROOT));
    }

    /**
     * Merges a file (or document, or extending service) onto a base after removing from the base what
     * the file's {@code !reset}/{@code !override} tags name ({@link Directives}).
     */
    static Map<String, Object> merge(Map<String, Object> base, Map<String, Object> override,
            java.util.Set<ComposePath> directives, boolean writtenShapes) {
        return merge(Directives.apply(base, directives, writtenShapes), override);
    }

    /** A deep copy that keeps which mappings Compose holds as lists. */
    static Object copy(Object value) {
        if (value instanceof Map<?, ?> map) {
            Map<String, Object> out = map instanceof ListWritten ? new ListWritten(Map.of()) : new LinkedHashMap<>();
            Values.map(map).forEach((key, item) -> out.put(key, copy(item)));
            return out;
        }
        if (value instanceof List<?> list) {
            List<Object> out = new ArrayList<>();
            list.forEach(item -> out.add(copy(item)));
            return out;
        }
        return value;
    }

    private static Object value(Object base, Object override, ComposePath path) {
        if (base == null) {
            return copy(override);
        }
        if (override == null) {
            // an explicit null replaces command, entrypoint and healthcheck.test (compose-go's override rule
            // runs before its nil check); elsewhere it keeps the base
            boolean cleared = path.matches("services.*.command") || path.matches("services.*.entrypoint")
                    || path.matches("services.*.healthcheck.test");
            return cleared ? null : base;
        }
        if (isReplaced(path)) {
            return copy(override);
        }
        if (base instanceof Map<?, ?> baseMap && override instanceof Map<?, ?> overrideMap) {
            if (path.matches("services.*.logging") && !Objects.equals(baseMap.get("driver"), overrideMap.get("driver"))
                    && overrideMap.get("driver") != null && baseMap.get("driver") != null) {
                // options merge unless both files name a driver and the drivers differ (compose-go's mergeLogging)
                return copy(override);
            }
            Map<String, Object> out = new LinkedHashMap<>(Values.map(baseMap));
            Values.map(overrideMap).forEach((key, item) -> {
                if (key.startsWith("x-") || path.matches("services.*.ulimits")
                        || path.matches("services.*.environment") || path.matches("services.*.labels")) {
                    // extensions are replaced whole, as compose-go's mergeMappings does
                    out.put(key, copy(item));
                } else {
                    out.put(key, value(out.get(key), item, path.key(key)));
                }
            });
            return SEQUENCE_MERGED.stream().anyMatch(path::matches) ? new ListWritten(out) : out;
        }
        if (base instanceof List<?> baseList && override instanceof List<?> overrideList) {
            if (path.matches("services.*.volumes")) {
                return byKey(baseList, overrideList, entry -> entry instanceof Map<?, ?> map ? map.get("target") : entry);
            }
            if (path.matches("services.*.secrets") || path.matches("services.*.configs")) {
                return byKey(baseList, overrideList, entry -> entry instanceof Map<?, ?> map
                        ? (map.get("target") != null ? map.get("target") : map.get("source")) : entry);
            }
            if (path.matches("networks.*.ipam.config")) {
                return ipamConfigs(baseList, overrideList, path);
            }
            List<Object> out = new ArrayList<>(baseList);
            if (Unicity.APPENDED.stream().anyMatch(path::matches)) {
                overrideList.forEach(item -> out.add(copy(item))); // a repeat is refused later, as Compose does
                return out;
            }
            for (Object item : overrideList) {
                Object plain = copy(item);
                if (!out.contains(plain)) {
                    out.add(plain);
                }
            }
            if (path.matches("services.*.extra_hosts")) {
                out.sort((a, b) -> String.valueOf(a).compareTo(String.valueOf(b))); // printed sorted, as compose-go's HostsList
            }
            return out;
        }
        return copy(override);
    }

    /**
     * compose-go's mergeIPAMConfig, quirks included: each base entry is merged with the override's entry
     * of the same subnet; override entries of other subnets are added; a base entry that no override
     * entry names is dropped.
     */
    private static List<Object> ipamConfigs(List<?> base, List<?> override, ComposePath path) {
        List<Object> out = new ArrayList<>();
        for (Object baseEntry : base) {
            Object right = baseEntry;
            for (Object left : override) {
                Object subnet = subnet(left);
                if (!Objects.equals(subnet, subnet(right))) {
                    if (out.stream().noneMatch(entry -> Objects.equals(subnet(entry), subnet))) {
                        out.add(copy(left));
                    }
                    continue;
                }
                right = value(right, left, path.index(0));
                Object merged = right;
                int index = -1;
                for (int i = 0; i < out.size() && index < 0; i++) {
                    index = Objects.equals(subnet(out.get(i)), subnet(merged)) ? i : -1;
                }
                if (index >= 0) {
                    out.set(index, merged);
                } else {
                    out.add(merged);
                }
            }
        }
        return out;
    }

    private static Object subnet(Object entry) {
        return entry instanceof Map<?, ?> map ? map.get("subnet") : null;
    }

    private static boolean isReplaced(ComposePath path) {
        return path.matches("services.*.command") || path.matches("services.*.entrypoint")
                || path.matches("services.*.healthcheck.test")
                || path.matches("services.*.build.dockerfile") || path.matches("services.*.image");
    }

    private static List<Object> byKey(List<?> base, List<?> override, Function<Object, Object> keyOf) {
        Map<Object, Object> merged = new LinkedHashMap<>();
        base.forEach(entry -> merged.put(keyOf.apply(entry), entry));
        override.forEach(entry -> {
            Object plain = copy(entry);
            merged.merge(keyOf.apply(plain), plain, (old, replacement) -> replacement);
        });
        return new ArrayList<>(merged.values());
    }
}
