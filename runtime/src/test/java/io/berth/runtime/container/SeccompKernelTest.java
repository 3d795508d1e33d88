package io.berth.runtime.container;

import static io.berth.runtime.container.ContainerHarness.sh;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.berth.runtime.linux.Capabilities;
import io.berth.runtime.linux.FdCalls;
import io.berth.runtime.linux.ProcessCalls;
import io.berth.runtime.seccomp.SeccompProgram;
import io.berth.runtime.seccomp.SecurityOptions;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.Assumptions;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;

/**
 * Issue 11 item 3, from inside containers: the default policy (DefaultPolicy, Docker's decisions)
 * lets an ordinary shell work and refuses keyrings and user namespaces (and the exec path loads it too); seccomp=unconfined lifts it; a custom profile
 * applies; no-new-privileges sets no_new_privs, which is otherwise off, as with Docker.
 */
@Tag("root")
class SeccompKernelTest {
    private static final String KEYTEST = """
            #define _GNU_SOURCE
            #include <errno.h>
            #include <stdio.h>
            #include <string.h>
            #include <sys/syscall.h>
            #include <unistd.h>
            static const char *outcome(long result) {
                return result >= 0 ? "ok" : errno == EPERM ? "EPERM" : "other";
            }
            int main(void) {
                /* read-only: the session keyring's id; add_key of a type no kernel has: ENODEV if let through */
                printf("keyctl %s\\n", outcome(syscall(SYS_keyctl, 0, -3, 0)));
                printf("add_key %s\\n", outcome(syscall(SYS_add_key, "berth-no-such-type", "k", "v", 1, -3)));
                return 0;
            }
            """;
    private static ContainerHarness harness;
    private static Path keytest;

