package io.berth.model.load;

import io.berth.model.tree.ComposePath;
import io.berth.model.tree.Problems;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeSet;
import java.util.regex.Pattern;

/**
 * Validation phase on the normalized tree: references to undefined services, networks, volumes,
 * secrets and configs; dependency cycles; container_name with several replicas; restart policies.
 * Every problem is recorded; nothing stops at the first.
 */
final class Validator {
    private static final Pattern RESTART = Pattern.compile("no|always|unless-stopped|on-failure(:\\d+)?");
    private static final Set<String> CONDITIONS = Set.of("service_started", "service_healthy", "service_completed_successfully");

    private final Map<String, Object> tree;
    private final Map<String, Object> services;
    private final Set<String> allServiceNames;
    private final Problems problems;

    Validator(Map<String, Object> tree, Map<String, Object> services, Set<String> allServiceNames, Problems problems) {
        this.tree = tree;
        this.services = services;
        this.allServiceNames = allServiceNames;
        this.problems = problems;
    }

    void validate() {
        resources();
        services.forEach((name, value) -> service(name, Values.map(value), ComposePath.ROOT.key("services").key(name)));
        new DependencyCycles(services, problems).find();
        Map<String, String> containerNames = new java.util.TreeMap<>();
        new java.util.TreeMap<>(services).forEach((name, value) -> {
            Object containerName = Values.map(value).get("container_name");
            if (containerName != null) {
                String first = containerNames.putIfAbsent(String.valueOf(containerName), name);
                if (first != null) {
                    problems.add(ComposePath.ROOT.key("services").key(name).key("container_name"), "container name \""
                            + containerName + "\" is already used by service \"" + first + "\"");
                }
            }
        });
    }

    private void service(String name, Map<String, Object> service, ComposePath at) {
        if (service.get("image") == null && service.get("build") == null) {
            problems.add(at, "service \"" + name + "\" has neither an image nor a build context specified");
        }
        if (service.get("restart") instanceof String restart && !RESTART.matcher(restart).matches()) {
            problems.add(at.key("restart"), "invalid restart policy \"" + restart
                    + "\" (expected no, always, on-failure[:max-retries] or unless-stopped)");
        }
        if (service.get("pull_policy") instanceof String policy && !io.berth.model.PullPolicy.valid(policy)) {
            problems.add(at.key("pull_policy"), "invalid pull policy \"" + policy + "\" (expected one of "
                    + String.join(", ", new TreeSet<>(io.berth.model.PullPolicy.FIXED))
                    + ", daily, weekly or every_<duration> such as every_12h)");
        }
        Long replicas = replicas(service);
        if (service.get("container_name") != null && replicas != null && replicas > 1) {
            problems.add(at.key("container_name"), "container_name \"" + service.get("container_name")
                    + "\" cannot be used with " + replicas + " replicas (names must be unique)");
        }
        if (service.get("depends_on") instanceof Map<?, ?> dependsOn) {
            Values.map(dependsOn).forEach((dependency, spec) -> {
                Map<String, Object> fields = Values.map(spec);
                if (!CONDITIONS.contains(String.valueOf(fields.get("condition")))) {
                    problems.add(at.key("depends_on").key(dependency).key("condition"), "invalid condition \""
                            + fields.get("condition") + "\" (expected " + String.join(", ", new TreeSet<>(CONDITIONS)) + ")");
                }
                // an optional dependency may be switched off by its profiles, but must exist (as Compose 2.26.1)
                boolean required = !Boolean.FALSE.equals(fields.get("required"));
                if (required ? !services.containsKey(dependency) : !allServiceNames.contains(dependency)) {
                    problems.add(at.key("depends_on").key(dependency), undefined("service", dependency, serviceNames(dependency)));
                }
            });
        }
        if (service.get("networks") instanceof Map<?, ?> networks) {
            for (Object network : networks.keySet()) {
                if (!defined("networks").contains(network)) {
                    problems.add(at.key("networks").key(String.valueOf(network)), undefined("network", String.valueOf(network), defined("networks")));
                }
            }
            if (service.get("network_mode") != null && !networks.isEmpty()) {
                problems.add(at.key("network_mode"), "network_mode and networks cannot be combined");
            }
        }
        if (service.get("volumes") instanceof List<?> volumes) {
            for (int i = 0; i < volumes.size(); i++) {
                Map<String, Object> volume = Values.map(volumes.get(i));
                if ("volume".equals(volume.get("type")) && volume.get("source") instanceof String source
                        && !defined("volumes").contains(source)) {
                    problems.add(at.key("volumes").index(i), undefined("volume", source, defined("volumes")));
                }
                if (volume.get("target") == null || String.valueOf(volume.get("target")).isEmpty()) {
                    problems.add(at.key("volumes").index(i), "a volume needs a target path in the container");
                }
            }
        }
        for (String kind : List.of("secrets", "configs")) {
            if (service.get(kind) instanceof List<?> references) {
                for (int i = 0; i < references.size(); i++) {
                    Object source = Values.map(references.get(i)).get("source");
                    if (!defined(kind).contains(source)) {
                        String singular = kind.substring(0, kind.length() - 1);
                        problems.add(at.key(kind).index(i), undefined(singular, String.valueOf(source), defined(kind)));
                    }
                }
            }
        }
        references(service, at);
        if (service.get("build") instanceof Map<?, ?> build) {
            build(name, service, Values.map(build), at.key("build"));
        }
        distinct(service, at, "cpus", "resources", "limits", "cpus");
        distinct(service, at, "mem_limit", "resources", "limits", "memory");
        distinct(service, at, "mem_reservation", "resources", "reservations", "memory");
        distinct(service, at, "pids_limit", "resources", "limits", "pids");
        distinct(service, at, "scale", "replicas");
        new ContainerLimits(problems).check(service, at);
        AddressCheck.check(service, at, tree.get("networks") instanceof Map<?, ?> networks ? Values.map(networks) : Map.of(),
                problems);
    }

