package io.berth.runtime.network.hosts;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.berth.runtime.ContainerSpec.LinkSpec;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

class HostsFileContentTest {

    static PeerView view(String service, int replica, Map<String, PeerView.Endpoint> endpoints, List<LinkSpec> links) {
        return new PeerView("demo-" + service + "-" + replica, service, "host" + service + replica, null,
                endpoints, links, List.of(), null);
    }

    static PeerView.Endpoint at(String address, String... aliases) {
        return new PeerView.Endpoint(address, List.of(aliases), "10.1.0.1");
    }

    @Test
    void listsLocalhostOwnHostnameAndPeersOnSharedNetworksOnly() {
        PeerView web = view("web", 1, Map.of("demo_front", at("10.1.0.2", "www")), List.of());
        PeerView db = view("db", 1, Map.of("demo_back", at("10.2.0.2")), List.of());
        PeerView api = view("api", 1, linked("demo_front", at("10.1.0.3"), "demo_back", at("10.2.0.3")), List.of());
        String hosts = HostsFileContent.render(web, List.of(web, db, api));
        assertTrue(hosts.startsWith("127.0.0.1\tlocalhost\n::1\tlocalhost ip6-localhost ip6-loopback\n"), hosts);
        assertTrue(hosts.contains("10.1.0.2\thostweb1\n"), hosts);
        assertTrue(hosts.contains("10.1.0.3\tapi demo-api-1 api-1\n"), hosts);
        assertTrue(hosts.contains("10.1.0.2\tweb demo-web-1 web-1 www\n"), hosts);
        assertFalse(hosts.contains("db"), "db is not on a network web shares:\n" + hosts);
        String apiHosts = HostsFileContent.render(api, List.of(web, db, api));
        assertTrue(apiHosts.contains("10.2.0.2\tdb demo-db-1 db-1\n"), apiHosts);
    }

    @Test
    void aScaledServiceMapsToEveryReplicaAndReplicaNamesToOne() {
        List<PeerView> everyone = new ArrayList<>();
        for (int i = 1; i <= 5; i++) {
            everyone.add(view("client", i, Map.of("demo_default", at("10.1.0." + (10 + i))), List.of()));
        }
        PeerView web = view("web", 1, Map.of("demo_default", at("10.1.0.2")), List.of());
        everyone.add(web);
        Map<String, List<String>> names = HostsFileContent.parse(HostsFileContent.render(web, everyone));
        assertEquals(List.of("10.1.0.11", "10.1.0.12", "10.1.0.13", "10.1.0.14", "10.1.0.15"), names.get("client"));
        assertEquals(List.of("10.1.0.13"), names.get("demo-client-3"));
        assertEquals(List.of("10.1.0.13"), names.get("client-3"));
    }

    @Test
    void linksAddTheirAliasInTheLinkingContainerOnly() {
        PeerView db = view("db", 1, Map.of("demo_default", at("10.1.0.5")), List.of());
        PeerView client = view("client", 1, Map.of("demo_default", at("10.1.0.6")),
                List.of(new LinkSpec("demo-db-1", "database")));
        List<PeerView> everyone = List.of(db, client);
        assertEquals(List.of("10.1.0.5"), HostsFileContent.parse(HostsFileContent.render(client, everyone)).get("database"));
        assertFalse(HostsFileContent.parse(HostsFileContent.render(db, everyone)).containsKey("database"));
    }

    @Test
    void extraHostsDomainAndHostGateway() {
        PeerView web = new PeerView("demo-web-1", "web", "web", "example.org",
                Map.of("demo_default", at("10.1.0.2")), List.of(),
                List.of("somehost:162.242.195.82", "other=10.9.9.9", "gw:host-gateway", "v6:[::1]"), null);
        String hosts = HostsFileContent.render(web, List.of(web));
        assertTrue(hosts.contains("162.242.195.82\tsomehost\n"), hosts);
        assertTrue(hosts.contains("10.9.9.9\tother\n"), hosts);
        assertTrue(hosts.contains("10.1.0.1\tgw\n"), hosts);
        assertTrue(hosts.contains("::1\tv6\n"), hosts);
        assertTrue(hosts.contains("10.1.0.2\tweb.example.org web\n"), hosts);
    }

    @Test
    void noNetworkMeansLocalhostLinesOnly() {
        PeerView lonely = new PeerView("demo-job-1", "job", "job", null, Map.of(), List.of(), List.of(), null);
        assertEquals(HostsFileContent.LOCALHOST_LINES, HostsFileContent.render(lonely, List.of(lonely)));
    }

    private static Map<String, PeerView.Endpoint> linked(String n1, PeerView.Endpoint e1, String n2, PeerView.Endpoint e2) {
        Map<String, PeerView.Endpoint> map = new LinkedHashMap<>();
        map.put(n1, e1);
        map.put(n2, e2);
        return map;
    }
}
