package io.berth.runtime.network.hosts;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.berth.runtime.network.hosts.LinkEnvironment.ExposedPort;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** resolv.conf, link variables, and the in-place writer. */
class NameFilesTest {
    @TempDir
    Path dir;

    @Test
    void resolvConfUsesComposeSettingsElseHostResolversWithoutLoopback() {
        String host = "# generated\nnameserver 127.0.0.53\nnameserver 10.0.0.2\nsearch corp.example\noptions edns0\n";
        assertEquals("search corp.example\nnameserver 10.0.0.2\noptions edns0\n",
                ResolvConfContent.render(List.of(), List.of(), List.of(), host));
        assertEquals("search a.example b.example\nnameserver 1.1.1.1\noptions ndots:2\n",
                ResolvConfContent.render(List.of("1.1.1.1"), List.of("a.example", "b.example"), List.of("ndots:2"), host));
        assertEquals("nameserver 8.8.8.8\nnameserver 8.8.4.4\n",
                ResolvConfContent.render(List.of(), List.of(), List.of(), "nameserver 127.0.0.53\n"));
    }

    @Test
    void linkVariablesFollowDocker() {
        List<String> env = LinkEnvironment.variables("client", "database", "10.1.0.5",
                List.of(new ExposedPort(5432, "tcp"), new ExposedPort(53, "udp")),
                List.of("POSTGRES_DB=app", "PATH=/usr/bin", "HOME=/root"));
        assertEquals(List.of(
                "DATABASE_PORT=udp://10.1.0.5:53",
                "DATABASE_PORT_53_UDP=udp://10.1.0.5:53",
                "DATABASE_PORT_53_UDP_ADDR=10.1.0.5",
                "DATABASE_PORT_53_UDP_PORT=53",
                "DATABASE_PORT_53_UDP_PROTO=udp",
                "DATABASE_PORT_5432_TCP=tcp://10.1.0.5:5432",
                "DATABASE_PORT_5432_TCP_ADDR=10.1.0.5",
                "DATABASE_PORT_5432_TCP_PORT=5432",
                "DATABASE_PORT_5432_TCP_PROTO=tcp",
                "DATABASE_NAME=/client/database",
                "DATABASE_ENV_POSTGRES_DB=app"), env);
        assertTrue(LinkEnvironment.variables("web", "my-db", "10.1.0.9", List.of(), List.of()).contains("MY_DB_NAME=/web/my-db"));
    }

    @Test
    void inPlaceWriteKeepsTheInodeAndSkipsUnchangedContent() throws Exception {
        Path hosts = dir.resolve("hosts");
        assertTrue(InPlaceFile.write(hosts, "a long first version of the file\n"));
        Object inode = Files.getAttribute(hosts, "unix:ino");
        assertTrue(InPlaceFile.write(hosts, "short\n"));
        assertEquals("short\n", Files.readString(hosts));
        assertEquals(inode, Files.getAttribute(hosts, "unix:ino"));
        assertFalse(InPlaceFile.write(hosts, "short\n"));
    }

    @Test
    void nameFilesAreWrittenAndMountedOverEtc() throws Exception {
        NameFiles files = NameFiles.in(dir.resolve("container"));
        io.berth.runtime.ContainerSpec spec = io.berth.runtime.ContainerSpec.simple("demo-web-1",
                io.berth.runtime.ImageReference.parse("busybox:local"), List.of("true"));
        files.writeFixed(spec, "abc123def456");
        assertEquals("abc123def456\n", Files.readString(files.hostname()));
        assertTrue(Files.readString(files.hosts()).startsWith("127.0.0.1\tlocalhost\n"));
        assertTrue(Files.readString(files.resolvConf()).contains("nameserver "));
        assertEquals(List.of("/etc/hosts", "/etc/resolv.conf", "/etc/hostname"),
                files.mounts().stream().map(io.berth.runtime.container.LaunchRequest.Mount::destination).toList());
    }

    @Test
    void refreshAllRewritesEveryChangedFileQuickly() throws Exception {
        List<PeerView> everyone = new ArrayList<>();
        for (int i = 1; i <= 200; i++) {
            everyone.add(new PeerView("demo-web-" + i, "web", "web" + i, null,
                    Map.of("demo_default", new PeerView.Endpoint("10.1." + (i / 250) + "." + (i % 250 + 2), List.of(), "10.1.0.1")),
                    List.of(), List.of(), dir.resolve("web" + i + "/hosts")));
        }
        long start = System.nanoTime();
        assertEquals(200, HostsFiles.refreshAll(everyone));
        long firstMillis = (System.nanoTime() - start) / 1_000_000;
        start = System.nanoTime();
        assertEquals(0, HostsFiles.refreshAll(everyone));
        long unchangedMillis = (System.nanoTime() - start) / 1_000_000;
        List<PeerView> scaledDown = everyone.subList(0, 199);
        start = System.nanoTime();
        assertEquals(199, HostsFiles.refreshAll(scaledDown));
        long millis = (System.nanoTime() - start) / 1_000_000;
        assertFalse(Files.readString(dir.resolve("web1/hosts")).contains("demo-web-200"));
        System.out.printf("BENCH hosts files: refreshAll of 200 containers (200 peers each): first write %d ms,"
                + " unchanged %d ms, after removing one (199 rewritten) %d ms%n", firstMillis, unchangedMillis, millis);
        assertTrue(millis < 1000, "refreshAll took " + millis + " ms");
    }
}
