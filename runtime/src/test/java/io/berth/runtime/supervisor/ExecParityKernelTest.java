package io.berth.runtime.supervisor;

import static io.berth.runtime.supervisor.SupervisorLifecycleTest.awaitCondition;
import static org.junit.jupiter.api.Assertions.assertEquals;

import io.berth.runtime.ContainerInfo;
import io.berth.runtime.ContainerSpec;
import io.berth.runtime.ExecSpec;
import io.berth.runtime.NetworkMode;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ThreadLocalRandom;
import java.util.stream.Stream;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;

/**
 * Issue 11 item 1 and issue 14 through the supervisor: an exec gets what PID 1 gets (ulimits,
 * groups with the primary one and group_add, capabilities, the seccomp filter, the environment),
 * and what a healthcheck forks at once is in the container's cgroups.
 */
@Tag("root")
class ExecParityKernelTest extends KernelSupervisorTest {
    private static ContainerSpec spec(String name, List<String> command, Map<String, String> labels) {
        return new ContainerSpec(name, labels, BUSYBOX, null, command, List.of("FROM_SPEC=yes"), null,
                List.of("4242"), null, null, null, false, false, null, null, List.of(), new NetworkMode.None(),
                List.of(), List.of(), List.of(), List.of(), List.of(), List.of(), false, List.of(), List.of(), false,
                null, null, Map.of(), List.of(new ContainerSpec.Ulimit("nofile", 1234, 2345)), null, null, null,
                List.of());
    }

    /** Each check prints its name when it fails; exit 42 when none did. */
    private static final String CHECKS = String.join("; ", List.of(
            "f=0",
            "test \"$(ulimit -n)\" = 1234 || { echo ulimit; f=1; }",
            "grep -q '^Groups:.*\\b0\\b.*\\b4242\\b' /proc/self/status || { echo groups; f=1; }",
            "grep -q '^Groups:.*\\b0\\b.*\\b4242\\b' /proc/1/status || { echo pid1-groups; f=1; }",
            "grep -q '^Seccomp:.*2' /proc/self/status || { echo seccomp; f=1; }",
            "grep -q '^CapEff:.*00000000a80425fb' /proc/self/status || { echo caps; f=1; }",
            "grep -q '^NoNewPrivs:.*0' /proc/self/status || { echo nnp; f=1; }",
            "test \"$FROM_SPEC\" = yes || { echo env; f=1; }",
            "test $f = 0 && exit 42; exit 1"));

    @Test
    void anExecGetsWhatPid1Gets() {
        ContainerInfo info = runtime.createContainer(spec("berth-test-par-exec", List.of("sleep", "1000"), Map.of()));
        try {
            runtime.startContainer(info.id());
            fixture.remember(runtime.inspectContainer(info.id()).orElseThrow());
            int code = runtime.exec(info.id(), new ExecSpec(List.of("sh", "-c", CHECKS), List.of(), null, null,
                    false, false, false, false));
            assertEquals(42, code, "the failed checks are printed above");
        } finally {
            runtime.removeContainer(info.id(), true);
        }
    }

    @Test
    void whatAHealthcheckForksAtOnceIsInTheContainersCgroups() throws Exception {
        String marker = Integer.toString(ThreadLocalRandom.current().nextInt(100_000, 999_999));
        ContainerInfo info = runtime.createContainer(spec("berth-test-par-health", List.of("sleep", "1000"),
                Map.of("io.berth.healthcheck", "{\"test\":[\"CMD-SHELL\",\"sleep " + marker
                        + " >/dev/null 2>&1 & true\"],\"interval_ms\":300,\"retries\":3}")));
        try {
            runtime.startContainer(info.id());
            ContainerInfo running = runtime.inspectContainer(info.id()).orElseThrow();
            fixture.remember(running);
            List<Long> children = new ArrayList<>();
            awaitCondition(() -> {
                children.clear();
                children.addAll(hostPidsOf("sleep\0" + marker));
                return !children.isEmpty();
            });
            String pid1Cgroups = Files.readString(Path.of("/proc", Long.toString(running.pid()), "cgroup"));
            for (long child : children) {
                assertEquals(pid1Cgroups, Files.readString(Path.of("/proc", Long.toString(child), "cgroup")),
                        "the healthcheck's child " + child + " is in every cgroup of PID 1");
            }
        } finally {
            runtime.removeContainer(info.id(), true);
        }
    }

    private static List<Long> hostPidsOf(String cmdline) {
        List<Long> pids = new ArrayList<>();
        try (Stream<Path> entries = Files.list(Path.of("/proc"))) {
            for (Path entry : entries.filter(p -> p.getFileName().toString().matches("\\d+")).toList()) {
                try {
                    if (new String(Files.readAllBytes(entry.resolve("cmdline")), StandardCharsets.UTF_8)
                            .equals(cmdline + "\0")) {
                        pids.add(Long.parseLong(entry.getFileName().toString()));
                    }
                } catch (java.io.IOException gone) {
                    // exited meanwhile
                }
            }
        } catch (java.io.IOException e) {
            throw new java.io.UncheckedIOException(e);
        }
        return pids;
    }
}
