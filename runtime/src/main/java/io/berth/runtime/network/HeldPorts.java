package io.berth.runtime.network;

import io.berth.runtime.ContainerId;
import io.berth.runtime.PortBinding;
import java.io.Closeable;
import java.io.IOException;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.StandardProtocolFamily;
import java.nio.channels.DatagramChannel;
import java.nio.channels.ServerSocketChannel;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

/**
 * The host sockets this process holds for published ports, as Docker's userland proxy does: while
 * a container runs, its published ports are bound (TCP: listening, so that no other program can
 * take them even with SO_REUSEADDR) and a program that tries gets "address already in use" at
 * once, instead of silently losing its traffic to the DNAT rule. The sockets never see traffic:
 * the DNAT rules rewrite it first. Only if the rules were flushed would a connection land here,
 * and nothing accepts it (backlog 1): it is not proxied. (Accepting and closing such connections
 * would need a selector, and a channel closed while registered keeps its port until the
 * selector deregisters it, which would make a quick restart of the container fail to bind.)
 *
 * <p>IPv4 sockets only ({@link StandardProtocolFamily#INET}): a dual-stack socket would also
 * take the port on IPv6, which Berth does not publish. Process-wide: the supervisor is the one
 * process that publishes, and the sockets go with it (a new supervisor takes them again,
 * {@link #retake}). Spawned children do not inherit them (the spawn closes what it does not name).
 */
final class HeldPorts {
    private static final Map<String, List<Closeable>> HELD = new HashMap<>();

    private HeldPorts() {
    }

    /** Keeps the sockets {@link PortSockets} bound for the container (closing any it held before). */
    static synchronized void adopt(ContainerId containerId, List<Closeable> sockets) {
        closeAll(HELD.remove(containerId.value()));
        HELD.put(containerId.value(), new ArrayList<>(sockets));
    }

    /**
     * After a restart of this process, for a container that kept running: binds what can be bound
     * and returns what could not (another program took it while no one held it).
     */
    static synchronized List<String> retake(ContainerId containerId, List<PortBinding> bindings) {
        closeAll(HELD.remove(containerId.value()));
        List<Closeable> sockets = new ArrayList<>();
        List<String> lost = new ArrayList<>();
        for (PortBinding binding : bindings) {
            try {
                sockets.add(bind(binding));
            } catch (IOException e) {
                lost.add(describe(binding) + ": " + e.getMessage());
            }
        }
        HELD.put(containerId.value(), sockets);
        return lost;
    }

    /** Closes the container's sockets (nothing when it holds none). */
    static synchronized void release(ContainerId containerId) {
        closeAll(HELD.remove(containerId.value()));
    }

    /** How many sockets the container holds (for tests and inspection). */
    static synchronized int count(ContainerId containerId) {
        return HELD.getOrDefault(containerId.value(), List.of()).size();
    }

    static String describe(PortBinding binding) {
        return (binding.hostIp().isEmpty() ? "" : binding.hostIp() + ":") + binding.hostPort() + "/" + binding.protocol();
    }

    static Closeable bind(PortBinding binding) throws IOException {
        InetSocketAddress address = new InetSocketAddress(
                InetAddress.getByName(binding.hostIp().isEmpty() ? "0.0.0.0" : binding.hostIp()), binding.hostPort());
        if (binding.protocol().equals("udp")) {
            DatagramChannel channel = DatagramChannel.open(StandardProtocolFamily.INET);
            try {
                return channel.bind(address);
            } catch (IOException e) {
                channel.close();
                throw e;
            }
        }
        ServerSocketChannel channel = ServerSocketChannel.open(StandardProtocolFamily.INET);
        try {
            return channel.bind(address, 1);
        } catch (IOException e) {
            channel.close();
            throw e;
        }
    }

    static void closeAll(List<Closeable> sockets) {
        if (sockets == null) {
            return;
        }
        for (Closeable socket : sockets) {
            try {
                socket.close();
            } catch (IOException ignored) {
                // a socket that does not close is released when this process exits
            }
        }
    }
}
