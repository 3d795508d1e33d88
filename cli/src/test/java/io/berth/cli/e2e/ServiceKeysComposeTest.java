package io.berth.cli.e2e;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import org.junit.jupiter.api.Assumptions;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;

/** Service keys (issue 14) as seen from inside the container, on the real runtime. */
@Tag("root")
class ServiceKeysComposeTest extends RealRuntimeTest {
    private static String exec(Path project, String... command) throws Exception {
        return execOut(project, "app", command);
    }

    @Test
    void secretsAndConfigsAreAtTheirTargetsReadOnlyWithTheirOwnerAndMode() throws Exception {
        Path project = fixture.project("secrets", """
                services:
                  app:
                    image: busybox:local
                    command: ["sleep", "1000"]
                    secrets:
                      - db_password
                      - source: api_key
                        target: custom_key
                        uid: "1000"
                        gid: "1001"
                        mode: 0400
                      - source: token
                        target: /etc/token
                    configs:
                      - app_conf
                      - source: inline
                        target: /etc/inline.conf
                        mode: 0755
                secrets:
                  db_password:
                    file: ./db_password.txt
                  api_key:
                    file: ./api_key.txt
                  token:
                    environment: BERTH_TEST_TOKEN
                configs:
                  app_conf:
                    file: ./app.conf
                  inline:
                    content: |
                      inline config
                """);
        Files.writeString(project.resolve("db_password.txt"), "s3cret\n");
        Files.writeString(project.resolve("api_key.txt"), "key-123\n");
        Files.writeString(project.resolve("app.conf"), "conf=1\n");
        Files.writeString(project.resolve(".env"), "BERTH_TEST_TOKEN=tok-xyz\n");
        fixture.berth(project, "up", "-d").ok();
        try {
            assertEquals("s3cret\n", exec(project, "cat", "/run/secrets/db_password"));
            assertEquals("key-123\n", exec(project, "cat", "/run/secrets/custom_key"));
            assertEquals("1000 1001 400\n", exec(project, "busybox", "stat", "-c", "%u %g %a",
                    "/run/secrets/custom_key"));
            assertEquals("tok-xyz", exec(project, "cat", "/etc/token"));
            assertEquals("0 0 444\n", exec(project, "busybox", "stat", "-c", "%u %g %a", "/etc/token"));
            assertEquals("conf=1\n", exec(project, "cat", "/app_conf"));
            assertEquals("inline config\n", exec(project, "cat", "/etc/inline.conf"));
            assertEquals("755\n", exec(project, "busybox", "stat", "-c", "%a", "/etc/inline.conf"));
            // read-only, as Docker mounts them: not even root in the container can write them
            for (String path : List.of("/run/secrets/db_password", "/run/secrets/custom_key", "/etc/token", "/app_conf")) {
                BerthRun write = fixture.berth(project, "exec", "-T", "app", "sh", "-c", "echo x > " + path);
                assertNotEquals(0, write.exitCode(), path + " is writable: " + write);
            }
            // the copy is not a bind of the host file; the bind of a plain file secret is
            String mounts = exec(project, "cat", "/proc/self/mountinfo");
            assertTrue(mounts.lines().anyMatch(l -> l.contains(" /run/secrets/custom_key ") && l.contains(" - tmpfs ")),
                    mounts);
            assertTrue(mounts.lines().anyMatch(l -> l.contains(" /run/secrets/db_password ") && !l.contains(" - tmpfs ")),
                    mounts);
            // nothing of the copies stays mounted on the host
            assertFalse(Files.readString(Path.of("/proc/mounts")).contains("/files "), "a staging tmpfs left on the host");
            // a restart serves them again
            fixture.berth(project, "restart").ok();
            assertEquals("key-123\n", exec(project, "cat", "/run/secrets/custom_key"));
        } finally {
            fixture.berth(project, "down").ok();
        }
    }

    @Test
    void aSecretWhoseVariableIsUnsetIsRefusedAndNothingStarts() throws Exception {
        Path project = fixture.project("nosecret", """
                services:
                  app:
                    image: busybox:local
                    command: ["sleep", "1000"]
                    secrets: [token]
                secrets:
                  token:
                    environment: BERTH_TEST_UNSET_VARIABLE
                """);
        BerthRun up = fixture.berth(project, "up", "-d");
        assertNotEquals(0, up.exitCode(), up.toString());
        assertTrue(up.err().contains("BERTH_TEST_UNSET_VARIABLE is not set"), up.toString());
        assertTrue(fixture.berth(project, "ps", "-a", "-q").ok().out().isBlank());
    }

