package io.berth.model.load;

import io.berth.model.env.DotEnv;
import io.berth.model.env.DotEnvException;
import io.berth.model.interpolation.VariableLookup;
import io.berth.model.tree.ComposePath;
import io.berth.model.tree.Problems;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
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
        implicitDependencies(service);
    }

    private void environment(Map<String, Object> service, ComposePath at) {
        Map<String, Object> environment = new LinkedHashMap<>();
        if (service.get("env_file") instanceof List<?> files) {
            for (int i = 0; i < files.size(); i++) {
                Map<String, Object> file = Values.map(files.get(i));
                Path path = Path.of(String.valueOf(file.get("path")));
                if (!Files.isRegularFile(path)) {
                    if (!Boolean.FALSE.equals(file.get("required"))) {
                        problems.add(at.key("env_file").index(i), "env file " + path + " not found");
                    }
                    continue;
                }
                try {
                    DotEnv.parse(Files.readString(path, StandardCharsets.UTF_8), VariableLookup.of(variables))
                            .forEach(environment::put);
                } catch (DotEnvException e) {
                    problems.add(at.key("env_file").index(i), "cannot read env file " + path + ": " + e.getMessage());
                } catch (IOException e) {
                    problems.add(at.key("env_file").index(i), "cannot read env file " + path + ": " + e.getMessage());
                }
            }
        }
        if (service.get("environment") instanceof Map<?, ?> given) {
            environment.putAll(Values.map(given));
        }
        environment.replaceAll((key, value) -> value == null ? variables.get(key) : value);
        if (!environment.isEmpty() || service.containsKey("environment")) {
            service.put("environment", environment);
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
