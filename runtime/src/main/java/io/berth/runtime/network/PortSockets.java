package io.berth.runtime.network;

import io.berth.runtime.PortBinding;
import io.berth.runtime.RuntimeOperationException;
import io.berth.runtime.RuntimeOperationException.Kind;
import java.io.Closeable;
import java.io.IOException;
import java.util.ArrayList;
import java.util.List;

/**
 * A container's published ports resolved and bound in one step, under the host network lock: the
 * port chosen is the port whose socket was taken. A range tries its next port when a bind fails
 * rather than trusting an earlier probe (issue 11, item 11: a probe that found a port free, then a
 * bind of the same port that failed, left a replica of {@code up --scale} Created); port 0 asks the
 * kernel again. A failure names the holder where it can be found.
 */
final class PortSockets {
    private static final int EPHEMERAL_TRIES = 20;

    record Taken(List<PortBinding> bindings, List<Closeable> sockets) {
    }

    private PortSockets() {
    }

    static Taken take(String serviceName, List<PortBinding> ports, List<PublishedPortRules.Rule> existing) {
        List<PortBinding> bindings = new ArrayList<>();
        List<Closeable> sockets = new ArrayList<>();
        try {
            for (PortBinding port : ports) {
                String protocol = PortChecks.protocolOf(port);
                String hostIp = PortChecks.hostIpOf(port);
                PortBinding bound = port.hostPort() == 0
                        ? takeEphemeral(port, protocol, hostIp, existing, bindings, sockets)
                        : takeFixed(serviceName, port, protocol, hostIp, existing, bindings, sockets);
                bindings.add(bound);
            }
            return new Taken(List.copyOf(bindings), List.copyOf(sockets));
        } catch (RuntimeException e) {
            HeldPorts.closeAll(sockets);
            throw e;
        }
    }

    private static PortBinding takeFixed(String serviceName, PortBinding port, String protocol, String hostIp,
                                         List<PublishedPortRules.Rule> existing, List<PortBinding> taken,
                                         List<Closeable> sockets) {
        int last = PortChecks.lastHostPort(port);
        String what = PortChecks.requestedPorts(serviceName, port, protocol, hostIp);
        String why = null;
        for (int candidate = port.hostPort(); candidate <= last; candidate++) {
            PortBinding wanted = new PortBinding(port.containerPort(), protocol, hostIp, candidate);
            why = PortChecks.takenByBerth(wanted, taken, existing);
            if (why != null) {
                continue;
            }
            try {
                sockets.add(HeldPorts.bind(wanted));
                return wanted;
            } catch (IOException e) {
                why = "is already in use on this host (" + e.getMessage()
                        + PortHolders.describe(protocol, candidate) + ")";
            }
        }
        throw PortChecks.noneFree(what, port, why);
    }

    private static PortBinding takeEphemeral(PortBinding port, String protocol, String hostIp,
                                             List<PublishedPortRules.Rule> existing, List<PortBinding> taken,
                                             List<Closeable> sockets) {
        IOException last = null;
        for (int attempt = 0; attempt < EPHEMERAL_TRIES; attempt++) {
            PortBinding wanted = new PortBinding(port.containerPort(), protocol, hostIp,
                    PortChecks.freePort(protocol, hostIp, existing, taken));
            try {
                sockets.add(HeldPorts.bind(wanted));
                return wanted;
            } catch (IOException e) {
                last = e; // taken between the kernel's answer and this bind: ask again
            }
        }
        throw new RuntimeOperationException(Kind.FAILED, "choose a free " + protocol + " port: "
                + EPHEMERAL_TRIES + " ports the kernel gave were taken before they could be bound (last: "
                + last.getMessage() + ")");
    }
}
