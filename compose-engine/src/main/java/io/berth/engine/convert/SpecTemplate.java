package io.berth.engine.convert;

import io.berth.model.NetworkConfig;
import io.berth.model.PortConfig;
import io.berth.model.Project;
import io.berth.model.Service;
import io.berth.model.ServiceHook;
import io.berth.model.ServiceNetwork;
import io.berth.runtime.ContainerSpec;
import io.berth.runtime.ContainerSpec.LinkSpec;
import io.berth.runtime.ExecSpec;
import io.berth.runtime.ImageReference;
import io.berth.runtime.NetworkAttachment;
import io.berth.runtime.NetworkMode;
import io.berth.runtime.PortBinding;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Map;

/**
 * The ContainerSpec shared by every replica of a service; the engine adds per replica the name,
 * number label and the containers of {@code service:x} references.
 */
final class SpecTemplate {
    private SpecTemplate() {
    }

    static ContainerSpec of(Project project, Service service, ImageReference image, Map<String, String> labels) {
        List<String> environment = new ArrayList<>();
        service.environment().forEach((key, value) -> {
            if (value != null) {
                environment.add(key + "=" + value);
            }
        });
        List<String> extraHosts = new ArrayList<>();
        service.extraHosts().forEach((host, addresses) -> addresses.forEach(address -> extraHosts.add(host + ":" + address)));
        List<ContainerSpec.Ulimit> ulimits = new ArrayList<>();
        service.ulimits().forEach((name, limit) -> ulimits.add(new ContainerSpec.Ulimit(name, limit.soft(), limit.hard())));
        List<LinkSpec> externalLinks = service.externalLinks().stream().map(link -> {
            String[] parts = link.split(":", 2);
            return new LinkSpec(parts[0], parts.length == 2 ? parts[1] : parts[0]);
        }).toList();
        NetworkMode networkMode = networkMode(service.networkMode());
        return new ContainerSpec(null, labels, image, service.entrypoint(), service.command(), environment,
                service.user(), service.groupAdd(), service.workingDir(), service.hostname(), service.domainname(),
                service.tty(), service.stdinOpen(), service.stopSignal(), service.stopGracePeriod(),
                Mounts.of(project, service), networkMode,
                joinsNetworks(service) ? networks(project, service) : List.of(), ports(service),
                extraHosts, service.dns(), service.dnsSearch(), service.dnsOpt(), service.readOnly(),
                service.capAdd(), service.capDrop(), service.privileged(),
                new ContainerSpec.Resources(service.memLimit(), service.memswapLimit(), service.cpus(),
                        service.cpuShares(), service.cpuset(), service.pidsLimit()),
                restartPolicy(service.restart()), service.sysctls(), ulimits, service.shmSize(),
                service.ipc(), service.pid(), externalLinks,
                new ContainerSpec.Options(Boolean.TRUE.equals(service.init()), LogSettings.of(service),
                        devices(service), service.oomScoreAdj(), service.memReservation(),
                        service.expose().stream().map(port -> port.contains("/") ? port : port + "/tcp").toList(),
                        SecurityOpts.of(project, service))
                        .withHooks(new ContainerSpec.Hooks(hooks(service.postStart()), hooks(service.preStop())))
                        .withDeviceCgroupRules(service.deviceCgroupRules()));
    }

    /** Each hook as the exec Compose makes of it: its command, user, privileged, working_dir, environment. */
    static List<ExecSpec> hooks(List<ServiceHook> hooks) {
        return hooks.stream().map(hook -> {
            List<String> environment = new ArrayList<>();
            hook.environment().forEach((key, value) -> {
                if (value != null) {
                    environment.add(key + "=" + value);
                }
            });
            return new ExecSpec(hook.command(), environment, hook.user(), hook.workingDir(), false, false, false,
                    hook.privileged());
        }).toList();
    }

