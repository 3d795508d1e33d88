package io.berth.runtime.supervisor;

import io.berth.runtime.linux.FdCalls;
import io.berth.runtime.linux.ProcStat;
import io.berth.runtime.linux.ProcessCalls;
import io.berth.runtime.linux.ProcessCalls.FdAction;
import io.berth.runtime.linux.ProcessCalls.SpawnOptions;
import io.berth.runtime.state.AtomicFiles;
import io.berth.runtime.state.Json;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;

/**
 * A host process ({@code sleep infinity} named {@value #ARGV0}, in a session of its own) that does nothing but hold a
 * copy of a container's pty master or stdin pipe on its descriptor 3. When the supervisor dies, the
 * container's terminal is therefore not hung up (its shell would exit) nor its stdin closed; a new
 * supervisor takes the descriptor back with pidfd_getfd. Recorded in the container's directory
 * (PID and start time: a PID alone may be reused), stopped when the container exits.
 */
record StdioHolder(long pid, long startTime) {
    static final String FILE = "stdio-holder.json";
    /** What ps shows (and the leak check looks for): sleep(1) does not mind its name. */
    static final String ARGV0 = "berth-stdio-holder";
    private static final int HELD_FD = 3;
    private static final List<String> SLEEP = List.of("/usr/bin/sleep", "/bin/sleep");

    /** Starts a holder of {@code fd} and records it in {@code file}. */
    static StdioHolder start(int fd, Path file) throws IOException {
        String sleep = SLEEP.stream().filter(path -> Files.isExecutable(Path.of(path))).findFirst()
                .orElseThrow(() -> new IOException("no sleep(1) on this host to hold a container's terminal"));
        List<FdAction> actions = new ArrayList<>();
        actions.add(FdAction.open(0, "/dev/null", FdCalls.O_RDWR | FdCalls.O_NOCTTY, 0));
        actions.add(FdAction.dup2(0, 1));
        actions.add(FdAction.dup2(0, 2));
        actions.addAll(ProcessCalls.placeAt(HELD_FD, fd));
        long pid = ProcessCalls.spawn(sleep, List.of(ARGV0, "infinity"), List.of(),
                new SpawnOptions(actions, true, "/"));
        StdioHolder holder = new StdioHolder(pid, ProcStat.startTime(pid).orElse(0));
        AtomicFiles.write(file, Json.MAPPER.writeValueAsBytes(holder));
        return holder;
    }

    /** The holder recorded in {@code file}, if that process still runs. */
    static Optional<StdioHolder> find(Path file) {
        try {
            StdioHolder holder = Json.MAPPER.readValue(Files.readAllBytes(file), StdioHolder.class);
            return ProcStat.isSameProcess(holder.pid(), holder.startTime()) ? Optional.of(holder) : Optional.empty();
        } catch (IOException | RuntimeException e) {
            return Optional.empty();
        }
    }

    /** A copy of the descriptor it holds (CLOEXEC). */
    int takeBack() {
        int pidfd = ProcessCalls.pidfdOpen(pid);
        try {
            return ProcessCalls.pidfdGetfd(pidfd, HELD_FD);
        } finally {
            FdCalls.closeQuietly(pidfd);
        }
    }

    /** Ends it (reaping it when it is this process's child) and forgets it. */
    void stop(Path file, boolean ourChild) {
        int pidfd = -1;
        try {
            pidfd = ProcessCalls.pidfdOpen(pid);
            if (ProcStat.isSameProcess(pid, startTime)) {
                ProcessCalls.pidfdSignal(pidfd, ProcessCalls.SIGKILL);
                if (ourChild) {
                    ProcessCalls.waitFor(pid);
                }
            }
        } catch (RuntimeException gone) {
            // already ended (and reaped by init if it was not ours)
        } finally {
            FdCalls.closeQuietly(pidfd);
        }
        try {
            Files.deleteIfExists(file);
        } catch (IOException e) {
            ContainerManager.log("remove " + file + ": " + e.getMessage());
        }
    }
}
