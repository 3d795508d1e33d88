package io.berth.model.load;

import java.util.Collection;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * Profiles phase: a service with profiles runs only when one of them is active ({@code *} activates
 * all) or when it is named on the command line; services without profiles always run.
 */
final class Profiles {
    private Profiles() {
    }

    record Split(Map<String, Object> enabled, Map<String, Object> disabled) {
    }

    static Split split(Map<String, Object> services, Collection<String> active, Collection<String> requested) {
        Map<String, Object> enabled = new LinkedHashMap<>();
        Map<String, Object> disabled = new LinkedHashMap<>();
        services.forEach((name, value) -> {
            List<?> profiles = value instanceof Map<?, ?> map && map.get("profiles") instanceof List<?> list ? list : List.of();
            boolean on = profiles.isEmpty() || requested.contains(name) || active.contains("*")
                    || profiles.stream().anyMatch(active::contains);
            (on ? enabled : disabled).put(name, value);
        });
        return new Split(enabled, disabled);
    }
}
