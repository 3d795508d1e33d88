package io.berth.runtime.network;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.berth.runtime.ContainerId;
import io.berth.runtime.ContainerSpec;
import io.berth.runtime.ImageReference;
import io.berth.runtime.NetworkAttachment;
import io.berth.runtime.NetworkMode;
import io.berth.runtime.NetworkSpec;
import io.berth.runtime.PortBinding;
import io.berth.runtime.network.hosts.HostsFileContent;
import io.berth.runtime.network.hosts.HostsFiles;
import io.berth.runtime.network.hosts.PeerView;
import io.berth.runtime.network.hosts.PeerViews;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Map;
import java.util.stream.Stream;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;

/**
 * shared/bench/stack3 at the network layer: db on back, web on front+back with a published
 * port, client on both with {@code links: ["db:database"]}, names from generated hosts files
 * ({@code ip netns exec} bind-mounts /etc/netns/NAME/hosts over /etc/hosts, as the container's
 * bind mount would).
 */
@Tag("root")
class Stack3ScenarioTest {
    private static final Path ETC_NETNS = Path.of("/etc/netns");

    private NetTestSupport net;
    private boolean createdEtcNetns;
    private final List<Path> hostsDirs = new ArrayList<>();
    private final List<Member> members = new ArrayList<>();

    record Member(String name, ContainerSpec spec, ContainerNetwork network) {
    }

    @BeforeEach
    void setUp() throws Exception {
        net = new NetTestSupport();
        createdEtcNetns = !Files.exists(ETC_NETNS);
    }

    @AfterEach
    void tearDown() throws Exception {
        if (net == null) {
            return;
        }
        try {
            net.close();
        } finally {
            for (Path dir : hostsDirs) {
                try (Stream<Path> files = Files.walk(dir)) {
                    files.sorted(Comparator.reverseOrder()).forEach(path -> path.toFile().delete());
                }
            }
            if (createdEtcNetns) {
                Files.deleteIfExists(ETC_NETNS);
            }
        }
    }

    private Member run(String service, int replica, List<String> networks, List<ContainerSpec.LinkSpec> links)
            throws IOException {
        String name = "berthtest-" + service + "-" + replica;
        ContainerId id = net.newContainer();
        List<NetworkAttachment> attachments = networks.stream()
                .map(network -> new NetworkAttachment(network, List.of(service), null, null, null)).toList();
        ContainerSpec simple = ContainerSpec.simple(name, ImageReference.parse("busybox:local"), List.of("true"));
        ContainerSpec spec = new ContainerSpec(name, Map.of(PeerViews.SERVICE_LABEL, service), simple.image(), null,
                simple.command(), List.of(), null, List.of(), null, null, null, false, false, null, null, List.of(),
                new NetworkMode.Bridge(), attachments, List.of(), List.of(), List.of(), List.of(), List.of(), false,
                List.of(), List.of(), false, null, null, Map.of(), List.of(), null, null, null, links);
        ContainerNetwork network = net.manager.attach(id, name, spec.networkMode(), spec.networks());
        Path dir = Files.createDirectories(ETC_NETNS.resolve(net.netns(id)));
        hostsDirs.add(dir);
        Member member = new Member(name, spec, network);
        members.add(member);
        return member;
    }

    private List<PeerView> views() {
        return members.stream().map(member -> PeerViews.of(member.name(), member.spec(), member.network(),
                ETC_NETNS.resolve(net.netns(member.network().containerId())).resolve("hosts"))).toList();
    }

    private void serve(Member member, String body) throws Exception {
        Path root = Files.createDirectories(net.stateRoot.resolve("www-" + member.name()));
        Files.writeString(root.resolve("index.html"), body + "\n");
        net.start("ip", "netns", "exec", net.netns(member.network().containerId()), "busybox", "httpd", "-f",
                "-p", "80", "-h", root.toString());
        NetTestSupport.awaitBound(net.netns(member.network().containerId()), "tcp", 80);
    }

    private String fetch(Member from, String host) {
        HostCommand.Result result = net.inNetns(from.network().containerId(), "busybox", "timeout", "3", "busybox",
                "wget", "-q", "-O", "-", "http://" + host + "/");
        return result.ok() ? result.stdout().strip() : "FAILED";
    }

    @Test
    void servicesFindEachOtherByNameLinkAliasAndScaleOnlyWhereTheyShareANetwork() throws Exception {
        for (String network : List.of("berthtest_front", "berthtest_back")) {
            net.manager.create(new NetworkSpec(network, "bridge", Map.of(), null, null, null, false, Map.of()));
        }
        Member db = run("db", 1, List.of("berthtest_back"), List.of());
        Member web = run("web", 1, List.of("berthtest_front", "berthtest_back"), List.of());
        Member client = run("client", 1, List.of("berthtest_front", "berthtest_back"),
                List.of(new ContainerSpec.LinkSpec(db.name(), "database")));
        Member frontOnly = run("proxy", 1, List.of("berthtest_front"), List.of());
        HostsFiles.refreshAll(views());
        serve(db, "db here");
        serve(web, "web here");
        int port = PortPublisher.publish("web", web.network(), List.of(new PortBinding(80, "tcp", "127.0.0.1", 0))).get(0).hostPort();
        Thread.sleep(300);

        assertEquals("web here", fetch(client, "web"));
        assertEquals("db here", fetch(client, "database"));
        assertEquals("db here", fetch(client, "berthtest-db-1"));
        assertEquals("FAILED", fetch(frontOnly, "db"));
        assertEquals("FAILED", fetch(frontOnly, db.network().primaryAddress()));
        assertEquals("web here", PublishedPortTest.httpGet("127.0.0.1", port, "/").strip());

        for (int replica = 2; replica <= 5; replica++) {
            run("client", replica, List.of("berthtest_front", "berthtest_back"),
                    List.of(new ContainerSpec.LinkSpec(db.name(), "database")));
        }
        HostsFiles.refreshAll(views());
        Path webHosts = ETC_NETNS.resolve(net.netns(web.network().containerId())).resolve("hosts");
        Map<String, List<String>> names = HostsFileContent.parse(Files.readString(webHosts));
        assertEquals(10, names.get("client").size(), "five clients on each of two shared networks: " + names.get("client"));
        assertTrue(names.containsKey("berthtest-client-5") && names.containsKey("client-5"));
        assertFalse(names.containsKey("database"), "the link alias is the client's, not web's");

        members.remove(members.size() - 1);
        HostsFiles.refreshAll(views());
        assertFalse(Files.readString(webHosts).contains("berthtest-client-5"));
    }
}
