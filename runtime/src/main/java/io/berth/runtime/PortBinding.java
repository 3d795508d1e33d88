package io.berth.runtime;

/**
 * A published port: container port and protocol ("tcp"/"udp"), host IP ("" for all addresses),
 * host port (0: choose a free one). {@code hostPortEnd} > {@code hostPort} gives a range
 * ({@code "8000-8010:80"}): the first free port of the range is published; 0 means no range.
 */
public record PortBinding(int containerPort, String protocol, String hostIp, int hostPort, int hostPortEnd) {

    /** A single host port (or 0 for any free one). */
    public PortBinding(int containerPort, String protocol, String hostIp, int hostPort) {
        this(containerPort, protocol, hostIp, hostPort, 0);
    }

    /** True when the host side is a range to choose from. */
    public boolean hostPortRange() {
        return hostPort != 0 && hostPortEnd > hostPort;
    }
}