    /** {@code devices:} as Docker parses them: HOST, HOST:CONTAINER, HOST:PERMISSIONS, HOST:CONTAINER:PERMISSIONS. */
    static List<ContainerSpec.Device> devices(Service service) {
        List<ContainerSpec.Device> devices = new ArrayList<>();
        for (String entry : service.devices()) {
            String[] parts = entry.split(":");
            String host = parts[0];
            String container = host;
            String permissions = "rwm";
            if (parts.length >= 2) {
                if (parts.length == 2 && parts[1].matches("[rwm]{1,3}")) {
                    permissions = parts[1];
                } else {
                    container = parts[1];
                }
            }
            if (parts.length == 3) {
                permissions = parts[2];
            }
            if (parts.length > 3 || !permissions.matches("[rwm]{1,3}") || !host.startsWith("/")
                    || !container.startsWith("/")) {
                throw new io.berth.engine.EngineException("service " + service.name() + ": devices: \"" + entry
                        + "\" is not HOST[:CONTAINER][:PERMISSIONS] with absolute paths and permissions of rwm");
            }
            devices.add(new ContainerSpec.Device(host, container, permissions));
        }
        return devices;
    }

    /** Only a container with its own bridge-mode namespace joins networks; service:x shares x's. */
    static boolean joinsNetworks(Service service) {
        String mode = service.networkMode();
        return networkMode(mode) instanceof NetworkMode.Bridge && (mode == null || !mode.startsWith("service:"));
    }

    static NetworkMode networkMode(String mode) {
        if (mode == null || mode.isEmpty() || mode.equals("bridge") || mode.equals("default")) {
            return new NetworkMode.Bridge();
        }
        if (mode.equals("none")) {
            return new NetworkMode.None();
        }
        if (mode.equals("host")) {
            return new NetworkMode.Host();
        }
        if (mode.startsWith("container:")) {
            return new NetworkMode.Container(mode.substring("container:".length()));
        }
        return new NetworkMode.Bridge(); // service:x, resolved per replica by the engine
    }

    /** The networks joined, highest priority first then by name, as Docker Compose orders them. */
    static List<NetworkAttachment> networks(Project project, Service service) {
        Map<String, ServiceNetwork> joined = service.networks().isEmpty() ? Map.of("default", ServiceNetwork.DEFAULT)
                : service.networks();
        List<NetworkAttachment> attachments = new ArrayList<>();
        joined.forEach((key, network) -> {
            ServiceNetwork settings = network == null ? ServiceNetwork.DEFAULT : network;
            NetworkConfig config = project.networks().get(key);
            String name = config != null && config.name() != null ? config.name() : project.name() + "_" + key;
            List<String> aliases = new ArrayList<>();
            aliases.add(service.name());
            if (settings.aliases() != null) {
                settings.aliases().stream().filter(alias -> !aliases.contains(alias)).forEach(aliases::add);
            }
            attachments.add(new NetworkAttachment(name, aliases, settings.ipv4Address(), settings.macAddress(),
                    settings.priority()));
        });
        attachments.sort(Comparator.comparing((NetworkAttachment attachment) ->
                attachment.priority() == null ? 0 : attachment.priority()).reversed()
                .thenComparing(NetworkAttachment::network));
        return attachments;
    }

    static List<PortBinding> ports(Service service) {
        return ports(service.ports());
    }

    static List<PortBinding> ports(List<PortConfig> ports) {
        List<PortBinding> bindings = new ArrayList<>();
        for (PortConfig port : ports) {
            String protocol = port.protocol() == null ? "tcp" : port.protocol();
            String hostIp = port.hostIp() == null ? "" : port.hostIp();
            String published = port.published();
            if (published == null || published.isEmpty()) {
                bindings.add(new PortBinding(port.target(), protocol, hostIp, 0));
            } else {
                // "8000-8010:80": one port of the host range, the first free one (the runtime picks it)
                String[] range = published.split("-", 2);
                bindings.add(new PortBinding(port.target(), protocol, hostIp, Integer.parseInt(range[0].strip()),
                        range.length == 2 ? Integer.parseInt(range[1].strip()) : 0));
            }
        }
        return bindings;
    }

    static ContainerSpec.RestartPolicy restartPolicy(String restart) {
        if (restart == null || restart.isEmpty() || restart.equals("no")) {
            return ContainerSpec.RestartPolicy.NO;
        }
        String[] parts = restart.split(":", 2);
        return new ContainerSpec.RestartPolicy(parts[0], parts.length == 2 ? Integer.parseInt(parts[1]) : 0);
    }
}
