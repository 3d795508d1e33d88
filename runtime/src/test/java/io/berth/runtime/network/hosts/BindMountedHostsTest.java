package io.berth.runtime.network.hosts;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import java.io.BufferedReader;
import java.io.InputStreamReader;
import java.io.OutputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * A bind mount of /etc/hosts sees every refresh. The mount is made by {@code unshare -m}
 * (a child in its own, private mount namespace), never in the host's.
 */
@Tag("root")
class BindMountedHostsTest {
    @TempDir
    Path dir;

    @Test
    void aBindMountedHostsFileSeesTheRewrite() throws Exception {
        assumeTrue("root".equals(System.getProperty("user.name")), "needs root to mount (in its own namespace)");
        assumeTrue(Files.isExecutable(Path.of("/usr/bin/unshare")), "needs util-linux unshare");
        Path hosts = dir.resolve("hosts");
        Path target = dir.resolve("container-etc-hosts");
        Files.writeString(target, "");
        PeerView web = new PeerView("demo-web-1", "web", "web", null,
                Map.of("demo_default", new PeerView.Endpoint("10.1.0.2", List.of(), "10.1.0.1")), List.of(), List.of(), hosts);
        HostsFiles.refreshAll(List.of(web));
        Process child = new ProcessBuilder("unshare", "-m", "--propagation", "private", "sh", "-c",
                "mount --bind " + hosts + " " + target + " && echo mounted && read go && grep -c demo-db-1 " + target)
                .redirectErrorStream(true).start();
        try {
            BufferedReader out = new BufferedReader(new InputStreamReader(child.getInputStream(), StandardCharsets.UTF_8));
            assertEquals("mounted", out.readLine());
            PeerView db = new PeerView("demo-db-1", "db", "db", null,
                    Map.of("demo_default", new PeerView.Endpoint("10.1.0.3", List.of(), "10.1.0.1")), List.of(), List.of(), null);
            assertEquals(1, HostsFiles.refreshAll(List.of(web, db)));
            OutputStream in = child.getOutputStream();
            in.write("go\n".getBytes(StandardCharsets.US_ASCII));
            in.flush();
            assertEquals("1", out.readLine(), "the container's view of /etc/hosts lists the new peer");
        } finally {
            child.destroyForcibly();
            child.waitFor();
        }
    }
}
