package io.berth.cli.e2e;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;

/** One finished run of the berth CLI in a child JVM: exit code, stdout, stderr. */
public record BerthRun(int exitCode, String out, String err) {
    /**
     * For the CLI on the test class path: one start at a time. Concurrent starts in the runtime
     * sometimes fail with EBADF (a file descriptor race in the launch path, reported); the engine's
     * parallelism has unit tests. The acceptance tests (./berth launcher) run with the default.
     */
    static final Map<String, String> ONE_START_AT_A_TIME = Map.of("COMPOSE_PARALLEL_LIMIT", "1");

    static BerthRun run(Path directory, Path stateRoot, Path runRoot, List<String> args) throws IOException, InterruptedException {
        return run(directory, stateRoot, runRoot, mainClassCommand(), ONE_START_AT_A_TIME, args);
    }

    /** With {@code berth} as the command that runs the CLI (e.g. the ./berth launcher) and extra environment. */
    static BerthRun run(Path directory, Path stateRoot, Path runRoot, List<String> berth, Map<String, String> env,
                        List<String> args) throws IOException, InterruptedException {
        Process process = start(directory, stateRoot, runRoot, berth, env, args);
        if (!process.waitFor(120, TimeUnit.SECONDS)) {
            process.destroyForcibly();
            throw new AssertionError("berth " + String.join(" ", args) + " did not finish in 120 s");
        }
        return finished(process, directory);
    }

    static Process start(Path directory, Path stateRoot, Path runRoot, List<String> args) throws IOException {
        return start(directory, stateRoot, runRoot, mainClassCommand(), ONE_START_AT_A_TIME, args);
    }

    /** The CLI in a child JVM on this test's class path. */
    static List<String> mainClassCommand() {
        return List.of(Path.of(System.getProperty("java.home"), "bin", "java").toString(),
                "-XX:TieredStopAtLevel=1", "-XX:+UseSerialGC", "-cp", System.getProperty("java.class.path"),
                "io.berth.cli.Main");
    }

    static Process start(Path directory, Path stateRoot, Path runRoot, List<String> berth, Map<String, String> env,
                         List<String> args) throws IOException {
        List<String> command = new ArrayList<>(berth);
        command.addAll(args);
        ProcessBuilder builder = new ProcessBuilder(command).directory(directory.toFile())
                .redirectOutput(directory.resolve(".out").toFile()).redirectError(directory.resolve(".err").toFile());
        builder.environment().put("BERTH_ROOT", stateRoot.toString());
        builder.environment().put("BERTH_RUN_ROOT", runRoot.toString());
        builder.environment().remove("COMPOSE_PROJECT_NAME");
        builder.environment().remove("COMPOSE_FILE");
        builder.environment().putAll(env);
        return builder.start();
    }

    static BerthRun finished(Process process, Path directory) throws IOException {
        return new BerthRun(process.exitValue(),
                Files.readString(directory.resolve(".out"), StandardCharsets.UTF_8),
                Files.readString(directory.resolve(".err"), StandardCharsets.UTF_8));
    }

    public BerthRun ok() {
        if (exitCode != 0) {
            throw new AssertionError("exit code " + exitCode + "\nstdout:\n" + out + "\nstderr:\n" + err);
        }
        return this;
    }

    @Override
    public String toString() {
        return "exit " + exitCode + "\nstdout:\n" + out + "\nstderr:\n" + err;
    }
}