    @BeforeAll
    static void setUp() throws Exception {
        harness = ContainerHarness.open("seccomp");
        Path source = harness.stateRoot.resolve("keytest.c");
        Files.writeString(source, KEYTEST);
        keytest = harness.stateRoot.resolve("keytest");
        Process cc = new ProcessBuilder("gcc", "-static", "-O1", "-o", keytest.toString(), source.toString())
                .redirectErrorStream(true).start();
        String said = new String(cc.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
        Assumptions.assumeTrue(cc.waitFor(120, TimeUnit.SECONDS) && cc.exitValue() == 0, "needs gcc -static: " + said);
    }

    @AfterAll
    static void tearDown() throws IOException {
        ContainerHarness.close(harness);
    }

    private static LaunchRequest request(List<String> argv, List<String> securityOpt) {
        LaunchRequest r = harness.request(argv);
        SecurityOptions options = SecurityOptions.parse(securityOpt);
        SeccompProgram seccomp = options.program(false, Capabilities.DOCKER_DEFAULTS);
        List<LaunchRequest.Mount> mounts = List.of(new LaunchRequest.Mount("bind", keytest, "/keytest",
                List.of("bind", "ro"), null));
        return new LaunchRequest(r.id(), r.lowerDirs(), r.upperDir(), r.workDir(), r.rootfs(), r.argv(), r.env(),
                r.workingDir(), r.uid(), r.gid(), r.supplementaryGids(), r.hostname(), r.domainname(), r.netns(),
                r.shareNetnsOf(), r.stdout(), r.stderr(), r.stdinPath(), mounts, r.capabilities(),
                options.noNewPrivileges(), r.readOnlyRootfs(), r.sysctls(), r.rlimits(), r.shmSizeBytes(), r.limits(),
                r.init(), r.ipcNamespace(), r.pidNamespace(), seccomp);
    }

    private static String run(List<String> securityOpt, String script) throws IOException {
        KernelContainerLauncher launcher = new KernelContainerLauncher(Cgroups.detect(), "berth-test-seccomp");
        LaunchRequest request = request(sh(script), securityOpt);
        LaunchedProcess process = launcher.launch(request);
        try {
            ProcessCalls.waitFor(process.pid());
        } finally {
            launcher.cleanup(request);
        }
        return ContainerHarness.stdout(request) + ContainerHarness.stderr(request);
    }

    private static final String PROBE = "grep -E '^(Seccomp|NoNewPrivs):' /proc/self/status; /keytest;"
            + " unshare -U true 2>/dev/null && echo unshare ok || echo unshare refused";

    @Test
    void theDefaultPolicyLetsAnOrdinaryShellWork() throws IOException {
        String script = "cd /tmp && mkdir -p work/sub && echo hello > work/sub/f && chmod 600 work/sub/f"
                + " && chown 1:1 work/sub/f && ln -s sub/f work/link && cat work/link | tr a-z A-Z"
                + " && tar -cf t.tar work && rm -r work && tar -xf t.tar && ls work/sub"
                + " && (sleep 0.1 & wait) && echo $((6 * 7)) | sha256sum | cut -c1-8"
                + " && date +%Y >/dev/null && ps >/dev/null && echo done";
        assertEquals("HELLO\nf\n" + "084c799c" + "\ndone\n", run(List.of(), script));
    }

    @Test
    void theDefaultPolicyRefusesKeyringsAndUserNamespaces() throws IOException {
        assertEquals("NoNewPrivs:\t0\nSeccomp:\t2\nkeyctl EPERM\nadd_key EPERM\nunshare refused\n",
                run(List.of(), PROBE));
    }

    @Test
    void unconfinedLetsThemThrough() throws IOException {
        assertEquals("NoNewPrivs:\t0\nSeccomp:\t0\nkeyctl ok\nadd_key other\nunshare ok\n",
                run(List.of("seccomp=unconfined"), PROBE));
    }

    @Test
    void aCustomProfileDenyingMkdirApplies() throws IOException {
        String profile = "{\"defaultAction\": \"SCMP_ACT_ALLOW\", \"syscalls\": [{\"names\": [\"mkdir\", \"mkdirat\"],"
                + " \"action\": \"SCMP_ACT_ERRNO\"}]}";
        assertEquals("refused\nrmdir ok\n", run(List.of("seccomp=" + profile),
                "mkdir /tmp/made 2>/dev/null && echo made || echo refused; rmdir /proc/1 2>/dev/null; echo rmdir ok"));
    }

    @Test
    void noNewPrivilegesSetsNoNewPrivs() throws IOException {
        assertTrue(run(List.of("no-new-privileges"), PROBE).startsWith("NoNewPrivs:\t1\nSeccomp:\t2\n"));
    }

    @Test
    void anExecGetsTheContainersFilter() throws IOException {
        KernelContainerLauncher launcher = new KernelContainerLauncher(Cgroups.detect(), "berth-test-seccomp");
        LaunchRequest request = request(List.of("sleep", "1000"), List.of());
        LaunchedProcess process = launcher.launch(request);
        try {
            int[] pipe = FdCalls.pipe();
            int devNull = FdCalls.open("/dev/null", FdCalls.O_RDONLY, 0);
            try {
                ContainerExec.run(new ExecRequest(process.pid(), process.startTime(), launcher.cgroupProcs(request.id()), sh(PROBE),
                        request.env(), "/", 0, 0, List.of(), Capabilities.DOCKER_DEFAULTS, false, false,
                        new int[] {devNull, pipe[1], pipe[1]}, List.of(), request.seccomp()));
            } finally {
                FdCalls.closeQuietly(pipe[1]);
                FdCalls.closeQuietly(devNull);
            }
            String output = new String(FdCalls.readToEnd(pipe[0]), StandardCharsets.UTF_8);
            FdCalls.closeQuietly(pipe[0]);
            assertEquals("NoNewPrivs:\t0\nSeccomp:\t2\nkeyctl EPERM\nadd_key EPERM\nunshare refused\n", output);
        } finally {
            launcher.killAll(request.id());
            ProcessCalls.waitFor(process.pid());
            launcher.cleanup(request);
        }
    }
}
