package io.berth.engine.swarm;

import io.berth.model.DeployConfig;
import io.berth.model.FileReference;
import io.berth.model.Healthcheck;
import io.berth.model.PortConfig;
import io.berth.model.Service;
import io.berth.model.ServiceVolume;
import java.time.Duration;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;

/** One Compose service as a Swarm ServiceSpec (Engine API 1.41). */
final class ServiceSpecs {
    private ServiceSpecs() {
    }

    static Map<String, Object> spec(StackContext context, Service service) {
        String stack = context.stack();
        Map<String, String> labels = new TreeMap<>(service.deploy() == null ? Map.of() : service.deploy().labels());
        labels.put(StackSpec.NAMESPACE, stack);
        Map<String, String> containerLabels = new TreeMap<>(service.labels());
        containerLabels.put(StackSpec.NAMESPACE, stack);
        Map<String, Object> container = map(
                "Image", context.image(service),
                "Labels", containerLabels,
                "Command", service.entrypoint(),
                "Args", service.command(),
                "Hostname", service.hostname(),
                "Env", environment(service),
                "Dir", service.workingDir(),
                "User", service.user(),
                "Groups", service.groupAdd(),
                "TTY", service.tty() ? true : null,
                "OpenStdin", service.stdinOpen() ? true : null,
                "ReadOnly", service.readOnly() ? true : null,
                "Mounts", mounts(context, service),
                "StopSignal", service.stopSignal(),
                "StopGracePeriod", nanos(service.stopGracePeriod()),
                "Healthcheck", healthcheck(service.healthcheck()),
                "Hosts", hosts(service),
                "DNSConfig", map("Nameservers", service.dns(), "Search", service.dnsSearch(), "Options", service.dnsOpt()),
                "Secrets", files(context, service.secrets(), true),
                "Configs", files(context, service.configs(), false),
                "Init", service.init(),
                "Sysctls", service.sysctls(),
                "CapabilityAdd", service.capAdd(),
                "CapabilityDrop", service.capDrop(),
                "Ulimits", ulimits(service));
        DeployConfig deploy = service.deploy();
        Map<String, Object> task = map(
                "ContainerSpec", container,
                "Resources", resources(service),
                "RestartPolicy", restartPolicy(service),
                "Placement", deploy == null || deploy.placement() == null ? null : placement(deploy.placement()),
                "Networks", networks(context, service),
                "LogDriver", service.logging() == null || service.logging().driver() == null ? null
                        : map("Name", service.logging().driver(), "Options", service.logging().options()));
        boolean global = deploy != null && deploy.global();
        return map(
                "Name", SwarmNames.scoped(stack, service.name()),
                "Labels", labels,
                "TaskTemplate", task,
                "Mode", global ? map("Global", new LinkedHashMap<>()) : map("Replicated", map("Replicas", service.replicaCount())),
                "UpdateConfig", deploy == null ? null : update(deploy.updateConfig()),
                "RollbackConfig", deploy == null ? null : update(deploy.rollbackConfig()),
                "EndpointSpec", endpoint(service));
    }

    private static List<String> environment(Service service) {
        List<String> env = new ArrayList<>();
        new TreeMap<>(service.environment()).forEach((name, value) -> {
            if (value != null) {
                env.add(name + "=" + value);
            }
        });
        return env;
    }

    private static List<Map<String, Object>> mounts(StackContext context, Service service) {
        List<Map<String, Object>> mounts = new ArrayList<>();
        for (ServiceVolume volume : service.volumes()) {
            switch (volume.type()) {
                case "volume" -> {
                    String source = volume.source() == null || volume.source().isEmpty() ? null : context.volumeName(volume.source());
                    mounts.add(map("Type", "volume", "Source", source, "Target", volume.target(),
                            "ReadOnly", volume.readOnly() ? true : null,
                            "VolumeOptions", source == null ? null : context.volumeOptions(volume.source(),
                                    volume.volume() != null && volume.volume().nocopy())));
                }
                case "bind" -> mounts.add(map("Type", "bind", "Source", volume.source(), "Target", volume.target(),
                        "ReadOnly", volume.readOnly() ? true : null, "BindOptions", volume.bind() == null ? null
                                : map("Propagation", volume.bind().propagation())));
                case "tmpfs" -> mounts.add(map("Type", "tmpfs", "Target", volume.target(), "TmpfsOptions",
                        volume.tmpfs() == null ? null : map("SizeBytes", volume.tmpfs().size(), "Mode", volume.tmpfs().mode())));
                default -> context.warn(service.name(), "volumes", "type " + volume.type() + " is not deployed on a swarm");
            }
        }
        for (String tmpfs : service.tmpfs()) {
            mounts.add(map("Type", "tmpfs", "Target", tmpfs.split(":", 2)[0]));
        }
        return mounts;
    }

    private static List<Map<String, Object>> files(StackContext context, List<FileReference> references, boolean secret) {
        List<Map<String, Object>> files = new ArrayList<>();
        for (FileReference reference : references) {
            String target = reference.target() == null || reference.target().isEmpty()
                    ? (secret ? reference.source() : "/" + reference.source()) : reference.target();
            String name = context.fileObjectName(reference.source(), secret);
            Map<String, Object> file = map("Name", target, "UID", reference.uid() == null ? "0" : reference.uid(),
                    "GID", reference.gid() == null ? "0" : reference.gid(),
                    "Mode", reference.mode() == null ? 0444 : reference.mode());
            files.add(secret ? map("File", file, "SecretID", context.objectId(name, true), "SecretName", name)
                    : map("File", file, "ConfigID", context.objectId(name, false), "ConfigName", name));
        }
        return files;
    }

