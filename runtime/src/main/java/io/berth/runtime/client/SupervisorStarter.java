package io.berth.runtime.client;

import io.berth.runtime.RuntimeConfig;
import io.berth.runtime.RuntimeOperationException;
import io.berth.runtime.RuntimeOperationException.Kind;
import io.berth.runtime.state.ContainerLayout;
import io.berth.runtime.supervisor.SupervisorMain;
import java.io.File;
import java.io.IOException;
import java.nio.channels.FileChannel;
import java.nio.channels.FileLock;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.util.ArrayList;
import java.util.List;

/**
 * Starts the supervisor of a state root when none answers, detached (setsid, stdio to
 * supervisor.log, stdin /dev/null) so that it outlives the CLI. A start lock under the run root
 * makes two racing CLIs start one supervisor, not two.
 */
public final class SupervisorStarter {
    /** Lean JVM for a long-running, mostly idle process. */
    static final List<String> JVM_FLAGS = List.of("-XX:+UseSerialGC", "-Xss256k", "-XX:TieredStopAtLevel=1",
            "-Xms4m", "-Xmx48m", "-XX:MaxMetaspaceSize=48m", "-XX:ReservedCodeCacheSize=16m",
            "-XX:CICompilerCount=1", "-XX:-UsePerfData", "-XX:MaxDirectMemorySize=8m",
            "-XX:TrimNativeHeapInterval=30000", "-XX:MinHeapFreeRatio=10", "-XX:MaxHeapFreeRatio=30");
    private static final long START_TIMEOUT_MILLIS = 20_000;
    private static final Object IN_PROCESS = new Object();

    private SupervisorStarter() {
    }

    /** Returns once a supervisor answers on the socket, starting one if needed. */
    public static void ensureRunning(RuntimeConfig config, List<String> extraJvmArgs) {
        ContainerLayout layout = new ContainerLayout(config);
        Path socket = layout.supervisorSocket();
        try {
            SupervisorConnection.call(socket, Protocol.Op.PING, null);
            return;
        } catch (SupervisorConnection.OtherVersion outdated) {
            retire(layout, outdated.version);
        } catch (IOException | RuntimeException notAnswering) {
            // started below
        }
        // the file lock keeps other processes out; this monitor other threads of this one
        // (a JVM may hold a file's lock only once: a second lock() throws)
        synchronized (IN_PROCESS) {
            startLocked(config, layout, socket, extraJvmArgs);
        }
    }

    /**
     * Asks a supervisor of another protocol version (an older Berth's, after an upgrade) to shut down,
     * in its own version, and waits for it to exit: the containers keep running and the new one
     * re-adopts them.
     */
    private static void retire(ContainerLayout layout, int version) {
        long pid = -1;
        try {
            pid = Long.parseLong(Files.readString(layout.supervisorPidFile()).trim().split(" ")[0]);
            SupervisorConnection.call(layout.supervisorSocket(), Protocol.Op.SHUTDOWN, null, version);
        } catch (IOException | RuntimeException e) {
            // gone already, or it did not understand: the start below reports what stands in the way
        }
        for (int i = 0; pid > 0 && i < 200 && io.berth.runtime.linux.ProcStat.isAlive(pid); i++) {
            try {
                Thread.sleep(50);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                return;
            }
        }
    }

