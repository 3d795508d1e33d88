package io.berth.runtime.supervisor;

import io.berth.runtime.RuntimeConfig;
import io.berth.runtime.container.ContainerLauncher;
import io.berth.runtime.container.LaunchRequest;
import io.berth.runtime.container.LaunchedProcess;
import io.berth.runtime.linux.ProcStat;
import io.berth.runtime.linux.ProcessCalls;
import io.berth.runtime.linux.ProcessCalls.FdAction;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;

/**
 * A launcher for supervisor tests: runs the command as a plain host process (no namespaces, no
 * root filesystem, no cgroup), in a new session, stdout/stderr appended to the request's files.
 * Enough to test the state machine, reaping, logs and re-adoption without root.
 */
public final class PlainProcessLauncher implements ContainerLauncher, HealthProbe {
    private static final int O_WRONLY = 01;
    private static final int O_CREAT = 0100;
    private static final int O_APPEND = 02000;
    private static final String MARKER = "BERTH_PLAIN_LAUNCHER_CONTAINER";

    public PlainProcessLauncher(RuntimeConfig config) {
    }

    @Override
    public LaunchedProcess launch(LaunchRequest request) {
        String program = resolve(request.argv().get(0));
        int flags = O_WRONLY | O_CREAT | O_APPEND;
        List<String> env = new java.util.ArrayList<>(request.env());
        env.add(MARKER + "=" + request.id().value()); // found by cleanup even before the pid file is written
        long pid = ProcessCalls.spawn(program, request.argv(), env, new ProcessCalls.SpawnOptions(List.of(
                FdAction.open(0, "/dev/null", 0, 0),
                FdAction.open(1, request.stdout().toString(), flags, 0640),
                FdAction.open(2, request.stderr().toString(), flags, 0640)), true, "/"));
        long startTime = ProcStat.startTime(pid).orElseThrow();
        try {
            Files.writeString(pidFile(request), pid + " " + startTime);
        } catch (java.io.IOException e) {
            throw new java.io.UncheckedIOException(e);
        }
        return new LaunchedProcess(pid, startTime, null);
    }

    /** Where the kernel launcher has a cgroup to find the process by, this one has a file. */
    private static Path pidFile(LaunchRequest request) {
        return request.stdout().resolveSibling("plain-launcher.pid");
    }

    @Override
    public void mountRootfs(LaunchRequest request) {
        // no root of its own: plain processes run in the host's
    }

    @Override
    public void cleanup(LaunchRequest request) {
        // as the kernel launcher's cgroup kill: a process a killed supervisor never recorded ends too,
        // also one spawned just before the kill, when its pid file was not written yet
        try {
            String[] pidAndStart = Files.readString(pidFile(request)).trim().split(" ");
            long pid = Long.parseLong(pidAndStart[0]);
            if (ProcStat.isSameProcess(pid, Long.parseLong(pidAndStart[1]))) {
                ProcessCalls.killIfAlive(pid, ProcessCalls.SIGKILL);
            }
        } catch (java.io.IOException | RuntimeException noneRecorded) {
            // never launched, or already gone
        }
        killMarked(request.id().value());
    }

    /** Every process whose environment carries this container's marker (what it spawned, and their children). */
    private static void killMarked(String containerId) {
        byte[] marker = ("\0" + MARKER + "=" + containerId + "\0").getBytes(java.nio.charset.StandardCharsets.UTF_8);
        java.io.File[] entries = new java.io.File("/proc").listFiles((dir, name) -> name.chars().allMatch(Character::isDigit));
        for (java.io.File entry : entries == null ? new java.io.File[0] : entries) {
            try {
                byte[] environ = Files.readAllBytes(entry.toPath().resolve("environ"));
                byte[] framed = new byte[environ.length + 1];
                System.arraycopy(environ, 0, framed, 1, environ.length);
                if (indexOf(framed, marker) >= 0) {
                    ProcessCalls.killIfAlive(Long.parseLong(entry.getName()), ProcessCalls.SIGKILL);
                }
            } catch (java.io.IOException | RuntimeException gone) {
                // exited meanwhile, or not ours to read
            }
        }
    }

    private static int indexOf(byte[] haystack, byte[] needle) {
        outer:
        for (int i = 0; i + needle.length <= haystack.length; i++) {
            for (int j = 0; j < needle.length; j++) {
                if (haystack[i + j] != needle[j]) {
                    continue outer;
                }
            }
            return i;
        }
        return -1;
    }

    /** Healthchecks run on the host too, killed at the timeout. */
    @Override
    public boolean probe(io.berth.runtime.ContainerInfo container, List<String> argv, java.time.Duration timeout) {
        long pid = ProcessCalls.spawn(resolve(argv.get(0)), argv, List.of("PATH=/usr/bin:/bin"),
                new ProcessCalls.SpawnOptions(List.of(FdAction.open(0, "/dev/null", 0, 0),
                        FdAction.open(1, "/dev/null", O_WRONLY, 0), FdAction.open(2, "/dev/null", O_WRONLY, 0)),
                        false, "/"));
        int pidfd = ProcessCalls.pidfdOpen(pid);
        try {
            boolean exited = ProcessCalls.awaitReadable(pidfd, timeout);
            if (!exited) {
                ProcessCalls.killIfAlive(pid, ProcessCalls.SIGKILL);
            }
            return ProcessCalls.waitFor(pid).exitCode() == 0 && exited;
        } finally {
            io.berth.runtime.linux.FdCalls.closeQuietly(pidfd);
        }
    }

    private static String resolve(String command) {
        if (command.contains("/")) {
            return command;
        }
        for (String dir : List.of("/usr/local/bin", "/usr/bin", "/bin")) {
            if (Files.isExecutable(Path.of(dir, command))) {
                return dir + "/" + command;
            }
        }
        throw new IllegalArgumentException("executable file not found in $PATH: " + command);
    }
}
