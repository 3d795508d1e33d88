package io.berth.runtime.network.hosts;

import io.berth.runtime.RuntimeOperationException;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Collection;
import java.util.List;

/**
 * Writes the name files of containers: /etc/hosts (see {@link HostsFileContent}), /etc/resolv.conf
 * (see {@link ResolvConfContent}) and /etc/hostname, each rewritten in place (see
 * {@link InPlaceFile}) so the container's bind mount sees the change at once.
 *
 * <p>The supervisor calls {@link #refreshAll} with every visible container whenever one is
 * created, removed, started, stopped or scaled; only files whose content changes are written,
 * so it is cheap to call often (a few hundred containers take milliseconds).
 */
public final class HostsFiles {
    private static final Object WRITING = new Object();

    private HostsFiles() {
    }

    /** Rewrites the /etc/hosts of every view with a {@code hostsFile}; returns how many changed. */
    public static int refreshAll(Collection<PeerView> everyone) {
        int changed = 0;
        HostsFileContent.Index index = new HostsFileContent.Index(everyone);
        synchronized (WRITING) {
            for (PeerView view : everyone) {
                if (view.hostsFile() != null && InPlaceFile.write(view.hostsFile(), HostsFileContent.render(view, index))) {
                    changed++;
                }
            }
        }
        return changed;
    }

    /** Writes a container's /etc/resolv.conf from its dns settings and the host's /etc/resolv.conf. */
    public static void writeResolvConf(Path file, List<String> dns, List<String> dnsSearch, List<String> dnsOptions) {
        InPlaceFile.write(file, ResolvConfContent.render(dns, dnsSearch, dnsOptions, readHostResolvConf()));
    }

    /** Writes a container's /etc/hostname. */
    public static void writeHostname(Path file, String hostname) {
        InPlaceFile.write(file, hostname + "\n");
    }

    /** {@code network_mode: host}: the host's /etc/hosts, then the extra_hosts lines. */
    public static void writeHostNetworkHosts(Path file, List<String> extraHosts) {
        String content;
        try {
            Path host = Path.of("/etc/hosts");
            content = Files.isReadable(host) ? Files.readString(host) : HostsFileContent.LOCALHOST_LINES;
        } catch (IOException e) {
            throw new RuntimeOperationException(RuntimeOperationException.Kind.FAILED,
                    "read the host's /etc/hosts: " + e.getMessage(), e);
        }
        StringBuilder text = new StringBuilder(content.endsWith("\n") || content.isEmpty() ? content : content + "\n");
        for (String extra : extraHosts) {
            String line = HostsFileContent.extraHostLine(extra, null);
            if (line != null) {
                text.append(line).append('\n');
            }
        }
        InPlaceFile.write(file, text.toString());
    }

    static String readHostResolvConf() {
        Path host = Path.of("/etc/resolv.conf");
        try {
            return Files.isReadable(host) ? Files.readString(host) : "";
        } catch (IOException e) {
            throw new RuntimeOperationException(RuntimeOperationException.Kind.FAILED,
                    "read the host's /etc/resolv.conf: " + e.getMessage(), e);
        }
    }
}
