package io.berth.runtime.network;

import io.berth.runtime.PortBinding;
import io.berth.runtime.PortClaim;
import io.berth.runtime.RuntimeOperationException;
import io.berth.runtime.RuntimeOperationException.Kind;
import java.io.IOException;
import java.net.DatagramSocket;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.ServerSocket;
import java.util.ArrayList;
import java.util.List;
import java.util.Set;

/**
 * Whether a host port can be published: not bound by a socket on this host (tried by binding
 * it, TCP or UDP), not published by another Berth container, not twice in one request.
 */
final class PortChecks {
    private PortChecks() {
    }

    static String protocolOf(PortBinding port) {
        String protocol = port.protocol() == null || port.protocol().isBlank() ? "tcp" : port.protocol().toLowerCase();
        if (!protocol.equals("tcp") && !protocol.equals("udp")) {
            throw new RuntimeOperationException(Kind.INVALID, "publish port " + port.containerPort()
                    + ": protocol \"" + port.protocol() + "\" is not supported (tcp or udp)");
        }
        return protocol;
    }

    /** "" for every address ("", "0.0.0.0" and "::" alike), else the IPv4 address. */
    static String hostIpOf(PortBinding port) {
        String hostIp = port.hostIp() == null ? "" : port.hostIp().strip();
        if (hostIp.isEmpty() || hostIp.equals("0.0.0.0") || hostIp.equals("::")) {
            return "";
        }
        try {
            return Ipv4Address.parse(hostIp).toString();
        } catch (IllegalArgumentException e) {
            throw new RuntimeOperationException(Kind.INVALID, "publish port " + port.containerPort()
                    + ": host IP \"" + hostIp + "\" is not an IPv4 address (IPv6 is not supported)");
        }
    }

    static void check(String serviceName, List<PortBinding> ports, List<PublishedPortRules.Rule> existing) {
        checkClaims(List.of(new PortClaim(serviceName, serviceName, ports)), Set.of(), existing);
    }

    /**
     * Every fixed host port of every claim, in order: taken by an earlier claim, by a Berth rule of
     * a container not in {@code leavingShortIds}, or by a socket of another program. Rules of
     * leaving containers count as free: they go (and their held sockets close) before the new
     * containers start.
     */
    static void checkClaims(List<PortClaim> claims, Set<String> leavingShortIds, List<PublishedPortRules.Rule> existing) {
        List<Seen> seen = new ArrayList<>();
        for (PortClaim claim : claims) {
            for (PortBinding port : claim.ports()) {
                checkOne(claim, port, seen, leavingShortIds, existing);
            }
        }
    }

    private static void checkOne(PortClaim claim, PortBinding port, List<Seen> seen, Set<String> leavingShortIds,
                                 List<PublishedPortRules.Rule> existing) {
        if (port.hostPort() == 0) {
            return;
        }
        String protocol = protocolOf(port);
        String hostIp = hostIpOf(port);
        int last = lastHostPort(port);
        String what = requestedPorts(claim.service(), port, protocol, hostIp);
        String why = null;
        for (int candidate = port.hostPort(); candidate <= last; candidate++) {
            PortBinding wanted = new PortBinding(port.containerPort(), protocol, hostIp, candidate);
            why = whyTaken(wanted, claim, seen, leavingShortIds, existing);
            if (why == null) {
                seen.add(new Seen(wanted, claim));
                break;
            }
        }
        if (why != null) {
            throw noneFree(what, port, why);
        }
    }

    /** The last host port {@code port} asks for: its range's end, or the port itself. */
    static int lastHostPort(PortBinding port) {
        return port.hostPortRange() ? port.hostPortEnd() : port.hostPort();
    }

    /**
     * "service S: host port [IP:]FIRST[-LAST]/PROTOCOL", the subject of every error about the
     * fixed host port (or range) a service asks for; one outside 1-65535 is refused here.
     */
    static String requestedPorts(String serviceName, PortBinding port, String protocol, String hostIp) {
        int last = lastHostPort(port);
        String what = "service " + serviceName + ": host port " + (hostIp.isEmpty() ? "" : hostIp + ":")
                + port.hostPort() + (last != port.hostPort() ? "-" + last : "") + "/" + protocol;
        if (port.hostPort() < 1 || last > 65535) {
            throw new RuntimeOperationException(Kind.INVALID, what + " is not a port number");
        }
        return what;
    }

