package io.berth.engine.convert;

import io.berth.engine.DesiredService;
import io.berth.engine.ServiceDependency;
import java.util.ArrayList;
import java.util.List;
import java.util.SortedMap;
import java.util.SortedSet;
import java.util.TreeMap;
import java.util.TreeSet;

/**
 * The {@code com.docker.compose.depends_on} label, as Docker Compose writes it:
 * "db:service_started:false,cache:service_healthy:true" (service:condition:restart), sorted.
 * Implicit dependencies (links, volumes_from, service: namespaces) are listed as service_started.
 */
public final class DependsOnLabel {
    private DependsOnLabel() {
    }

    public static String of(DesiredService service) {
        List<String> parts = new ArrayList<>();
        for (String dependency : service.dependencies()) {
            boolean restart = service.dependsOn().stream()
                    .anyMatch(entry -> entry.service().equals(dependency) && entry.restart());
            parts.add(dependency + ":" + service.conditionOn(dependency).composeName() + ":" + restart);
        }
        return String.join(",", parts);
    }

    public static String of(List<ServiceDependency> dependencies) {
        return String.join(",", dependencies.stream()
                .map(dependency -> dependency.service() + ":" + dependency.condition().composeName() + ":"
                        + dependency.restart())
                .sorted().toList());
    }

    public static SortedSet<String> services(String label) {
        SortedSet<String> services = new TreeSet<>();
        if (label == null || label.isBlank()) {
            return services;
        }
        for (String part : label.split(",")) {
            String service = part.split(":", 2)[0].trim();
            if (!service.isEmpty()) {
                services.add(service);
            }
        }
        return services;
    }

    /** service -> condition as written, for the entries that name one ("db:service_healthy:false"). */
    public static SortedMap<String, String> conditions(String label) {
        SortedMap<String, String> conditions = new TreeMap<>();
        if (label == null || label.isBlank()) {
            return conditions;
        }
        for (String part : label.split(",")) {
            String[] fields = part.split(":");
            if (fields.length >= 2) {
                conditions.put(fields[0], fields[1]);
            }
        }
        return conditions;
    }
}
