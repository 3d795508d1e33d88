package io.berth.runtime.network.hosts;

import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Locale;

/**
 * Docker's legacy link variables, set in the linking container for each {@code links:} entry:
 * {@code DATABASE_PORT=tcp://ip:port} (lowest exposed port), for every exposed port
 * {@code DATABASE_PORT_5432_TCP=tcp://ip:5432} with {@code _ADDR}, {@code _PORT}, {@code _PROTO},
 * then {@code DATABASE_NAME=/client/database} and the linked container's environment as
 * {@code DATABASE_ENV_*} (HOME and PATH left out, as Docker does). Pure.
 */
public final class LinkEnvironment {

    /** A port the linked container exposes: number and "tcp"/"udp". */
    public record ExposedPort(int port, String protocol) {
    }

    private LinkEnvironment() {
    }

    /**
     * @param linkingContainerName the container getting the variables ({@code client})
     * @param alias                the link alias ({@code database})
     * @param peerAddress          the linked container's address on a network they share
     * @param exposedPorts         the linked container's exposed ports
     * @param peerEnvironment      the linked container's environment, KEY=VALUE
     */
    public static List<String> variables(String linkingContainerName, String alias, String peerAddress,
                                         List<ExposedPort> exposedPorts, List<String> peerEnvironment) {
        String prefix = alias.toUpperCase(Locale.ROOT).replaceAll("[^A-Z0-9_]", "_");
        List<ExposedPort> ports = new ArrayList<>(exposedPorts);
        ports.sort(Comparator.comparingInt(ExposedPort::port)
                .thenComparing(port -> port.protocol().equalsIgnoreCase("tcp") ? 0 : 1));
        List<String> env = new ArrayList<>();
        if (!ports.isEmpty()) {
            ExposedPort first = ports.get(0);
            env.add(prefix + "_PORT=" + first.protocol().toLowerCase(Locale.ROOT) + "://" + peerAddress + ":" + first.port());
        }
        for (ExposedPort port : ports) {
            String protocol = port.protocol().toLowerCase(Locale.ROOT);
            String key = prefix + "_PORT_" + port.port() + "_" + protocol.toUpperCase(Locale.ROOT);
            env.add(key + "=" + protocol + "://" + peerAddress + ":" + port.port());
            env.add(key + "_ADDR=" + peerAddress);
            env.add(key + "_PORT=" + port.port());
            env.add(key + "_PROTO=" + protocol);
        }
        env.add(prefix + "_NAME=/" + linkingContainerName + "/" + alias);
        for (String variable : peerEnvironment) {
            int equals = variable.indexOf('=');
            if (equals <= 0) {
                continue;
            }
            String name = variable.substring(0, equals);
            if (!name.equals("HOME") && !name.equals("PATH")) {
                env.add(prefix + "_ENV_" + variable);
            }
        }
        return env;
    }
}
