package io.berth.model.load;

import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * The networks, volumes, secrets and configs that enabled services use. Compose keeps only these
 * ({@code WithoutUnnecessaryResources}): a declared but unused network is neither printed nor created.
 */
record UsedResources(Map<String, Set<String>> byKind) {
    static UsedResources of(Map<String, Object> services) {
        Map<String, Set<String>> used = new HashMap<>();
        for (String kind : List.of("networks", "volumes", "secrets", "configs")) {
            used.put(kind, new HashSet<>());
        }
        services.values().forEach(value -> {
            Map<String, Object> service = Values.map(value);
            if (service.get("networks") instanceof Map<?, ?> networks) {
                networks.keySet().forEach(name -> used.get("networks").add(String.valueOf(name)));
            }
            if (service.get("volumes") instanceof List<?> volumes) {
                for (Object volume : volumes) {
                    if (volume instanceof Map<?, ?> mount && "volume".equals(mount.get("type")) && mount.get("source") != null) {
                        used.get("volumes").add(String.valueOf(mount.get("source")));
                    }
                }
            }
            if (service.get("build") instanceof Map<?, ?> build && build.get("secrets") instanceof List<?> references) {
                // a build secret keeps its declaration too (compose-go counts it as used)
                for (Object reference : references) {
                    if (reference instanceof Map<?, ?> fields && fields.get("source") != null) {
                        used.get("secrets").add(String.valueOf(fields.get("source")));
                    }
                }
            }
            for (String kind : List.of("secrets", "configs")) {
                if (service.get(kind) instanceof List<?> references) {
                    for (Object reference : references) {
                        if (reference instanceof Map<?, ?> fields && fields.get("source") != null) {
                            used.get(kind).add(String.valueOf(fields.get("source")));
                        }
                    }
                }
            }
        });
        return new UsedResources(used);
    }

    boolean uses(String kind, String name) {
        return byKind.get(kind).contains(name);
    }
}