    @Test
    void upNamesEachUnsupportedKeyOncePerServiceAndRefusesWhatCannotBeLeftOut() throws Exception {
        Path project = fixture.project("unsupported", """
                services:
                  app:
                    image: busybox:local
                    command: ["sleep", "1000"]
                    oom_kill_disable: true
                    deploy:
                      replicas: 2
                """);
        BerthRun up = fixture.berth(project, "up", "-d").ok();
        String warning = "service app: oom_kill_disable is not supported by berth";
        assertEquals(1, up.err().split(warning, -1).length - 1, up.toString());
        fixture.berth(project, "down").ok();

        Path refused = fixture.project("refused", """
                services:
                  app:
                    image: busybox:local
                    command: ["sleep", "1000"]
                    gpus: all
                    runtime: runsc
                """);
        BerthRun refusedUp = fixture.berth(refused, "up", "-d");
        assertNotEquals(0, refusedUp.exitCode(), refusedUp.toString());
        assertTrue(refusedUp.err().contains("service app: gpus is not supported by berth"), refusedUp.toString());
        assertTrue(refusedUp.err().contains("service app: runtime is not supported by berth"), refusedUp.toString());
        assertTrue(fixture.berth(refused, "ps", "-a", "-q").ok().out().isBlank());
        BerthRun run = fixture.berth(refused, "run", "--rm", "app", "true");
        assertNotEquals(0, run.exitCode(), run.toString());
        assertTrue(run.err().contains("service app: gpus is not supported by berth"), run.toString());
    }

    @Test
    void initTrueMakesBerthInitPid1ThatReapsOrphansForwardsSigtermAndPassesTheExitCodeOn() throws Exception {
        // the orphaned sleep is reparented to PID 1 and becomes a zombie unless PID 1 reaps it
        String command = "trap 'exit 7' TERM; sh -c 'sleep 0.2 &'; while true; do sleep 0.1; done";
        Path project = fixture.project("init", """
                services:
                  app:
                    image: busybox:local
                    init: true
                    command: ["sh", "-c", "%s"]
                  plain:
                    image: busybox:local
                    command: ["sh", "-c", "sh -c 'sleep 0.2 &'; exec sleep 1000"]
                """.formatted(command.replace("\"", "\\\"")));
        fixture.berth(project, "up", "-d").ok();
        try {
            assertEquals("berth-init\n", exec(project, "cat", "/proc/1/comm"));
            assertEquals("sh\n", exec(project, "sh", "-c", "read child rest < /proc/1/task/1/children; cat /proc/$child/comm"));
            Thread.sleep(1000);
            // zombies whose parent is PID 1 (orphans): a sleep 0.1 of the loop is a zombie of its
            // shell for a moment, which a loaded machine can make long enough to be counted
            String zombies = "for s in /proc/[0-9]*/stat; do cat $s; echo; done | busybox grep -c ') Z 1 ' || true";
            assertEquals("0\n", exec(project, "sh", "-c", zombies), "a zombie under init: true");
            BerthRun plain = fixture.berth(project, "exec", "-T", "plain", "sh", "-c", zombies).ok();
            assertEquals("1\n", plain.out(), "without init the orphan stays a zombie (the check works)");
            fixture.berth(project, "stop", "app").ok();
            var app = fixture.runtime.listContainers(java.util.Map.of()).stream()
                    .filter(container -> container.name().equals("init-app-1")).findFirst().orElseThrow();
            assertEquals(7, app.exitCode(), "SIGTERM reached the command through berth-init and its exit code came back");
        } finally {
            fixture.berth(project, "down", "-t", "1").ok();
        }
    }

