package io.berth.runtime;

import java.time.Instant;
import java.util.List;
import java.util.Map;

/** A network as it exists on this host; {@code bridge} is the Linux interface name. */
public record NetworkInfo(String id, String name, String driver, String bridge, String subnet,
                          String gateway, boolean internal, Map<String, String> labels,
                          Instant createdAt, List<ContainerId> containers) {
}