    /**
     * Top-level resources as compose-go checks them: an external volume is made by someone else, so it
     * takes no driver, driver_opts or labels; a secret or config needs a source unless external.
     */
    private void resources() {
        if (tree.get("volumes") instanceof Map<?, ?> volumes) {
            Values.map(volumes).forEach((name, value) -> {
                Map<String, Object> volume = value instanceof Map<?, ?> map ? Values.map(map) : Map.of();
                if (Boolean.TRUE.equals(volume.get("external"))) {
                    for (String key : List.of("driver", "driver_opts", "labels")) {
                        if (volume.get(key) != null) {
                            problems.add(ComposePath.ROOT.key("volumes").key(name).key(key), "conflicting parameters \"external\" and \""
                                    + key + "\" (an external volume is created outside the project: remove " + key + ")");
                        }
                    }
                }
            });
        }
        for (String kind : List.of("secrets", "configs")) {
            if (tree.get(kind) instanceof Map<?, ?> objects) {
                Values.map(objects).forEach((name, value) -> {
                    Map<String, Object> object = value instanceof Map<?, ?> map ? Values.map(map) : Map.of();
                    List<String> sources = kind.equals("secrets") ? List.of("file", "environment") : List.of("file", "environment", "content");
                    if (!Boolean.TRUE.equals(object.get("external")) && sources.stream().noneMatch(object::containsKey)) {
                        problems.add(ComposePath.ROOT.key(kind).key(name), "one of " + String.join(", ", sources)
                                + " must be set (or external: true)");
                    }
                    List<String> given = sources.stream().filter(object::containsKey).toList();
                    if (given.size() > 1) {
                        // also when an override file adds one to another's (Compose 2.26.1 refuses both)
                        problems.add(ComposePath.ROOT.key(kind).key(name), String.join(" and ", given)
                                + " cannot be combined (keep one of them)");
                    }
                });
            }
        }
    }

    /** compose-go's build checks, all of them at once: exclusive keys, undefined secrets and services, platforms. */
    private void build(String name, Map<String, Object> service, Map<String, Object> build, ComposePath at) {
        if (build.get("dockerfile") != null && build.get("dockerfile_inline") != null) {
            problems.add(at.key("dockerfile_inline"), "dockerfile and dockerfile_inline are mutually exclusive (keep one)");
        }
        if (build.get("secrets") instanceof List<?> secrets) {
            for (int i = 0; i < secrets.size(); i++) {
                Object source = Values.map(secrets.get(i)).get("source");
                if (!defined("secrets").contains(source)) {
                    problems.add(at.key("secrets").index(i), undefined("secret", String.valueOf(source), defined("secrets")));
                }
            }
        }
        if (build.get("additional_contexts") instanceof Map<?, ?> contexts) {
            Values.map(contexts).forEach((context, location) -> {
                if (location instanceof String text && text.startsWith("service:")) {
                    String other = text.substring("service:".length());
                    if (other.equals(name)) {
                        problems.add(at.key("additional_contexts").key(context), "a service cannot be a build context of itself");
                    } else if (!services.containsKey(other)) {
                        problems.add(at.key("additional_contexts").key(context), undefined("service", other, services.keySet()));
                    } else if (Values.map(services.get(other)).get("build") == null) {
                        problems.add(at.key("additional_contexts").key(context), "service \"" + other
                                + "\" has no build section: name its image with docker-image://IMAGE instead");
                    }
                }
            });
        }
        if (service.get("platform") instanceof String platform && build.get("platforms") instanceof List<?> platforms
                && !platforms.isEmpty() && !platforms.contains(platform)) {
            problems.add(at.key("platforms"), "build.platforms must include the service's platform \"" + platform + "\"");
        }
    }

