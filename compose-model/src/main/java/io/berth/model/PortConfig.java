package io.berth.model;

/**
 * One published or exposed port, long form. {@code published} is a string as in Compose: a port,
 * a range ({@code "8000-8010"}) or null when the host port is chosen at random.
 */
public record PortConfig(
        String name,
        String mode,
        String hostIp,
        int target,
        String published,
        String protocol,
        String appProtocol) {
}
