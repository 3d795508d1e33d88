package io.berth.engine.support;

import io.berth.model.Project;
import io.berth.model.Service;
import java.util.ArrayList;
import java.util.Collection;
import java.util.List;
import java.util.Locale;
import java.util.Set;

/**
 * The attributes a service sets that Berth does not implement, from {@link SupportTable} and, for
 * the attributes whose support depends on the value, from the value: one message per service and
 * key, split into warnings and refusals.
 */
public final class UnsupportedKeys {
    private static final Set<String> LOG_DRIVERS = Set.of("json-file", "local", "none");
    private static final Set<String> LOG_OPTIONS = Set.of("max-size", "max-file");

    /** Warnings to print; refusals that stop up, create and run (all of them at once). */
    public record Report(List<String> warnings, List<String> refusals) {
        public Report {
            warnings = List.copyOf(warnings);
            refusals = List.copyOf(refusals);
        }
    }

    private UnsupportedKeys() {
    }

    /** The services named and their dependencies (all of the project's when none is named), in name order. */
    public static Report check(Project project, Collection<String> serviceNames) {
        List<String> warnings = new ArrayList<>();
        List<String> refusals = new ArrayList<>();
        Set<String> selected = new java.util.HashSet<>();
        java.util.Deque<String> pending = new java.util.ArrayDeque<>(serviceNames);
        while (!pending.isEmpty()) {
            Service service = project.services().get(pending.pop());
            if (service != null && selected.add(service.name())) {
                pending.addAll(service.dependsOn().keySet());
            }
        }
        project.services().values().stream()
                .filter(service -> serviceNames.isEmpty() || selected.contains(service.name()))
                .sorted(java.util.Comparator.comparing(Service::name))
                .forEach(service -> check(service, warnings, refusals));
        return new Report(warnings, refusals);
    }

    static void check(Service service, List<String> warnings, List<String> refusals) {
        service.attributes().forEach((key, text) -> {
            KeySupport support = SupportTable.of(key);
            if (support == null || key.startsWith("build.")) {
                return; // build's keys are the builder's; unknown keys were refused by the model
            }
            String refused = byValue(service, key, text);
            if (refused != null) {
                refusals.add(new KeySupport(key, KeySupport.Level.REFUSE, refused).message(service.name()));
            } else if (support.level() == KeySupport.Level.WARN && !harmless(service, key)) {
                warnings.add(support.message(service.name()));
            } else if (support.level() == KeySupport.Level.REFUSE && !harmless(service, key)) {
                refusals.add(support.message(service.name()));
            }
        });
        String driver = service.logging() == null ? null : service.logging().driver();
        if (driver != null && !LOG_DRIVERS.contains(driver)) {
            warnings.add(new KeySupport("logging.driver", KeySupport.Level.WARN, "\"" + driver
                    + "\": logs are kept by Berth as with json-file; berth logs shows them").message(service.name()));
        }
        if (service.logging() != null) {
            service.logging().options().keySet().stream().filter(option -> !LOG_OPTIONS.contains(option)).sorted()
                    .forEach(option -> warnings.add(new KeySupport("logging.options." + option, KeySupport.Level.WARN,
                            "only max-size and max-file are").message(service.name())));
        }
    }

    /** A set key whose value asks for nothing: init: false, an empty list. */
    private static boolean harmless(Service service, String key) {
        return switch (key) {
            case "init" -> !Boolean.TRUE.equals(service.init());
            default -> false;
        };
    }

    /** The rules not of the form TYPE MAJOR:MINOR ACCESS, in one message; null when all are well formed. */
    private static String malformedRules(Service service) {
        List<String> problems = new ArrayList<>();
        for (String rule : service.deviceCgroupRules()) {
            try {
                io.berth.runtime.DeviceCgroupRule.parse(rule);
            } catch (IllegalArgumentException e) {
                problems.add(e.getMessage());
            }
        }
        return problems.isEmpty() ? null : "device_cgroup_rules: " + String.join("; ", problems);
    }

    /** Why a value of an attribute that otherwise works is refused; null when it is supported. */
    private static String byValue(Service service, String key, String text) {
        return switch (key) {
            case "cgroup" -> "host".equals(text) ? "cgroup: host: containers always get a cgroup namespace of their own" : null;
            case "uts" -> "host".equals(text) ? "uts: host: containers always get a UTS namespace of their own" : null;
            case "userns_mode" -> text == null || text.isEmpty() || "host".equals(text) ? null
                    : "userns_mode: " + text + ": Berth uses no user namespaces";
            case "ipc" -> null; // private, shareable, host, service:x, container:x all work
            case "pid" -> null; // host, service:x, container:x all work
            case "device_cgroup_rules" -> malformedRules(service);
            case "platform" -> HostPlatform.matches(text) ? null
                    : "platform: " + text + ": only the host's platform (" + HostPlatform.name() + ") can run";
            default -> null;
        };
    }
}
