package io.berth.runtime.launch;

import static org.junit.jupiter.api.Assertions.assertEquals;

import io.berth.runtime.ContainerSpec;
import io.berth.runtime.ImageReference;
import io.berth.runtime.NetworkMode;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The preflight's decisions, on a fake /proc/sys and image layer (no kernel needed). */
class ContainerPreflightTest {
    private static final ImageReference IMAGE = ImageReference.parse("busybox:local");

    @TempDir
    Path dir;

    private static ContainerSpec spec(String user, List<String> groupAdd, List<String> capAdd, List<String> capDrop,
                                      Map<String, String> sysctls, NetworkMode networkMode) {
        ContainerSpec simple = ContainerSpec.simple("c", IMAGE, List.of("true"));
        return new ContainerSpec("c", Map.of(), IMAGE, null, List.of("true"), List.of(), user, groupAdd, null, null,
                null, false, false, null, null, List.of(), networkMode == null ? simple.networkMode() : networkMode,
                List.of(), List.of(), List.of(), List.of(), List.of(), List.of(), false, capAdd, capDrop, false, null,
                null, sysctls, List.of(), null, null, null, List.of());
    }

    private Path procSys(String... files) throws IOException {
        Path root = dir.resolve("proc-sys");
        for (String file : files) {
            Files.createDirectories(root.resolve(file).getParent());
            Files.writeString(root.resolve(file), "0\n");
        }
        return Files.createDirectories(root);
    }

    private List<Path> layer() throws IOException {
        Path layer = Files.createDirectories(dir.resolve("layer/etc"));
        Files.writeString(layer.resolve("passwd"), "root:x:0:0:root:/root:/bin/sh\napp:x:1000:1000::/home/app:/bin/sh\n");
        Files.writeString(layer.resolve("group"), "root:x:0:\nstaff:x:50:app\n");
        return List.of(dir.resolve("layer"));
    }

    @Test
    void aGoodSpecHasNoProblems() throws IOException {
        ContainerSpec good = spec("app:staff", List.of("staff", "4242"), List.of("net_admin", "CAP_SYS_TIME", "ALL"),
                List.of("MKNOD", "all"), Map.of("net.ipv4.ip_forward", "1", "net.ipv4.conf.eth0.rp_filter", "0",
                        "kernel.shmmax", "1"), null);
        Path procSys = procSys("net/ipv4/ip_forward", "net/ipv4/conf/default/rp_filter", "kernel/shmmax");
        assertEquals(List.of(), ContainerPreflight.problems(good, null, layer(), procSys));
    }

    @Test
    void everyProblemIsReportedAtOnce() throws IOException {
        ContainerSpec bad = spec("nobody", List.of("wheel", "staff"), List.of("FOO"), List.of("cap_bar"),
                Map.of("kernel.panic", "1", "net.ipv4.nosuch", "1", "kernel.shm../../x", "1"), null);
        assertEquals(List.of(
                "cap_add: unknown capability: \"CAP_FOO\"",
                "cap_drop: unknown capability: \"CAP_BAR\"",
                "sysctls: kernel.panic is not namespaced: it would change the host (Berth sets only net.*, "
                        + "kernel.shm*, kernel.msg*, kernel.sem and fs.mqueue.*)",
                "sysctls: kernel.shm../../x is not namespaced: it would change the host (Berth sets only net.*, "
                        + "kernel.shm*, kernel.msg*, kernel.sem and fs.mqueue.*)",
                "sysctls: net.ipv4.nosuch: this kernel has no such setting (no " + dir.resolve("proc-sys/net/ipv4/nosuch") + ")",
                "user: unable to find user nobody: no matching entries in passwd file",
                "group_add: unable to find group wheel: no matching entries in group file"),
                ContainerPreflight.problems(bad, null, layer(), procSys()));
    }

    @Test
    void networkSysctlsAreRefusedInASharedNetworkNamespace() throws IOException {
        ContainerSpec host = spec(null, List.of(), List.of(), List.of(), Map.of("net.ipv4.ip_forward", "1"),
                new NetworkMode.Host());
        assertEquals(List.of("sysctls: net.ipv4.ip_forward is not allowed with network_mode host (it would change a "
                + "network namespace that is not the container's own)"),
                ContainerPreflight.problems(host, null, layer(), procSys("net/ipv4/ip_forward")));
    }

    @Test
    void withoutTheImageUsersAndGroupsAreNotJudged() throws IOException {
        ContainerSpec spec = spec("nobody", List.of("wheel"), List.of(), List.of(), Map.of(), null);
        assertEquals(List.of(), ContainerPreflight.problems(spec, null, null, procSys()));
    }
}
