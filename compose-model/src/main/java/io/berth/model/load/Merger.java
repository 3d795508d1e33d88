package io.berth.model.load;

import io.berth.model.tree.ComposePath;
import io.berth.model.yaml.Tagged;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.function.Function;

/**
 * Merge phase: an override file onto a base, by the Compose Specification's rules (compose-go
 * {@code override/merge.go}): mappings merge key by key, {@code command}/{@code entrypoint}/
 * {@code healthcheck.test}/{@code profiles} are replaced, sequences append without duplicates, some
 * merge by a key (volumes by target, secrets/configs by target); {@code !reset} removes,
 * {@code !override} replaces. Works on canonical trees, so each attribute has one shape.
 */
final class Merger {
    private Merger() {
    }

    static Map<String, Object> merge(Map<String, Object> base, Map<String, Object> override) {
        return Values.map(value(base, override, ComposePath.ROOT));
    }

    /** Strips the merge tags of a tree that nothing was merged onto. */
    static Object untag(Object value) {
        if (value instanceof Tagged tagged) {
            return tagged.tag().equals(Tagged.RESET) ? null : untag(tagged.value());
        }
        if (value instanceof Map<?, ?> map) {
            Map<String, Object> out = new LinkedHashMap<>();
            Values.map(map).forEach((key, item) -> {
                if (!(item instanceof Tagged tagged && tagged.tag().equals(Tagged.RESET))) {
                    out.put(key, untag(item));
                }
            });
            return out;
        }
        if (value instanceof List<?> list) {
            List<Object> out = new ArrayList<>();
            list.forEach(item -> out.add(untag(item)));
            return out;
        }
        return value;
    }

    private static Object value(Object base, Object override, ComposePath path) {
        if (override instanceof Tagged tagged) {
            return tagged.tag().equals(Tagged.RESET) ? null : untag(tagged.value());
        }
        if (base == null) {
            return untag(override);
        }
        if (override == null) {
            return base;
        }
        if (isReplaced(path)) {
            return untag(override);
        }
        if (base instanceof Map<?, ?> baseMap && override instanceof Map<?, ?> overrideMap) {
            if (path.matches("services.*.logging") && !Objects.equals(baseMap.get("driver"), overrideMap.get("driver"))
                    && overrideMap.get("driver") != null) {
                return untag(override);
            }
            Map<String, Object> out = new LinkedHashMap<>(Values.map(baseMap));
            Values.map(overrideMap).forEach((key, item) -> {
                if (item instanceof Tagged tagged && tagged.tag().equals(Tagged.RESET)) {
                    out.remove(key);
                } else if (path.matches("services.*.ulimits") || path.matches("services.*.environment")
                        || path.matches("services.*.labels")) {
                    out.put(key, untag(item));
                } else {
                    out.put(key, value(out.get(key), item, path.key(key)));
                }
            });
            return out;
        }
        if (base instanceof List<?> baseList && override instanceof List<?> overrideList) {
            if (path.matches("services.*.volumes")) {
                return byKey(baseList, overrideList, entry -> entry instanceof Map<?, ?> map ? map.get("target") : entry);
            }
            if (path.matches("services.*.secrets") || path.matches("services.*.configs")) {
                return byKey(baseList, overrideList, entry -> entry instanceof Map<?, ?> map
                        ? (map.get("target") != null ? map.get("target") : map.get("source")) : entry);
            }
            List<Object> out = new ArrayList<>(baseList);
            for (Object item : overrideList) {
                Object plain = untag(item);
                if (!out.contains(plain)) {
                    out.add(plain);
                }
            }
            return out;
        }
        return untag(override);
    }

    private static boolean isReplaced(ComposePath path) {
        return path.matches("services.*.command") || path.matches("services.*.entrypoint")
                || path.matches("services.*.healthcheck.test") || path.matches("services.*.profiles")
                || path.matches("services.*.build.dockerfile") || path.matches("services.*.image");
    }

    private static List<Object> byKey(List<?> base, List<?> override, Function<Object, Object> keyOf) {
        Map<Object, Object> merged = new LinkedHashMap<>();
        base.forEach(entry -> merged.put(keyOf.apply(entry), entry));
        override.forEach(entry -> {
            Object plain = untag(entry);
            merged.merge(keyOf.apply(plain), plain, (old, replacement) -> replacement);
        });
        return new ArrayList<>(merged.values());
    }
}
