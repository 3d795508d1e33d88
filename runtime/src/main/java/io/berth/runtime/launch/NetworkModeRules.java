package io.berth.runtime.launch;

import io.berth.runtime.ContainerId;
import io.berth.runtime.ContainerSpec;
import io.berth.runtime.NetworkMode;
import io.berth.runtime.RuntimeOperationException;
import io.berth.runtime.RuntimeOperationException.Kind;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;

/** What a container's network mode decides beyond its network: hostname and sysctls, as Docker. */
public final class NetworkModeRules {
    private NetworkModeRules() {
    }

    /**
     * As Docker: {@code net.*} sysctls need a network namespace of the container's own; with
     * {@code network_mode: host} (or another container's namespace) they would change the host's
     * (or that container's). The launcher refuses them for host mode too; here the error comes at create.
     */
    public static void refuseSharedNetworkSysctls(ContainerSpec spec) {
        if (spec.networkMode() instanceof NetworkMode.Host
                || spec.networkMode() instanceof NetworkMode.Container) {
            for (String key : spec.sysctls().keySet()) {
                if (key.startsWith("net.")) {
                    throw new RuntimeOperationException(Kind.INVALID, "create container " + spec.name() + ": sysctl "
                            + key + " is not allowed with network_mode " + (spec.networkMode()
                            instanceof NetworkMode.Host ? "host" : "container:")
                            + " (it would change a network namespace that is not the container's own)");
                }
            }
        }
    }

    /**
     * The spec's hostname, else Docker's default: the short container id, or with
     * {@code network_mode: host} the host's own hostname (the container still has its own UTS
     * namespace, so a given hostname changes only the container's).
     */
    public static String hostname(ContainerId id, ContainerSpec spec) {
        if (spec.hostname() != null && !spec.hostname().isBlank()) {
            return spec.hostname();
        }
        if (spec.networkMode() instanceof NetworkMode.Host) {
            try {
                String host = Files.readString(Path.of("/proc/sys/kernel/hostname")).strip();
                if (!host.isEmpty()) {
                    return host;
                }
            } catch (IOException unreadable) {
                // the short id then
            }
        }
        return id.shortId();
    }
}
