package io.berth.model.load;

import io.berth.model.env.EnvFileException;
import io.berth.model.env.EnvFileSpec;
import io.berth.model.env.ServiceEnvironment;
import io.berth.model.env.DotEnv;
import io.berth.model.files.ProjectFiles;
import java.util.ArrayList;
import java.util.Optional;
import io.berth.model.interpolation.VariableLookup;
import io.berth.model.tree.ComposePath;
import io.berth.model.tree.Problems;
import java.nio.file.Path;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;

/**
 * Normalization after merge, as Docker Compose v2 does it: the default network, resource names
 * prefixed with the project name, implicit dependencies, env files folded into the environment,
 * unset variables taken from the environment, the default Dockerfile.
 */
final class Normalizer {
    private final String projectName;
    private final Map<String, String> variables;
    private final Problems problems;

    Normalizer(String projectName, Map<String, String> variables, Problems problems) {
        this.projectName = projectName;
        this.variables = variables;
        this.problems = problems;
    }

    void services(Map<String, Object> services) {
        services.forEach((name, value) -> service(Values.map(value), ComposePath.ROOT.key("services").key(name)));
    }

    private void service(Map<String, Object> service, ComposePath at) {
        service.remove("extends");
        service.putIfAbsent("command", null);
        service.putIfAbsent("entrypoint", null);
        if (service.get("network_mode") == null && (service.get("networks") == null
                || Values.map(service.get("networks")).isEmpty())) {
            Map<String, Object> networks = new LinkedHashMap<>();
            networks.put("default", null);
            service.put("networks", networks);
        }
        if (service.get("build") instanceof Map<?, ?> build) {
            if (!build.containsKey("dockerfile_inline")) {
                Values.map(build).putIfAbsent("dockerfile", "Dockerfile");
            }
            if (build.get("args") instanceof Map<?, ?> args) {
                // an argument named without a value takes the variable's, or is dropped (compose-go resolve)
                Map<String, Object> resolved = new LinkedHashMap<>();
                Values.map(args).forEach((key, value) -> {
                    Object actual = value == null ? variables.get(key) : value;
                    if (actual != null) {
                        resolved.put(key, actual);
                    }
                });
                Values.map(build).put("args", resolved);
            }
        }
        if ("if_not_present".equals(service.get("pull_policy"))) {
            service.put("pull_policy", "missing");
        }
        environment(service, at);
        labelFiles(service, at);
        implicitDependencies(service);
    }

    /** label_file: KEY=VALUE lines read into labels; labels written in the file win (compose-go). */
    private void labelFiles(Map<String, Object> service, ComposePath at) {
        Object files = service.remove("label_file");
        if (files == null) {
            return;
        }
        Map<String, Object> labels = new LinkedHashMap<>();
        List<?> entries = files instanceof List<?> list ? list : List.of(files);
        for (int i = 0; i < entries.size(); i++) {
            Object file = entries.get(i);
            if (!(file instanceof String)) {
                problems.add(files instanceof List<?> ? at.key("label_file").index(i) : at.key("label_file"),
                        "must be a string (the path of a file of KEY=VALUE lines)");
                continue;
            }
            try {
                // bounded, as env files: label_file: /dev/zero must not fill the heap
                DotEnv.parse(io.berth.model.files.ProjectFiles.onDisk().read(Path.of(Values.text(file)))).forEach(labels::put);
            } catch (java.io.IOException | RuntimeException e) {
                problems.add(at.key("label_file"), "cannot read label file " + file + ": " + e.getMessage());
            }
        }
        if (service.get("labels") instanceof Map<?, ?> given) {
            labels.putAll(Values.map(given));
        }
        service.put("labels", labels);
    }

    /** env files, then environment: entries, names without values from the project (ServiceEnvironment). */
    private void environment(Map<String, Object> service, ComposePath at) {
        List<EnvFileSpec> envFiles = new ArrayList<>();
        if (service.get("env_file") instanceof List<?> files) {
            for (Object entry : files) {
                Map<String, Object> file = Values.map(entry);
                if (file.get("path") instanceof String path) {
                    envFiles.add(new EnvFileSpec(Path.of(path), !Boolean.FALSE.equals(file.get("required")),
                            Optional.ofNullable(file.get("format")).map(String::valueOf)));
                }
            }
        }
        Map<String, String> given = new LinkedHashMap<>();
        if (service.get("environment") instanceof Map<?, ?> map) {
            map.forEach((key, value) -> given.put(String.valueOf(key), Values.text(value)));
        }
        try {
            Map<String, String> resolved = ServiceEnvironment.resolve(envFiles, given, VariableLookup.of(variables),
                    ProjectFiles.onDisk());
            if (!resolved.isEmpty() || service.containsKey("environment")) {
                service.put("environment", new LinkedHashMap<String, Object>(resolved));
            }
        } catch (EnvFileException e) {
            problems.add(at.key("env_file"), e.getMessage());
        }
    }