    @Test
    void tmpfsGetsDockersNoexecNosuidNodevAndLoggingRotatesOrKeepsNothing() throws Exception {
        Path project = fixture.project("tmpfslog", """
                services:
                  app:
                    image: busybox:local
                    command: ["sh", "-c", "i=0; while [ $$i -lt 100 ]; do echo line-$$i-xxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxx; i=$$((i+1)); done; exec sleep 1000"]
                    tmpfs:
                      - /scratch
                      - /runx:exec,size=1m
                    volumes:
                      - type: tmpfs
                        target: /long
                        tmpfs:
                          size: 1048576
                    logging:
                      driver: json-file
                      options:
                        max-size: 2k
                        max-file: "2"
                  quiet:
                    image: busybox:local
                    command: ["sh", "-c", "echo hidden; exec sleep 1000"]
                    logging:
                      driver: none
                """);
        fixture.berth(project, "up", "-d").ok();
        try {
            List<String> mounts = exec(project, "cat", "/proc/mounts").lines().toList();
            String scratch = mounts.stream().filter(l -> l.contains(" /scratch ")).findFirst().orElseThrow();
            String runx = mounts.stream().filter(l -> l.contains(" /runx ")).findFirst().orElseThrow();
            String long_ = mounts.stream().filter(l -> l.contains(" /long ")).findFirst().orElseThrow();
            for (String line : List.of(scratch, long_)) {
                assertTrue(line.contains("nosuid") && line.contains("nodev") && line.contains("noexec"), line);
            }
            assertTrue(runx.contains("nosuid") && runx.contains("nodev") && !runx.contains("noexec")
                    && runx.contains("size=1024k"), runx);

            // the supervisor's log pump runs every 200 ms: the last line logged means all was pumped
            String appLogs = "";
            long deadline = System.nanoTime() + java.time.Duration.ofSeconds(60).toNanos();
            while (!appLogs.contains("line-99-") && System.nanoTime() < deadline) {
                Thread.sleep(200);
                appLogs = fixture.berth(project, "logs", "app").ok().out();
            }
            assertTrue(appLogs.contains("line-99-"), appLogs);
            Path app = containerDir("tmpfslog-app-1");
            assertTrue(Files.exists(app.resolve("container.log.1")), "rotated by max-size");
            assertFalse(Files.exists(app.resolve("container.log.2")), "max-file 2 keeps two files");
            assertTrue(Files.size(app.resolve("container.log.1")) <= 2048, "max-size 2k");

            BerthRun quiet = fixture.berth(project, "logs", "quiet").ok();
            assertFalse(quiet.out().contains("hidden"), quiet.toString());
            assertTrue(quiet.err().contains("logging driver \"none\" keeps no logs"), quiet.toString());
            assertFalse(Files.exists(containerDir("tmpfslog-quiet-1").resolve("container.log")));
        } finally {
            fixture.berth(project, "down", "-t", "1").ok();
        }
    }

    private static Path containerDir(String name) {
        var container = fixture.runtime.listContainers(java.util.Map.of()).stream()
                .filter(c -> c.name().equals(name)).findFirst().orElseThrow();
        return fixture.config.stateRoot().resolve("containers").resolve(container.id().value());
    }

    @Test
    void devicesAppearAndTheDeviceCgroupAllowsThemWithTheirPermissions() throws Exception {
        Assumptions.assumeTrue(Files.exists(Path.of("/dev/net/tun")) && Files.exists(Path.of("/dev/fuse")),
                "the host has no /dev/net/tun or /dev/fuse");
        // checked by the service's own process: exec'd processes are not in the container's
        // device cgroup until the exec rewrite (issue on exec) lands
        String checks = "(exec 3<>/dev/net/tun && echo tun-opened; exec 4</dev/myfuse && echo fuse-read;"
                + " exec 5>/dev/myfuse && echo fuse-written) > /tmp/result 2>/dev/null; exec sleep 1000";
        Path project = fixture.project("devices", """
                services:
                  app:
                    image: busybox:local
                    command: ["sh", "-c", "%s"]
                    devices:
                      - /dev/net/tun
                      - /dev/fuse:/dev/myfuse:r
                """.formatted(checks));
        fixture.berth(project, "up", "-d").ok();
        try {
            assertEquals("a:c8\n", exec(project, "busybox", "stat", "-c", "%t:%T", "/dev/net/tun"));
            assertEquals("a:e5\n", exec(project, "busybox", "stat", "-c", "%t:%T", "/dev/myfuse"));
            assertEquals("tun-opened\nfuse-read\n", exec(project, "cat", "/tmp/result"),
                    "rwm for tun; only r for fuse");
        } finally {
            fixture.berth(project, "down", "-t", "1").ok();
        }
    }

    @Test
    void oomScoreAdjMemReservationAndSwapTwiceTheLimit() throws Exception {
        Path project = fixture.project("memory", """
                services:
                  app:
                    image: busybox:local
                    command: ["sleep", "1000"]
                    oom_score_adj: 500
                    mem_limit: 64m
                    mem_reservation: 32m
                """);
        BerthRun up = fixture.berth(project, "up", "-d").ok();
        assertFalse(up.err().contains("not supported"), up.toString());
        try {
            assertEquals("500\n", exec(project, "cat", "/proc/1/oom_score_adj"));
            String memory = "/sys/fs/cgroup/memory/";
            if (Files.isDirectory(Path.of("/sys/fs/cgroup/memory"))) { // cgroup v1, as on this machine
                assertEquals("33554432\n", exec(project, "cat", memory + "memory.soft_limit_in_bytes"));
                if (Files.exists(Path.of("/sys/fs/cgroup/memory/memory.memsw.limit_in_bytes"))) {
                    assertEquals("134217728\n", exec(project, "cat", memory + "memory.memsw.limit_in_bytes"));
                }
            } else {
                assertEquals("33554432\n", exec(project, "cat", "/sys/fs/cgroup/memory.low"));
                assertEquals("67108864\n", exec(project, "cat", "/sys/fs/cgroup/memory.swap.max"));
            }
        } finally {
            fixture.berth(project, "down", "-t", "1").ok();
        }
    }