    private static void startLocked(RuntimeConfig config, ContainerLayout layout, Path socket,
                                    List<String> extraJvmArgs) {
        try {
            io.berth.runtime.linux.PrivateFiles.directory(config.runRoot());
            io.berth.runtime.linux.PrivateFiles.directory(config.stateRoot());
            try (FileChannel channel = FileChannel.open(layout.supervisorStartLock(), StandardOpenOption.CREATE,
                    StandardOpenOption.WRITE);
                 FileLock ignored = channel.lock()) {
                if (SupervisorConnection.ping(socket)) {
                    return; // another CLI started it while we waited for the lock
                }
                Process process = spawn(config, layout, extraJvmArgs);
                long deadline = System.currentTimeMillis() + START_TIMEOUT_MILLIS;
                while (System.currentTimeMillis() < deadline) {
                    if (SupervisorConnection.ping(socket)) {
                        return;
                    }
                    if (!process.isAlive() && process.exitValue() != 0) {
                        break;
                    }
                    Thread.sleep(20);
                }
                throw new RuntimeOperationException(Kind.FAILED, "start the supervisor for " + config.stateRoot()
                        + ": it did not answer on " + socket + "; see " + layout.supervisorLog());
            }
        } catch (IOException e) {
            throw new RuntimeOperationException(Kind.FAILED, "start the supervisor for " + config.stateRoot()
                    + ": " + e.getMessage(), e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new RuntimeOperationException(Kind.FAILED, "start the supervisor: interrupted", e);
        }
    }

    /** The caller's class path with every entry absolute: the supervisor runs in "/". */
    private static String absoluteClassPath() {
        List<String> entries = new ArrayList<>();
        for (String entry : System.getProperty("java.class.path").split(File.pathSeparator)) {
            if (!entry.isEmpty()) {
                entries.add(entry.endsWith("*") ? Path.of(entry.substring(0, entry.length() - 1)).toAbsolutePath() + "/*"
                        : Path.of(entry).toAbsolutePath().toString());
            }
        }
        return String.join(File.pathSeparator, entries);
    }

    /** The supervisor's own log is kept to two files of at most 10 MiB: rotated at each start. */
    private static void rotateLog(Path log) throws IOException {
        if (Files.exists(log) && Files.size(log) > 10L * 1024 * 1024) {
            Files.move(log, log.resolveSibling(log.getFileName() + ".1"),
                    java.nio.file.StandardCopyOption.REPLACE_EXISTING);
        }
    }

    private static Process spawn(RuntimeConfig config, ContainerLayout layout, List<String> extraJvmArgs)
            throws IOException {
        String java = ProcessHandle.current().info().command()
                .orElse(Path.of(System.getProperty("java.home"), "bin", "java").toString());
        List<String> command = new ArrayList<>(List.of(io.berth.runtime.linux.HostProcess.resolveTool("setsid"), java));
        command.addAll(JVM_FLAGS);
        String home = System.getProperty("berth.home");
        if (home != null) {
            // its own class-data archive (made at package time from a supervisor's run), else the CLI's
            Path own = Path.of(home, "cli", "target", "berth-supervisor.jsa");
            Path cli = Path.of(home, "cli", "target", "berth.jsa");
            Path archive = Files.exists(own) ? own : cli;
            if (Files.exists(archive)) {
                command.add("-XX:SharedArchiveFile=" + archive);
                command.add("-Xshare:auto");
            }
        }
        String userOptions = System.getenv("BERTH_SUPERVISOR_JAVA_OPTS"); // e.g. to try other GC or heap flags
        if (userOptions != null && !userOptions.isBlank()) {
            command.addAll(List.of(userOptions.trim().split("\\s+")));
        }
        command.addAll(extraJvmArgs);
        command.addAll(List.of("-cp", absoluteClassPath(), SupervisorMain.class.getName(),
                config.stateRoot().toAbsolutePath().toString(), config.runRoot().toAbsolutePath().toString()));
        rotateLog(layout.supervisorLog());
        ProcessBuilder builder = new ProcessBuilder(command);
        builder.redirectInput(new File("/dev/null"));
        builder.directory(new File("/")); // never keep the caller's directory (or its mount) busy
        // never the caller's environment (its proxies, tokens, PATH): a fixed one, plus few malloc
        // arenas (the supervisor's threads are few and mostly idle)
        builder.environment().clear();
        builder.environment().putAll(io.berth.runtime.linux.HostProcess.environment(System.getenv()));
        builder.environment().put("MALLOC_ARENA_MAX", "2");
        builder.redirectOutput(ProcessBuilder.Redirect.appendTo(layout.supervisorLog().toFile()));
        builder.redirectErrorStream(true);
        return builder.start();
    }
}