    private static Map<String, Object> healthcheck(Healthcheck healthcheck) {
        if (healthcheck == null) {
            return null;
        }
        if (healthcheck.disable()) {
            return map("Test", List.of("NONE"));
        }
        return map("Test", healthcheck.test(), "Interval", nanos(healthcheck.interval()),
                "Timeout", nanos(healthcheck.timeout()), "Retries", healthcheck.retries(),
                "StartPeriod", nanos(healthcheck.startPeriod()));
    }

    private static List<String> hosts(Service service) {
        List<String> hosts = new ArrayList<>();
        service.extraHosts().forEach((host, addresses) -> addresses.forEach(address -> hosts.add(address + " " + host)));
        return hosts;
    }

    private static List<Map<String, Object>> ulimits(Service service) {
        List<Map<String, Object>> ulimits = new ArrayList<>();
        service.ulimits().forEach((name, limit) -> ulimits.add(map("Name", name, "Soft", limit.soft(), "Hard", limit.hard())));
        return ulimits;
    }

    private static Map<String, Object> resources(Service service) {
        DeployConfig.Resources reservations = service.deploy() == null ? null : service.deploy().reservations();
        return map(
                "Limits", map("NanoCPUs", service.cpus() == null ? null : Math.round(service.cpus() * 1e9),
                        "MemoryBytes", service.memLimit(), "Pids", service.pidsLimit()),
                "Reservations", map("NanoCPUs", reservations == null || reservations.cpus() == null ? null
                        : Math.round(reservations.cpus() * 1e9), "MemoryBytes", service.memReservation()));
    }

    /** {@code deploy.restart_policy}, else {@code restart} as docker stack reads it. */
    private static Map<String, Object> restartPolicy(Service service) {
        DeployConfig.RestartPolicy policy = service.deploy() == null ? null : service.deploy().restartPolicy();
        if (policy != null) {
            return map("Condition", policy.condition(), "Delay", nanos(policy.delay()),
                    "MaxAttempts", policy.maxAttempts(), "Window", nanos(policy.window()));
        }
        String restart = service.restart();
        if (restart == null) {
            return null;
        }
        if (restart.equals("no")) {
            return map("Condition", "none");
        }
        if (restart.startsWith("on-failure")) {
            String[] parts = restart.split(":", 2);
            return map("Condition", "on-failure", "MaxAttempts", parts.length > 1 ? Integer.parseInt(parts[1]) : null);
        }
        return map("Condition", "any");
    }

    private static Map<String, Object> placement(DeployConfig.Placement placement) {
        List<Map<String, Object>> preferences = new ArrayList<>();
        placement.spreadPreferences().forEach(spread -> preferences.add(map("Spread", map("SpreadDescriptor", spread))));
        return map("Constraints", placement.constraints(), "Preferences", preferences,
                "MaxReplicas", placement.maxReplicasPerNode());
    }

    private static List<Map<String, Object>> networks(StackContext context, Service service) {
        List<Map<String, Object>> networks = new ArrayList<>();
        for (String network : context.networksOf(service)) {
            List<String> aliases = new ArrayList<>(List.of(service.name()));
            var attachment = service.networks().get(network);
            if (attachment != null) {
                attachment.aliases().stream().filter(alias -> !aliases.contains(alias)).forEach(aliases::add);
            }
            networks.add(map("Target", context.networkName(network), "Aliases", aliases));
        }
        return networks;
    }

    private static Map<String, Object> update(DeployConfig.UpdateConfig update) {
        if (update == null) {
            return null;
        }
        return map("Parallelism", update.parallelism(), "Delay", nanos(update.delay()),
                "FailureAction", update.failureAction(), "Monitor", nanos(update.monitor()),
                "MaxFailureRatio", update.maxFailureRatio(), "Order", update.order());
    }

    private static Map<String, Object> endpoint(Service service) {
        List<Map<String, Object>> ports = new ArrayList<>();
        for (PortConfig port : service.ports()) {
            Integer published = port.published() == null ? null : Integer.valueOf(port.published().split("-", 2)[0]);
            ports.add(map("Protocol", port.protocol() == null ? "tcp" : port.protocol(), "TargetPort", port.target(),
                    "PublishedPort", published, "PublishMode", "host".equals(port.mode()) ? "host" : "ingress"));
        }
        String mode = service.deploy() == null ? null : service.deploy().endpointMode();
        return map("Mode", mode, "Ports", ports);
    }

    static Long nanos(Duration duration) {
        return duration == null ? null : duration.toNanos();
    }

    /** An ordered map without the null and empty values, as the Engine's own specs leave them out. */
    static Map<String, Object> map(Object... keysAndValues) {
        Map<String, Object> map = new LinkedHashMap<>();
        for (int i = 0; i < keysAndValues.length; i += 2) {
            Object value = keysAndValues[i + 1];
            if (value == null || value instanceof java.util.Collection<?> c && c.isEmpty()
                    || value instanceof Map<?, ?> m && m.isEmpty() && !keysAndValues[i].equals("Global")) {
                continue;
            }
            map.put((String) keysAndValues[i], value);
        }
        return map;
    }
}
