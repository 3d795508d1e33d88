package io.berth.runtime.network.hosts;

import io.berth.runtime.ContainerSpec.LinkSpec;
import java.util.ArrayList;
import java.util.Collection;
import java.util.Comparator;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * The /etc/hosts of one container, link-style (no DNS server): Docker's localhost lines, the
 * {@code extra_hosts}, the container's own address with its hostname, then for every container on
 * a network it shares (itself included, so a scaled service lists every replica) one line per
 * address with the service name, the container name, the {@code service-N} replica name, its
 * aliases on that network and this container's {@code links} aliases for it. Pure.
 */
public final class HostsFileContent {
    static final String LOCALHOST_LINES = """
            127.0.0.1\tlocalhost
            ::1\tlocalhost ip6-localhost ip6-loopback
            fe00::0\tip6-localnet
            ff00::0\tip6-mcastprefix
            ff02::1\tip6-allnodes
            ff02::2\tip6-allrouters
            """;

    private HostsFileContent() {
    }

    public static String render(PeerView self, Collection<PeerView> everyone) {
        return render(self, new Index(everyone));
    }

    /**
     * Every container's base names per network, computed once for a whole refresh, so writing
     * the files of n containers costs n times the lines, not n times n name computations.
     */
    public static final class Index {
        private final Map<String, List<Entry>> byNetwork = new java.util.HashMap<>();

        record Entry(String containerName, String address, List<String> names) {
        }

        public Index(Collection<PeerView> everyone) {
            List<PeerView> peers = new ArrayList<>(everyone);
            peers.sort(Comparator.comparing(PeerView::containerName));
            for (PeerView peer : peers) {
                String replica = replicaName(peer);
                peer.endpoints().forEach((network, endpoint) -> {
                    if (endpoint.address() == null || endpoint.address().isBlank()) {
                        return;
                    }
                    Set<String> names = new LinkedHashSet<>();
                    addName(names, peer.serviceName());
                    addName(names, peer.containerName());
                    addName(names, replica);
                    endpoint.aliases().forEach(alias -> addName(names, alias));
                    byNetwork.computeIfAbsent(network, k -> new ArrayList<>())
                            .add(new Entry(peer.containerName(), endpoint.address(), List.copyOf(names)));
                });
            }
        }
    }

    public static String render(PeerView self, Index index) {
        Set<String> lines = new LinkedHashSet<>();
        String firstGateway = self.endpoints().values().stream().map(PeerView.Endpoint::gateway)
                .filter(gateway -> gateway != null).findFirst().orElse(null);
        for (String extra : self.extraHosts()) {
            String line = extraHostLine(extra, firstGateway);
            if (line != null) {
                lines.add(line);
            }
        }
        self.endpoints().values().stream().findFirst().ifPresent(own -> lines.add(own.address() + "\t" + hostnames(self)));
        for (String network : self.endpoints().keySet()) {
            for (Index.Entry peer : index.byNetwork.getOrDefault(network, List.of())) {
                List<String> names = peer.names();
                for (LinkSpec link : self.links()) {
                    if (link.containerName().equals(peer.containerName()) && link.alias() != null
                            && !link.alias().isBlank() && !names.contains(link.alias())) {
                        names = new ArrayList<>(names);
                        names.add(link.alias().strip());
                    }
                }
                if (!names.isEmpty()) {
                    lines.add(peer.address() + "\t" + String.join(" ", names));
                }
            }
        }
        StringBuilder content = new StringBuilder(LOCALHOST_LINES);
        lines.forEach(line -> content.append(line).append('\n'));
        return content.toString();
    }

    private static String hostnames(PeerView self) {
        String hostname = self.hostname() == null || self.hostname().isBlank() ? self.containerName() : self.hostname();
        if (self.domainname() != null && !self.domainname().isBlank()) {
            return hostname + "." + self.domainname() + " " + hostname;
        }
        return hostname;
    }

    /** {@code project-web-2} of service {@code web} is also {@code web-2}. */
    static String replicaName(PeerView peer) {
        if (peer.serviceName() == null || peer.containerName() == null) {
            return null;
        }
        Matcher matcher = Pattern.compile("(?:^|.*[-_])" + Pattern.quote(peer.serviceName()) + "[-_](\\d+)$")
                .matcher(peer.containerName());
        return matcher.matches() ? peer.serviceName() + "-" + matcher.group(1) : null;
    }

    private static void addName(Set<String> names, String name) {
        if (name != null && !name.isBlank()) {
            names.add(name.strip());
        }
    }

    /** "name:ip", "name=ip" or "a b:ip" as an /etc/hosts line; null when it is not one. */
    static String extraHostLine(String entry, String hostGateway) {
        int separator = entry.indexOf('=');
        if (separator < 0) {
            separator = entry.indexOf(':');
        }
        if (separator <= 0) {
            return null;
        }
        String names = entry.substring(0, separator).strip();
        String address = entry.substring(separator + 1).strip();
        if (address.startsWith("[") && address.endsWith("]")) {
            address = address.substring(1, address.length() - 1);
        }
        if (address.equals("host-gateway")) {
            if (hostGateway == null) {
                return null;
            }
            address = hostGateway;
        }
        return address.isEmpty() || names.isEmpty() ? null : address + "\t" + names;
    }

    /** Names to addresses as a resolver reading the file first-match would see them (for tests and tools). */
    public static Map<String, List<String>> parse(String content) {
        Map<String, List<String>> byName = new java.util.LinkedHashMap<>();
        for (String line : content.split("\n")) {
            String[] words = line.strip().split("\\s+");
            if (words.length < 2 || words[0].startsWith("#")) {
                continue;
            }
            for (int i = 1; i < words.length; i++) {
                byName.computeIfAbsent(words[i], k -> new ArrayList<>()).add(words[0]);
            }
        }
        return byName;
    }
}
