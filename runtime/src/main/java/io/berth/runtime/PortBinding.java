package io.berth.runtime;

/**
 * A published port: container port and protocol ("tcp"/"udp"), host IP ("" for all addresses),
 * host port (0: choose a free one).
 */
public record PortBinding(int containerPort, String protocol, String hostIp, int hostPort) {
}