    /** No port of what {@code port} asks for is free; {@code why} the last one tried is not. */
    static RuntimeOperationException noneFree(String what, PortBinding port, String why) {
        return PortPublisher.conflict(what + (lastHostPort(port) != port.hostPort()
                ? ": no port of the range is free (last one " + why + ")" : " " + why));
    }

    /** A host port already claimed in this check, and by whom (null: the same request). */
    private record Seen(PortBinding binding, PortClaim claim) {
    }

    /**
     * Null when no Berth rule and no binding of {@code taken} (this request's) has {@code wanted},
     * else why (whether another program holds it is left to the bind that follows).
     */
    static String takenByBerth(PortBinding wanted, List<PortBinding> taken, List<PublishedPortRules.Rule> existing) {
        if (taken.stream().anyMatch(binding -> clash(wanted, binding))) {
            return "is published twice";
        }
        return existing.stream().filter(rule -> clash(wanted, rule.binding())).findFirst()
                .map(rule -> "is already in use: published by Berth container " + rule.containerShortId())
                .orElse(null);
    }

    /** Null when {@code wanted} is free, else why not (for the conflict message). */
    private static String whyTaken(PortBinding wanted, PortClaim claimant, List<Seen> seen, Set<String> leavingShortIds,
                                   List<PublishedPortRules.Rule> existing) {
        for (Seen other : seen) {
            if (clash(wanted, other.binding())) {
                if (other.claim() == null || claimant == null || other.claim().container().equals(claimant.container())) {
                    return "is published twice";
                }
                return other.claim().service().equals(claimant.service())
                        ? "is also claimed by " + other.claim().container() + " of the same service (a fixed host port allows one replica)"
                        : "is also claimed by service " + other.claim().service() + " (" + other.claim().container() + ")";
            }
        }
        boolean leaving = false;
        for (PublishedPortRules.Rule rule : existing) {
            if (clash(wanted, rule.binding())) {
                if (!leavingShortIds.contains(rule.containerShortId())) {
                    return "is already in use: published by Berth container " + rule.containerShortId();
                }
                leaving = true;
            }
        }
        if (leaving) {
            return null; // that container's supervisor holds the socket until it stops, just before
        }
        String bindError = tryBind(wanted.protocol(), wanted.hostIp(), wanted.hostPort());
        return bindError == null ? null : "is already in use on this host (" + bindError + ")";
    }

    private static boolean clash(PortBinding a, PortBinding b) {
        return a.protocol().equals(b.protocol()) && a.hostPort() == b.hostPort()
                && (a.hostIp().isEmpty() || b.hostIp().isEmpty() || a.hostIp().equals(b.hostIp()));
    }

    /** Null when the port could be bound (and was released again), else why not. */
    static String tryBind(String protocol, String hostIp, int port) {
        try {
            InetAddress address = InetAddress.getByName(hostIp.isEmpty() ? "0.0.0.0" : hostIp);
            if (protocol.equals("udp")) {
                try (DatagramSocket socket = new DatagramSocket(null)) {
                    socket.bind(new InetSocketAddress(address, port));
                }
            } else {
                try (ServerSocket socket = new ServerSocket()) {
                    socket.bind(new InetSocketAddress(address, port));
                }
            }
            return null;
        } catch (IOException e) {
            return e.getMessage();
        }
    }

    /** A port the kernel hands out as free, that no Berth rule and no binding in {@code taken} uses. */
    static int freePort(String protocol, String hostIp, List<PublishedPortRules.Rule> existing, List<PortBinding> taken) {
        for (int attempt = 0; attempt < 50; attempt++) {
            int port;
            try {
                InetAddress address = InetAddress.getByName(hostIp.isEmpty() ? "0.0.0.0" : hostIp);
                if (protocol.equals("udp")) {
                    try (DatagramSocket socket = new DatagramSocket(new InetSocketAddress(address, 0))) {
                        port = socket.getLocalPort();
                    }
                } else {
                    try (ServerSocket socket = new ServerSocket(0, 1, address)) {
                        port = socket.getLocalPort();
                    }
                }
            } catch (IOException e) {
                throw new RuntimeOperationException(Kind.FAILED, "choose a free " + protocol + " port: " + e.getMessage(), e);
            }
            PortBinding candidate = new PortBinding(0, protocol, hostIp, port);
            boolean used = existing.stream().anyMatch(rule -> clash(candidate, rule.binding()))
                    || taken.stream().anyMatch(binding -> clash(candidate, binding));
            if (!used) {
                return port;
            }
        }
        throw new RuntimeOperationException(Kind.FAILED, "choose a free " + protocol + " port: none found in 50 tries");
    }
}
