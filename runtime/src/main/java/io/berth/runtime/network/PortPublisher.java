package io.berth.runtime.network;

import io.berth.runtime.ContainerId;
import io.berth.runtime.PortBinding;
import io.berth.runtime.PortClaim;
import io.berth.runtime.RuntimeOperationException;
import io.berth.runtime.RuntimeOperationException.Kind;
import io.berth.runtime.state.StateLock;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Set;

/**
 * Published ports as iptables DNAT rules, Docker's way without its userland proxy (but holding
 * each host port's socket as that proxy does, see {@link HeldPorts}): one rule per
 * port in the container's first network's {@code BERTH-DNAT-<id12>} chain (jumped from nat
 * PREROUTING and OUTPUT for local destinations), so a port answers on 127.0.0.1 (the bridge has
 * {@code route_localnet=1} and loopback sources are masqueraded), on every host address, and
 * from other containers through a host address. Each rule carries the comment
 * {@code berth:<id12>:...}, so the container's rules are found and removed from the kernel's
 * own state, even after a restart of the supervisor.
 *
 * <p>Call {@link #checkAvailable} before creating anything (conflicts name service and port),
 * {@link #publish} after {@link NetworkManager#attach}, {@link #unpublish} when the container stops,
 * {@link #retake} for running containers when a new supervisor starts.
 */
public final class PortPublisher {
    private PortPublisher() {
    }

    /**
     * Fails with CONFLICT ("service web: host port 8080/tcp is already in use ...") when a fixed
     * host port is taken by a socket on this host, by another Berth container, or twice in
     * {@code ports}. Ports left at 0 are not checked.
     */
    public static void checkAvailable(String serviceName, List<PortBinding> ports) {
        StateLock.run(NetworkManager.HOST_LOCK, () ->
                PortChecks.check(serviceName, ports, PublishedPortRules.all(NetworkFirewall.save("nat"))));
    }

    /**
     * {@link io.berth.runtime.ContainerRuntime#checkPorts}: every claim's fixed host ports, with the
     * rules of the {@code leaving} containers counted as free. CONFLICT naming service and port.
     */
    public static void checkClaims(List<PortClaim> claims, Set<ContainerId> leaving) {
        Set<String> leavingShortIds = new HashSet<>();
        leaving.forEach(id -> leavingShortIds.add(id.shortId()));
        StateLock.run(NetworkManager.HOST_LOCK, () ->
                PortChecks.checkClaims(claims, leavingShortIds, PublishedPortRules.all(NetworkFirewall.save("nat"))));
    }

    /**
     * Installs the DNAT rules for {@code ports} towards the container's first non-internal interface and returns
     * the bindings with every host port resolved (a free one chosen where it was 0). Empty when the
     * container has no bridge interface (host, none and shared namespaces publish nothing).
     */
    public static List<PortBinding> publish(String serviceName, ContainerNetwork network, List<PortBinding> ports) {
        if (ports.isEmpty() || network.interfaces().isEmpty()) {
            return List.of();
        }
        // The first network with a way in: an internal network forwards nothing, DNATed or not.
        ContainerNetwork.Interface target = network.interfaces().stream().filter(link -> !link.internal())
                .findFirst().orElse(network.interfaces().get(0));
        String chain = "BERTH-DNAT-" + target.bridge().substring(3);
        return StateLock.with(NetworkManager.HOST_LOCK, () -> {
            List<PublishedPortRules.Rule> existing = PublishedPortRules.all(NetworkFirewall.save("nat"));
            PortSockets.Taken taken = PortSockets.take(serviceName, ports, existing);
            StringBuilder script = new StringBuilder("*nat\n");
            for (PortBinding binding : taken.bindings()) {
                script.append("-A ").append(chain).append(' ')
                        .append(PublishedPortRules.ruleSpec(network.containerId(), binding, target.address()))
                        .append('\n');
            }
            script.append("COMMIT\n");
            HeldPorts.adopt(network.containerId(), taken.sockets());
            try {
                NetworkFirewall.restore("publish ports of service " + serviceName, script.toString());
            } catch (RuntimeException e) {
                HeldPorts.release(network.containerId());
                throw e;
            }
            return taken.bindings();
        });
    }

    /** Removes every published-port rule of the container and closes its host sockets (nothing when there is none). */
    public static void unpublish(ContainerId containerId) {
        HeldPorts.release(containerId);
        StateLock.run(NetworkManager.HOST_LOCK, () -> {
            List<String> deletions = PublishedPortRules.deletionsFor(containerId, NetworkFirewall.save("nat"));
            if (!deletions.isEmpty()) {
                NetworkFirewall.restore("remove the published ports of container " + containerId.shortId(),
                        "*nat\n" + String.join("\n", deletions) + "\nCOMMIT\n");
            }
        });
    }

    /**
     * For a container that kept running while no supervisor did: binds its published ports' host
     * sockets again. Returns what could not be taken back ("8080/tcp: Address already in use"):
     * the DNAT rules still deliver the traffic, but another program now holds the port too.
     */
    public static List<String> retake(ContainerId containerId) {
        return HeldPorts.retake(containerId, published(containerId));
    }

    /**
     * {@link #retake} for every running container at once, reading the rules once (a supervisor
     * start with many containers runs one iptables-save, not one each); what could not be taken
     * back, by container. Nothing runs: nothing is read.
     */
    public static java.util.Map<ContainerId, List<String>> retakeAll(java.util.Collection<ContainerId> running) {
        java.util.Map<ContainerId, List<String>> lost = new java.util.LinkedHashMap<>();
        if (running.isEmpty()) {
            return lost;
        }
        List<PublishedPortRules.Rule> rules = PublishedPortRules.all(NetworkFirewall.save("nat"));
        for (ContainerId id : running) {
            List<PortBinding> bindings = rules.stream().filter(rule -> rule.containerShortId().equals(id.shortId()))
                    .map(PublishedPortRules.Rule::binding).toList();
            if (!bindings.isEmpty()) {
                List<String> notTaken = HeldPorts.retake(id, bindings);
                if (!notTaken.isEmpty()) {
                    lost.put(id, notTaken);
                }
            }
        }
        return lost;
    }

    /** How many host sockets this process holds for the container's published ports. */
    public static int heldSockets(ContainerId containerId) {
        return HeldPorts.count(containerId);
    }

    /** The container's published ports as the kernel has them (for {@code ps} and {@code port}). */
    public static List<PortBinding> published(ContainerId containerId) {
        return PublishedPortRules.all(NetworkFirewall.save("nat")).stream()
                .filter(rule -> rule.containerShortId().equals(containerId.shortId()))
                .map(PublishedPortRules.Rule::binding).toList();
    }

    static RuntimeOperationException conflict(String message) {
        return new RuntimeOperationException(Kind.CONFLICT, message);
    }
}