    /** links, volumes_from and service: namespaces imply depends_on (compose-go normalize.go). */
    private static void implicitDependencies(Map<String, Object> service) {
        Map<String, Object> dependsOn = service.get("depends_on") instanceof Map<?, ?> map
                ? Values.map(map) : new LinkedHashMap<>();
        int before = dependsOn.size();
        if (service.get("links") instanceof List<?> links) {
            links.forEach(link -> dependsOn.putIfAbsent(String.valueOf(link).split(":")[0], dependency(true)));
        }
        for (String key : List.of("network_mode", "ipc", "pid", "uts", "cgroup")) {
            if (service.get(key) instanceof String mode && mode.startsWith("service:")) {
                dependsOn.putIfAbsent(mode.substring("service:".length()), dependency(true));
            }
        }
        if (service.get("volumes_from") instanceof List<?> sources) {
            for (Object source : sources) {
                String text = String.valueOf(source);
                if (!text.startsWith("container:")) {
                    dependsOn.putIfAbsent(text.split(":")[0], dependency(false));
                }
            }
        }
        if (dependsOn.size() != before || service.containsKey("depends_on")) {
            service.put("depends_on", dependsOn);
        }
    }

    private static Map<String, Object> dependency(boolean restart) {
        Map<String, Object> dependency = new LinkedHashMap<>();
        dependency.put("condition", "service_started");
        if (restart) {
            dependency.put("restart", true);
        }
        dependency.put("required", true);
        return dependency;
    }

    /** Drops the resources no enabled service uses, as Compose does (after validation, which names them). */
    static void dropUnused(Map<String, Object> tree, Map<String, Object> services) {
        UsedResources used = UsedResources.of(services);
        for (String kind : List.of("networks", "volumes", "secrets", "configs")) {
            if (tree.get(kind) instanceof Map<?, ?> resources) {
                Values.map(resources).keySet().removeIf(name -> !used.uses(kind, name));
                if (resources.isEmpty()) {
                    tree.remove(kind);
                }
            }
        }
    }

    private static final java.util.Set<String> FALSE_OMITTED = java.util.Set.of("external", "internal", "attachable");

    /** Names, defaults and the default network of the top-level resources. */
    void resources(Map<String, Object> tree, Map<String, Object> services) {
        Map<String, Object> networks = tree.get("networks") instanceof Map<?, ?> map ? Values.map(map) : new LinkedHashMap<>();
        boolean usesDefault = services.values().stream().anyMatch(service ->
                Values.map(service).get("networks") instanceof Map<?, ?> joined && joined.containsKey("default"));
        if (usesDefault && !networks.containsKey("default")) {
            networks.put("default", new LinkedHashMap<String, Object>());
        }
        for (String kind : List.of("networks", "volumes", "secrets", "configs")) {
            Map<String, Object> resources = kind.equals("networks") ? networks
                    : tree.get(kind) instanceof Map<?, ?> map ? Values.map(map) : new LinkedHashMap<>();
            Map<String, Object> sorted = new TreeMap<>();
            resources.forEach((name, value) -> {
                Map<String, Object> resource = Values.map(value);
                // plain booleans in compose-go, printed only when true
                resource.keySet().removeIf(key -> FALSE_OMITTED.contains(key) && Boolean.FALSE.equals(resource.get(key)));
                if (resource.get("name") == null) {
                    resource.put("name", Boolean.TRUE.equals(resource.get("external")) ? name : projectName + "_" + name);
                }
                if (kind.equals("networks")) {
                    resource.putIfAbsent("ipam", new LinkedHashMap<String, Object>());
                }
                sorted.put(name, resource);
            });
            if (sorted.isEmpty()) {
                tree.remove(kind);
            } else {
                tree.put(kind, new LinkedHashMap<>(sorted));
            }
        }
    }
}
