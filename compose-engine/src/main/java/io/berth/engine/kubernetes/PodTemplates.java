package io.berth.engine.kubernetes;

import io.berth.model.DependsOn;
import io.berth.model.Project;
import io.berth.model.Service;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;

/** The pod template of a service: its container, the init containers that wait, and the pod's settings. */
final class PodTemplates {
    private PodTemplates() {
    }

    static Map<String, Object> template(Project project, Service service, Map<String, String> labels,
                                        PodVolumes volumes, KubernetesOptions options, Warnings warnings) {
        List<Ports.Port> ports = Ports.containerPorts(service, warnings);
        Map<String, Object> spec = Tree.map(
                "initContainers", waits(project, service, options, warnings),
                "containers", List.of(Containers.container(project, service, ports, volumes, warnings)),
                "volumes", volumes.volumes,
                "hostname", hostname(service, warnings),
                "hostAliases", hostAliases(service, warnings),
                "dnsConfig", Tree.map("searches", service.dnsSearch(), "options", dnsOptions(service)),
                "securityContext", Tree.map("sysctls", sysctls(service), "supplementalGroups", groups(service, warnings)),
                "terminationGracePeriodSeconds",
                service.stopGracePeriod() == null ? null : service.stopGracePeriod().toSeconds());
        return Tree.map("metadata", Tree.map("labels", labels, "annotations", annotations(service, warnings)), "spec", spec);
    }

    /**
     * {@code depends_on: service_healthy}: an init container that waits until the dependency's Service
     * accepts a connection, which it does only once a pod is ready (its readiness probe is the
     * dependency's healthcheck). Other conditions have no ordering on Kubernetes.
     */
    private static List<Map<String, Object>> waits(Project project, Service service, KubernetesOptions options,
                                                   Warnings warnings) {
        List<Map<String, Object>> waits = new ArrayList<>();
        service.dependsOn().forEach((name, dependency) -> {
            Service other = project.services().get(name);
            if (other == null) {
                return;
            }
            if (!DependsOn.HEALTHY.equals(dependency.condition())) {
                warnings.service(service.name(), "depends_on." + name, dependency.condition()
                        + ": pods start in any order on Kubernetes; only service_healthy is waited for");
                return;
            }
            List<Ports.Port> ports = Ports.containerPorts(other, warnings);
            if (ports.isEmpty() || other.healthcheck() == null) {
                warnings.service(service.name(), "depends_on." + name, "service_healthy needs " + name
                        + (ports.isEmpty() ? " to have a port (ports or expose)" : " to have a healthcheck")
                        + " to be waited for; not waited for");
                return;
            }
            String host = Names.label(name);
            int port = ports.get(0).number();
            waits.add(Tree.map("name", Names.label("wait-for", host),
                    "image", options.waitImage(),
                    "command", List.of("sh", "-c", "until nc -z -w 2 " + host + " " + port + "; do echo waiting for "
                            + host + ":" + port + "; sleep 2; done")));
        });
        return waits;
    }

    private static String hostname(Service service, Warnings warnings) {
        if (service.hostname() == null || service.hostname().isEmpty()) {
            return null;
        }
        if (!Names.isLabel(service.hostname())) {
            warnings.service(service.name(), "hostname", "\"" + service.hostname() + "\" is not a DNS-1123 label;"
                    + " the pod's name is its hostname");
            return null;
        }
        return service.hostname();
    }

    private static List<Map<String, Object>> hostAliases(Service service, Warnings warnings) {
        java.util.Map<String, List<String>> byAddress = new java.util.LinkedHashMap<>();
        service.extraHosts().forEach((host, addresses) -> {
            for (String address : addresses) {
                if (address.equals("host-gateway")) {
                    warnings.service(service.name(), "extra_hosts." + host, "host-gateway has no Kubernetes equivalent;"
                            + " left out");
                    continue;
                }
                byAddress.computeIfAbsent(address, a -> new ArrayList<>()).add(host);
            }
        });
        List<Map<String, Object>> aliases = new ArrayList<>();
        byAddress.forEach((address, hosts) -> aliases.add(Tree.map("ip", address, "hostnames", hosts)));
        return aliases;
    }

    private static List<Map<String, Object>> dnsOptions(Service service) {
        List<Map<String, Object>> options = new ArrayList<>();
        for (String option : service.dnsOpt()) {
            String[] parts = option.split(":", 2);
            options.add(Tree.map("name", parts[0], "value", parts.length > 1 ? parts[1] : null));
        }
        return options;
    }

    private static List<Map<String, Object>> sysctls(Service service) {
        List<Map<String, Object>> sysctls = new ArrayList<>();
        service.sysctls().forEach((name, value) -> sysctls.add(Tree.map("name", name, "value", value)));
        return sysctls;
    }

    private static List<Long> groups(Service service, Warnings warnings) {
        List<Long> groups = new ArrayList<>();
        for (String group : service.groupAdd()) {
            Long id = Containers.number(group);
            if (id == null) {
                warnings.service(service.name(), "group_add", "group \"" + group + "\" is a name: Kubernetes takes"
                        + " numeric ids only (supplementalGroups); left out");
            } else {
                groups.add(id);
            }
        }
        return groups;
    }

    /** Service labels and annotations, as pod annotations: label values may hold what labels may not. */
    private static Map<String, String> annotations(Service service, Warnings warnings) {
        Map<String, String> annotations = new java.util.TreeMap<>(service.annotations());
        annotations.putAll(service.labels());
        annotations.keySet().removeIf(key -> {
            boolean invalid = !Checks.isQualifiedName(key);
            if (invalid) {
                warnings.service(service.name(), "labels." + key, "is not a valid annotation key; left out");
            }
            return invalid;
        });
        return annotations;
    }
}
