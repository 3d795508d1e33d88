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
     * Extra environment of the CLI on the test class path: none, so that parallel starts (the
     * default) are exercised; an EBADF race there was a double close in the launcher, now fixed.
     */
    static final Map<String, String> DEFAULT_ENVIRONMENT = Map.of();

    static BerthRun run(Path directory, Path stateRoot, Path runRoot, List<String> args) throws IOException, InterruptedException {
        return run(directory, stateRoot, runRoot, mainClassCommand(), DEFAULT_ENVIRONMENT, args);
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
        return start(directory, stateRoot, runRoot, mainClassCommand(), DEFAULT_ENVIRONMENT, args);
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
        builder.environment().remove("COMPOSE_PARALLEL_LIMIT");
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
