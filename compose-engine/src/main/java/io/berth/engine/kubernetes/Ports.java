package io.berth.engine.kubernetes;

import io.berth.model.PortConfig;
import io.berth.model.Service;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;

/**
 * A service's ports: the container ports (from {@code ports} and {@code expose}), the cluster-internal
 * ports that make the service's name resolve and connect, and the published ones. A port published
 * with {@code mode: host} becomes the container port's {@code hostPort}, as Swarm's host mode does.
 */
final class Ports {
    private static final int NODE_PORT_MIN = 30000;
    private static final int NODE_PORT_MAX = 32767;

    /** A container port: number and protocol (upper case, as Kubernetes writes it). */
    record Port(int number, String protocol) {
        String name() {
            return Names.port(protocol, number);
        }
    }

    /** A published port: the port the Service listens on, and the container's. */
    record Published(int port, Port target) {
    }

    private Ports() {
    }

    /** Every port the container listens on, each once, in file order. */
    static List<Port> containerPorts(Service service, Warnings warnings) {
        Map<Port, Boolean> ports = new LinkedHashMap<>();
        for (PortConfig port : service.ports()) {
            ports.put(new Port(port.target(), protocol(port.protocol())), true);
        }
        for (int i = 0; i < service.expose().size(); i++) {
            String entry = service.expose().get(i);
            String[] parts = entry.split("/", 2);
            String protocol = protocol(parts.length > 1 ? parts[1] : null);
            String[] range = parts[0].split("-", 2);
            try {
                int first = Integer.parseInt(range[0].trim());
                int last = range.length > 1 ? Integer.parseInt(range[1].trim()) : first;
                for (int number = first; number <= last && number - first < 1000; number++) {
                    ports.put(new Port(number, protocol), true);
                }
            } catch (NumberFormatException e) {
                warnings.service(service.name(), "expose[" + i + "]", "\"" + entry + "\" is not a port; left out");
            }
        }
        return new ArrayList<>(ports.keySet());
    }

    /** The ports published on the cluster's edge (not those of {@code mode: host}). */
    static List<Published> published(Service service, Warnings warnings) {
        List<Published> published = new ArrayList<>();
        for (int i = 0; i < service.ports().size(); i++) {
            PortConfig port = service.ports().get(i);
            String at = "ports[" + i + "]";
            if (port.published() == null || "host".equals(port.mode())) {
                continue;
            }
            if (port.hostIp() != null && !port.hostIp().isEmpty()) {
                warnings.service(service.name(), at + ".host_ip", "a Service listens on every address of the cluster's edge;"
                        + " " + port.hostIp() + " is not carried over");
            }
            String[] range = port.published().split("-", 2);
            if (range.length > 1) {
                warnings.service(service.name(), at + ".published", "a range of published ports (" + port.published()
                        + ") has no Service equivalent; only " + range[0] + " is published");
            }
            published.add(new Published(Integer.parseInt(range[0].trim()), new Port(port.target(), protocol(port.protocol()))));
        }
        return published;
    }

    /** {@code hostPort} of a container port published with {@code mode: host}, or null. */
    static Integer hostPort(Service service, Port port) {
        for (PortConfig config : service.ports()) {
            if ("host".equals(config.mode()) && config.published() != null && config.target() == port.number()
                    && protocol(config.protocol()).equals(port.protocol())) {
                return Integer.parseInt(config.published().split("-", 2)[0].trim());
            }
        }
        return null;
    }

    /** The Service's port entries for published ports; NodePort only where the number is in the node-port range. */
    static List<Map<String, Object>> servicePorts(String service, List<Published> published, boolean nodePort,
                                                  Warnings warnings) {
        List<Map<String, Object>> entries = new ArrayList<>();
        for (Published port : published) {
            Integer fixed = null;
            if (nodePort) {
                if (port.port() >= NODE_PORT_MIN && port.port() <= NODE_PORT_MAX) {
                    fixed = port.port();
                } else {
                    warnings.service(service, "ports", "published port " + port.port() + " is outside the node-port range "
                            + NODE_PORT_MIN + "-" + NODE_PORT_MAX + ": the cluster picks the node port");
                }
            }
            entries.add(Tree.map("name", Names.port(port.target().protocol(), port.port()), "protocol",
                    port.target().protocol(), "port", port.port(), "targetPort", port.target().number(), "nodePort", fixed));
        }
        return entries;
    }

    private static String protocol(String protocol) {
        return protocol == null || protocol.isEmpty() ? "TCP" : protocol.toUpperCase(Locale.ROOT);
    }
}
