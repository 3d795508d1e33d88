package io.berth.runtime.init;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

/** The config format; berth-init.c parses what encode writes (decode is the reference). */
class InitConfigTest {
    @Test
    void everyFieldSurvivesEncodingIncludingTabsNewlinesAndBackslashes() {
        InitConfig config = new InitConfig("/var/lib/berth/c/rootfs", List.of("sh", "-c", "printf 'a\\tb\\n'\\\\"),
                List.of("MULTI=line1\nline2", "TAB=a\tb", "EMPTY="), "/work dir", 1000, 1001, List.of(29, 44),
                "web", "example.test", true,
                List.of(new InitConfig.Mount("bind", "/host/data", "/data", List.of("ro", "rprivate"), ""),
                        new InitConfig.Mount("tmpfs", null, "/run", List.of(), "size=1m,mode=755")),
                List.of("CAP_CHOWN", "CAP_KILL"), true, false, Map.of("net.ipv4.ip_forward", "1"),
                List.of(new InitConfig.Rlimit("nofile", 1024, 4096)), 1 << 20,
                List.of("/sys/fs/cgroup/pids/berth/x/cgroup.procs"),
                List.of(new InitConfig.CgroupFs("cgroup", "cpu,cpuacct", "cpu,cpuacct")));
        InitConfig decoded = InitConfig.decode(config.encode());
        assertEquals(config.argv(), decoded.argv());
        assertEquals(config.env(), decoded.env());
        assertEquals(new InitConfig.Mount("tmpfs", "", "/run", List.of(), "size=1m,mode=755"), decoded.mounts().get(1));
        assertEquals(config.mounts().get(0), decoded.mounts().get(0));
        assertEquals(config.cgroupFs(), decoded.cgroupFs());
        assertEquals(config.encode(), decoded.encode());
    }

    @Test
    void capabilitiesReachTheInitStageAsBitNumbersResolvedByTheJavaTable() {
        InitConfig config = new InitConfig("/r", List.of("true"), List.of(), "/", 0, 0, List.of(), "", "", false,
                List.of(), List.of("CAP_KILL", "chown", "cap_net_raw"), false, false, Map.of(), List.of(), 0,
                List.of(), List.of(), false);
        assertEquals(List.of("cap\t0", "cap\t5", "cap\t13"),
                config.encode().lines().filter(line -> line.startsWith("cap\t")).toList());
        assertEquals(List.of("CAP_CHOWN", "CAP_KILL", "CAP_NET_RAW"), InitConfig.decode(config.encode()).capabilities());
        InitConfig unknown = new InitConfig("/r", List.of("true"), List.of(), "/", 0, 0, List.of(), "", "", false,
                List.of(), List.of("CAP_FLY"), false, false, Map.of(), List.of(), 0, List.of(), List.of(), false);
        assertEquals("unknown capability: CAP_FLY", assertThrows(IllegalArgumentException.class, unknown::encode).getMessage());
    }
}
