package io.berth.engine.kubernetes;

import io.berth.model.Project;
import io.berth.model.Service;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Map;

/** The service's container: image, command, environment, ports, probes, resources, security context. */
final class Containers {
    private Containers() {
    }

    static Map<String, Object> container(Project project, Service service, List<Ports.Port> ports, PodVolumes volumes,
                                         Warnings warnings) {
        return Tree.map(
                "name", Names.label(service.name()),
                "image", image(project, service, warnings),
                "imagePullPolicy", pullPolicy(service, warnings),
                "command", service.entrypoint(),
                "args", service.command(),
                "workingDir", service.workingDir(),
                "env", environment(service),
                "ports", containerPorts(service, ports),
                "volumeMounts", volumes.mounts,
                "livenessProbe", Probes.probe(service.healthcheck(), true),
                "readinessProbe", Probes.probe(service.healthcheck(), false),
                "resources", resources(service, warnings),
                "securityContext", securityContext(service, warnings),
                "tty", service.tty() ? true : null,
                "stdin", service.stdinOpen() ? true : null);
    }

    /** The image, or the one Compose would build ({@code PROJECT-SERVICE}), which the cluster must be able to pull. */
    static String image(Project project, Service service, Warnings warnings) {
        if (service.build() != null) {
            warnings.service(service.name(), "build", "a cluster does not build images: build and push "
                    + (service.image() != null ? service.image() : project.name() + "-" + service.name())
                    + " to a registry the cluster pulls from");
        }
        return service.image() != null ? service.image() : project.name() + "-" + service.name();
    }

    private static String pullPolicy(Service service, Warnings warnings) {
        if (service.pullPolicy() == null) {
            return null;
        }
        return switch (service.pullPolicy()) {
            case "always" -> "Always";
            case "never" -> "Never";
            case "missing", "if_not_present" -> "IfNotPresent";
            default -> {
                warnings.service(service.name(), "pull_policy", service.pullPolicy() + " has no Kubernetes equivalent;"
                        + " the cluster's default applies");
                yield null;
            }
        };
    }

    private static List<Map<String, Object>> environment(Service service) {
        List<Map<String, Object>> env = new ArrayList<>();
        // a variable named without a value is unset, as under Compose: nothing to pass
        service.environment().forEach((name, value) -> {
            if (value != null) {
                env.add(Tree.map("name", name, "value", value));
            }
        });
        return env;
    }

    private static List<Map<String, Object>> containerPorts(Service service, List<Ports.Port> ports) {
        List<Map<String, Object>> entries = new ArrayList<>();
        for (Ports.Port port : ports) {
            entries.add(Tree.map("name", port.name(), "containerPort", port.number(), "protocol", port.protocol(),
                    "hostPort", Ports.hostPort(service, port)));
        }
        return entries;
    }

    private static Map<String, Object> resources(Service service, Warnings warnings) {
        Double cpuReservation = service.deploy() == null || service.deploy().reservations() == null ? null
                : service.deploy().reservations().cpus();
        if (service.pidsLimit() != null) {
            warnings.service(service.name(), "pids_limit", "Kubernetes limits PIDs per node, not per container; left out");
        }
        return Tree.map(
                "limits", Tree.map("cpu", service.cpus() == null ? null : Quantities.cpu(service.cpus()),
                        "memory", service.memLimit() == null ? null : Quantities.memory(service.memLimit())),
                "requests", Tree.map("cpu", cpuReservation == null ? null : Quantities.cpu(cpuReservation),
                        "memory", service.memReservation() == null ? null : Quantities.memory(service.memReservation())));
    }

    private static Map<String, Object> securityContext(Service service, Warnings warnings) {
        Long user = null;
        Long group = null;
        if (service.user() != null && !service.user().isEmpty()) {
            String[] parts = service.user().split(":", 2);
            user = number(parts[0]);
            group = parts.length > 1 ? number(parts[1]) : null;
            if (user == null || parts.length > 1 && group == null) {
                warnings.service(service.name(), "user", "\"" + service.user() + "\" names a user: Kubernetes takes"
                        + " numeric ids only (runAsUser); the image's user applies");
                user = null;
                group = null;
            }
        }
        return Tree.map(
                "privileged", service.privileged() ? true : null,
                "runAsUser", user,
                "runAsGroup", group,
                "readOnlyRootFilesystem", service.readOnly() ? true : null,
                "capabilities", Tree.map("add", capabilities(service.capAdd()), "drop", capabilities(service.capDrop())));
    }

    private static List<String> capabilities(List<String> names) {
        List<String> out = new ArrayList<>();
        for (String name : names) {
            String upper = name.toUpperCase(Locale.ROOT);
            out.add(upper.startsWith("CAP_") ? upper.substring(4) : upper);
        }
        return out;
    }

    static Long number(String text) {
        try {
            return Long.parseLong(text.trim());
        } catch (NumberFormatException e) {
            return null;
        }
    }
}
