package io.berth.engine.reconcile;

import io.berth.engine.DesiredProject;
import io.berth.engine.DesiredService;
import io.berth.engine.DesiredVolume;
import io.berth.engine.convert.OneOffAdditions;
import io.berth.engine.EngineException;
import io.berth.engine.Labels;
import io.berth.engine.ObservedState;
import io.berth.engine.OneOffOptions;
import io.berth.runtime.ContainerSpec;
import io.berth.runtime.MountSpec;
import java.security.SecureRandom;
import java.util.ArrayList;
import java.util.HexFormat;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;

/**
 * The spec of a one-off container ({@code run}): the service's, named
 * {@code project-service-run-<12 hex>}, labelled one-off, without restart, and without published
 * ports or network aliases unless {@code run} asks for them ({@code --service-ports}, {@code -p},
 * {@code --use-aliases}).
 */
public final class OneOff {
    private static final SecureRandom RANDOM = new SecureRandom();

    private OneOff() {
    }

    public static String generatedName(String project, String service) {
        byte[] bytes = new byte[6];
        RANDOM.nextBytes(bytes);
        return project + "-" + service + "-run-" + HexFormat.of().formatHex(bytes);
    }

    /** One-off containers are not reachable by the service's name (Docker Compose does the same). */
    private static List<io.berth.runtime.NetworkAttachment> withoutAliases(ContainerSpec spec) {
        return spec.networks().stream().map(network -> new io.berth.runtime.NetworkAttachment(network.network(),
                List.of(), null, null, network.priority())).toList();
    }

    /** The service's mounts, those of {@code run -v} added (replacing one on the same target, as Compose does). */
    private static List<MountSpec> mounts(DesiredProject project, String serviceName, List<MountSpec> serviceMounts,
                                          OneOffOptions options) {
        List<MountSpec> added = OneOffAdditions.mounts(options.volumes(), serviceName, source -> {
            DesiredVolume declared = project.volumes().get(source);
            return declared != null ? declared.name() : source; // undeclared: a volume of that name, as docker run -v
        });
        List<MountSpec> mounts = new ArrayList<>(serviceMounts);
        mounts.removeIf(mount -> added.stream().anyMatch(extra -> extra.target().equals(mount.target())));
        mounts.addAll(added);
        return mounts;
    }

    public static ContainerSpec spec(DesiredProject project, ObservedState observed, String serviceName,
                                     OneOffOptions options) {
        DesiredService service = project.services().get(serviceName);
        if (service == null) {
            throw new EngineException("no such service: " + serviceName + " (defined: "
                    + String.join(", ", project.services().keySet()) + ")");
        }
        ContainerSpec replica = new Replicas(project, observed).spec(service, 1);
        String name = options.name() != null ? options.name() : generatedName(project.name(), serviceName);
        Map<String, String> labels = new TreeMap<>(replica.labels());
        labels.put(Labels.ONEOFF, "True");
        labels.put(Labels.CONTAINER_NUMBER, "1");
        List<String> environment = new ArrayList<>(replica.environment());
        environment.addAll(options.environment());
        List<String> entrypoint = options.entrypoint() != null ? options.entrypoint() : replica.entrypoint();
        List<String> command = options.command() != null ? options.command()
                : options.entrypoint() != null ? List.of() : replica.command();
        ContainerSpec spec = replica;
        List<io.berth.runtime.PortBinding> ports = new ArrayList<>(options.servicePorts() ? spec.ports() : List.of());
        ports.addAll(OneOffAdditions.ports(options.publish()));
        return new ContainerSpec(name, labels, spec.image(), entrypoint, command, environment,
                options.user() != null ? options.user() : spec.user(), spec.groupAdd(),
                options.workingDir() != null ? options.workingDir() : spec.workingDir(), spec.hostname(),
                spec.domainname(), options.tty(), options.interactive(), spec.stopSignal(), spec.stopGracePeriod(),
                mounts(project, serviceName, spec.mounts(), options), spec.networkMode(),
                options.useAliases() ? spec.networks() : withoutAliases(spec), ports, spec.extraHosts(), spec.dns(),
                spec.dnsSearch(), spec.dnsOptions(), spec.readOnlyRootfs(), spec.capAdd(), spec.capDrop(),
                spec.privileged(), spec.resources(), ContainerSpec.RestartPolicy.NO, spec.sysctls(), spec.ulimits(),
                spec.shmSizeBytes(), spec.ipcMode(), spec.pidMode(), spec.links(), spec.options());
    }
}