    /** An attribute and its deploy: counterpart may both be set only to the same value (compose-go's check). */
    private void distinct(Map<String, Object> service, ComposePath at, String key, String... deployPath) {
        Object value = service.get(key);
        Object other = service.get("deploy");
        for (String step : deployPath) {
            other = other instanceof Map<?, ?> map ? map.get(step) : null;
        }
        if (value != null && other != null && !numeric(value).equals(numeric(other))) {
            problems.add(at.key(key), "can't set distinct values on '" + key + "' and 'deploy."
                    + String.join(".", deployPath) + "'");
        }
    }

    private static String numeric(Object value) {
        try {
            return new java.math.BigDecimal(Values.text(value).strip()).stripTrailingZeros().toPlainString();
        } catch (NumberFormatException e) {
            return Values.text(value);
        }
    }

    private void references(Map<String, Object> service, ComposePath at) {
        if (service.get("links") instanceof List<?> links) {
            for (int i = 0; i < links.size(); i++) {
                String target = String.valueOf(links.get(i)).split(":")[0];
                if (!services.containsKey(target)) {
                    problems.add(at.key("links").index(i), undefined("service", target, serviceNames(target)));
                }
            }
        }
        if (service.get("volumes_from") instanceof List<?> sources) {
            for (int i = 0; i < sources.size(); i++) {
                String source = String.valueOf(sources.get(i));
                if (!source.startsWith("container:") && !services.containsKey(source.split(":")[0])) {
                    problems.add(at.key("volumes_from").index(i), undefined("service", source.split(":")[0], serviceNames(source)));
                }
            }
        }
        for (String key : List.of("network_mode", "ipc", "pid")) {
            if (service.get(key) instanceof String mode && mode.startsWith("service:")
                    && !services.containsKey(mode.substring(8))) {
                problems.add(at.key(key), undefined("service", mode.substring(8), serviceNames(mode.substring(8))));
            }
        }
    }

    private Set<String> serviceNames(String missing) {
        return services.keySet();
    }

    private String undefined(String kind, String name, Set<String> known) {
        String message = kind + " \"" + name + "\" is not defined";
        if (kind.equals("service") && allServiceNames.contains(name) && !services.containsKey(name)) {
            return message + " (it is disabled by its profiles)";
        }
        String suggestion = Suggestions.closest(name, known);
        if (suggestion != null) {
            return message + " (did you mean \"" + suggestion + "\"?)";
        }
        return message + (known.isEmpty() ? " (none are defined)" : " (defined: " + String.join(", ", new TreeSet<>(known)) + ")");
    }

    private Set<String> defined(String kind) {
        return tree.get(kind) instanceof Map<?, ?> map ? Values.map(map).keySet() : java.util.Collections.emptySet();
    }

    static Long replicas(Map<String, Object> service) {
        if (service.get("deploy") instanceof Map<?, ?> deploy && deploy.get("replicas") != null) {
            return Values.integer(deploy.get("replicas"));
        }
        return service.get("scale") == null ? null : Values.integer(service.get("scale"));
    }

    /** Finds depends_on cycles, each reported once with its path. */
    private record DependencyCycles(Map<String, Object> services, Problems problems) {
        void find() {
            Set<String> done = new TreeSet<>();
            for (String name : new TreeSet<>(services.keySet())) {
                visit(name, new ArrayList<>(), done);
            }
        }

        private void visit(String name, List<String> stack, Set<String> done) {
            if (stack.contains(name)) {
                List<String> cycle = new ArrayList<>(stack.subList(stack.indexOf(name), stack.size()));
                cycle.add(name);
                problems.add(ComposePath.ROOT.key("services").key(stack.get(stack.size() - 1)).key("depends_on").key(name),
                        "dependency cycle: " + String.join(" -> ", cycle));
                return;
            }
            if (done.contains(name) || !(services.get(name) instanceof Map<?, ?> service)) {
                return;
            }
            stack.add(name);
            if (service.get("depends_on") instanceof Map<?, ?> dependsOn) {
                for (Object dependency : new TreeSet<>(Values.map(dependsOn).keySet())) {
                    visit(String.valueOf(dependency), stack, done);
                }
            }
            stack.remove(stack.size() - 1);
            done.add(name);
        }
    }
}
