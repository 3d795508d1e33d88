package io.berth.runtime.network.hosts;

import io.berth.runtime.ContainerSpec;
import io.berth.runtime.container.LaunchRequest;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;

/**
 * A container's three name files on the host, kept in its own directory and bind-mounted over
 * /etc/hosts, /etc/resolv.conf and /etc/hostname (the files are rewritten in place, so the
 * mounts stay live). Typical use by the supervisor before start:
 * <pre>
 *   NameFiles files = NameFiles.in(containerDir);
 *   files.writeFixed(spec, hostname);                 // resolv.conf, hostname, a first hosts file
 *   launchMounts.addAll(files.mounts());
 *   HostsFiles.refreshAll(views);                     // then on every change of the peers
 * </pre>
 */
public record NameFiles(Path hosts, Path resolvConf, Path hostname) {

    public static NameFiles in(Path containerDir) {
        return new NameFiles(containerDir.resolve("hosts"), containerDir.resolve("resolv.conf"),
                containerDir.resolve("hostname"));
    }

    /**
     * Writes resolv.conf and hostname from the spec, and a hosts file with the localhost lines
     * and extra_hosts if there is none yet ({@link HostsFiles#refreshAll} fills in the peers).
     * With {@code network_mode: host} the hosts file is the host's own plus extra_hosts, as Docker.
     */
    public void writeFixed(ContainerSpec spec, String containerHostname) {
        HostsFiles.writeResolvConf(resolvConf, spec.dns(), spec.dnsSearch(), spec.dnsOptions());
        HostsFiles.writeHostname(hostname, containerHostname);
        if (spec.networkMode() instanceof io.berth.runtime.NetworkMode.Host) {
            HostsFiles.writeHostNetworkHosts(hosts, spec.extraHosts());
        } else if (!Files.exists(hosts)) {
            PeerView alone = new PeerView(containerHostname, null, containerHostname, spec.domainname(),
                    java.util.Map.of(), List.of(), spec.extraHosts(), hosts);
            InPlaceFile.write(hosts, HostsFileContent.render(alone, List.of(alone)));
        }
    }

    /** The bind mounts for the launcher (read-write, like Docker's). */
    public List<LaunchRequest.Mount> mounts() {
        return List.of(
                new LaunchRequest.Mount("bind", hosts, "/etc/hosts", List.of("bind"), null),
                new LaunchRequest.Mount("bind", resolvConf, "/etc/resolv.conf", List.of("bind"), null),
                new LaunchRequest.Mount("bind", hostname, "/etc/hostname", List.of("bind"), null));
    }
}
