package io.berth.cli.e2e;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;

/** One finished run of the berth CLI in a child JVM: exit code, stdout, stderr. */
record BerthRun(int exitCode, String out, String err) {
    static BerthRun run(Path directory, Path stateRoot, Path runRoot, List<String> args) throws IOException, InterruptedException {
        Process process = start(directory, stateRoot, runRoot, args);
        if (!process.waitFor(120, TimeUnit.SECONDS)) {
            process.destroyForcibly();
            throw new AssertionError("berth " + String.join(" ", args) + " did not finish in 120 s");
        }
        return finished(process, directory);
    }

    static Process start(Path directory, Path stateRoot, Path runRoot, List<String> args) throws IOException {
        List<String> command = new ArrayList<>(List.of(Path.of(System.getProperty("java.home"), "bin", "java").toString(),
                "-XX:TieredStopAtLevel=1", "-XX:+UseSerialGC", "-cp", System.getProperty("java.class.path"),
                "io.berth.cli.Main"));
        command.addAll(args);
        ProcessBuilder builder = new ProcessBuilder(command).directory(directory.toFile())
                .redirectOutput(directory.resolve(".out").toFile()).redirectError(directory.resolve(".err").toFile());
        builder.environment().put("BERTH_ROOT", stateRoot.toString());
        builder.environment().put("BERTH_RUN_ROOT", runRoot.toString());
        builder.environment().remove("COMPOSE_PROJECT_NAME");
        builder.environment().remove("COMPOSE_FILE");
        return builder.start();
    }

    static BerthRun finished(Process process, Path directory) throws IOException {
        return new BerthRun(process.exitValue(),
                Files.readString(directory.resolve(".out"), StandardCharsets.UTF_8),
                Files.readString(directory.resolve(".err"), StandardCharsets.UTF_8));
    }

    BerthRun ok() {
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