    @Test
    void networkModeServiceSharesTheHostnameAndExposeIsShownInPs() throws Exception {
        Path project = fixture.project("sharedhost", """
                services:
                  main:
                    image: busybox:local
                    hostname: mainhost
                    expose: ["5000", "6000/udp"]
                    command: ["sleep", "1000"]
                  side:
                    image: busybox:local
                    network_mode: "service:main"
                    command: ["sleep", "1000"]
                """);
        fixture.berth(project, "up", "-d").ok();
        try {
            String ps = fixture.berth(project, "ps").ok().out();
            assertTrue(ps.lines().anyMatch(line -> line.contains("sharedhost-main-1") && line.contains("5000/tcp")
                    && line.contains("6000/udp")), "expose shown in ps: " + ps);
            assertEquals("mainhost\n", fixture.berth(project, "exec", "-T", "side", "cat", "/proc/sys/kernel/hostname").ok().out());
            // the service's own environment (an exec'd process gets the create-time one until the exec rewrite)
            assertEquals("HOSTNAME=mainhost\n", fixture.berth(project, "exec", "-T", "side", "sh", "-c",
                    "busybox tr '\\0' '\\n' < /proc/1/environ | busybox grep ^HOSTNAME=").ok().out());
        } finally {
            fixture.berth(project, "down", "-t", "1").ok();
        }
    }

    @Test
    void ipcServiceJoinsTheOthersNamespaceAndHostTheHosts() throws Exception {
        Path project = fixture.project("ipc", """
                services:
                  a:
                    image: busybox:local
                    ipc: shareable
                    command: ["sleep", "1000"]
                  b:
                    image: busybox:local
                    ipc: "service:a"
                    command: ["sleep", "1000"]
                  h:
                    image: busybox:local
                    ipc: host
                    command: ["sleep", "1000"]
                """);
        BerthRun up = fixture.berth(project, "up", "-d").ok();
        assertFalse(up.err().contains("not supported"), up.toString());
        try {
            String a = fixture.berth(project, "exec", "-T", "a", "busybox", "readlink", "/proc/1/ns/ipc").ok().out();
            String b = fixture.berth(project, "exec", "-T", "b", "busybox", "readlink", "/proc/1/ns/ipc").ok().out();
            String h = fixture.berth(project, "exec", "-T", "h", "busybox", "readlink", "/proc/1/ns/ipc").ok().out();
            assertEquals(a, b, "b joined a's IPC namespace");
            assertEquals(Files.readSymbolicLink(Path.of("/proc/self/ns/ipc")) + "\n", h, "h has the host's");
            assertNotEquals(a, h);
        } finally {
            fixture.berth(project, "down", "-t", "1").ok();
        }
    }

    @Test
    void pidServiceJoinsTheOthersNamespaceAndHostTheHosts() throws Exception {
        Path project = fixture.project("pidns", """
                services:
                  a:
                    image: busybox:local
                    command: ["sleep", "1001"]
                  b:
                    image: busybox:local
                    pid: "service:a"
                    command: ["sh", "-c", "echo $$$$ > /tmp/mypid; exec sleep 1000"]
                  h:
                    image: busybox:local
                    pid: host
                    command: ["sleep", "1000"]
                """);
        BerthRun up = fixture.berth(project, "up", "-d").ok();
        assertFalse(up.err().contains("not supported"), up.toString());
        try {
            String a = fixture.berth(project, "exec", "-T", "a", "busybox", "readlink", "/proc/1/ns/pid").ok().out();
            String b = fixture.berth(project, "exec", "-T", "b", "busybox", "readlink", "/proc/1/ns/pid").ok().out();
            assertEquals(a, b, "b joined a's PID namespace");
            assertNotEquals("1\n", fixture.berth(project, "exec", "-T", "b", "cat", "/tmp/mypid").ok().out());
            // seen from the host: exec into a pid: host container is the exec rewrite's (it fails today)
            long hPid = fixture.runtime.listContainers(java.util.Map.of()).stream()
                    .filter(c -> c.name().equals("pidns-h-1")).findFirst().orElseThrow().pid();
            assertEquals(Files.readSymbolicLink(Path.of("/proc/self/ns/pid")),
                    Files.readSymbolicLink(Path.of("/proc/" + hPid + "/ns/pid")), "h has the host's");
            long began = System.nanoTime();
            fixture.berth(project, "stop", "-t", "20", "b", "h").ok();
            assertTrue(System.nanoTime() - began < 15_000_000_000L, "SIGTERM ends a process that is not PID 1");
        } finally {
            fixture.berth(project, "down", "-t", "1").ok();
        }
    }
}
