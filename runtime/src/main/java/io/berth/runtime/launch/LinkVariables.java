package io.berth.runtime.launch;

import io.berth.runtime.ContainerSpec;
import io.berth.runtime.ContainerState;
import io.berth.runtime.PortBinding;
import io.berth.runtime.logs.SupervisorLog;
import io.berth.runtime.network.hosts.LinkEnvironment;
import io.berth.runtime.state.ContainerRecord;
import java.util.ArrayList;
import java.util.Collection;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * Docker's legacy {@code links:} variables for a starting container ({@code DB_PORT=tcp://...},
 * {@code DB_NAME}, {@code DB_ENV_*}), from its running peers; its own environment wins a clash.
 */
public final class LinkVariables {
    private LinkVariables() {
    }

    public static List<String> apply(List<String> env, String name, ContainerSpec spec, Map<String, String> ownAddresses,
                              Collection<ContainerRecord> records) {
        if (spec.links().isEmpty()) {
            return env;
        }
        Set<String> keys = new LinkedHashSet<>();
        env.forEach(entry -> keys.add(entry.substring(0, Math.max(0, entry.indexOf('=')))));
        List<String> result = new ArrayList<>(env);
        for (ContainerSpec.LinkSpec link : spec.links()) {
            ContainerRecord peer = records.stream()
                    .filter(r -> r.name().equals(link.containerName()) && r.state() == ContainerState.RUNNING)
                    .findFirst().orElse(null);
            if (peer == null) {
                SupervisorLog.log(name + ": link to " + link.containerName() + " skipped: it is not running");
                continue;
            }
            String address = peer.addresses().entrySet().stream()
                    .filter(entry -> ownAddresses.containsKey(entry.getKey())).map(Map.Entry::getValue)
                    .findFirst().orElse(peer.addresses().values().stream().findFirst().orElse(null));
            if (address == null) {
                continue;
            }
            String alias = link.alias() == null || link.alias().isEmpty() ? link.containerName() : link.alias();
            List<String> peerEnv = peer.launch() == null ? List.of() : peer.launch().env();
            for (String variable : LinkEnvironment.variables(name, alias, address, exposedPorts(peer), peerEnv)) {
                String key = variable.substring(0, variable.indexOf('='));
                if (keys.add(key)) {
                    result.add(variable);
                }
            }
        }
        return List.copyOf(result);
    }

    /** The image's EXPOSE ("5432/tcp", "53/udp", "80") and the container ports it publishes. */
    private static List<LinkEnvironment.ExposedPort> exposedPorts(ContainerRecord peer) {
        Set<LinkEnvironment.ExposedPort> ports = new LinkedHashSet<>();
        List<String> exposed = peer.image() == null || peer.image().config() == null
                || peer.image().config().exposedPorts() == null ? List.of() : peer.image().config().exposedPorts();
        for (String text : exposed) {
            String[] parts = text.split("/");
            try {
                ports.add(new LinkEnvironment.ExposedPort(Integer.parseInt(parts[0].trim()),
                        parts.length > 1 ? parts[1].trim() : "tcp"));
            } catch (NumberFormatException ignored) {
                // a range or garbage: not a link variable
            }
        }
        for (PortBinding port : peer.spec().ports()) {
            ports.add(new LinkEnvironment.ExposedPort(port.containerPort(),
                    port.protocol() == null || port.protocol().isEmpty() ? "tcp" : port.protocol()));
        }
        return List.copyOf(ports);
    }
}
