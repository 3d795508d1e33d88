package io.berth.cli.security;

import io.berth.cli.server.CliServer;
import io.berth.runtime.RuntimeConfig;
import io.berth.runtime.Runtimes;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.concurrent.TimeUnit;
import java.util.stream.Stream;

/** The checkout's ./berth run through {@code sh}, so that a test can set a umask or clear the environment first. */
final class Launcher {
    private Launcher() {
    }

    static Path checkout() {
        return Path.of("").toAbsolutePath().getParent();
    }

    static Path client() {
        return checkout().resolve("cli/target/berth-client");
    }

    record Result(int exitCode, String out) {
        Result ok() {
            if (exitCode != 0) {
                throw new AssertionError("exit " + exitCode + ":\n" + out);
            }
            return this;
        }
    }

    /**
     * {@code env -i PATH=/usr/bin:/bin BERTH_ROOT=.. BERTH_RUN_ROOT=.. extra.. sh -c 'shellPrefix; exec ./berth args'}
     * in {@code directory}: the environment a cron job or an IDE gives, plus what the test adds.
     */
    static Result run(Path directory, RuntimeConfig config, List<String> extraEnvironment,
                      String shellPrefix, String... args) throws IOException, InterruptedException {
        List<String> argv = new ArrayList<>(List.of("/usr/bin/env", "-i", "PATH=/usr/bin:/bin",
                "BERTH_ROOT=" + config.stateRoot(), "BERTH_RUN_ROOT=" + config.runRoot()));
        argv.addAll(extraEnvironment);
        argv.addAll(List.of("/bin/sh", "-c", shellPrefix + "; exec \"$0\" \"$@\"", checkout().resolve("berth").toString()));
        argv.addAll(List.of(args));
        Path output = Files.createTempFile("berth-test-launcher-", ".out");
        try {
            Process process = new ProcessBuilder(argv).directory(directory.toFile()).redirectErrorStream(true)
                    .redirectOutput(output.toFile()).start();
            process.getOutputStream().close();
            if (!process.waitFor(120, TimeUnit.SECONDS)) {
                process.destroyForcibly();
                throw new AssertionError("berth " + String.join(" ", args) + " did not finish in 120 s");
            }
            return new Result(process.exitValue(), Files.readString(output, StandardCharsets.UTF_8));
        } finally {
            Files.deleteIfExists(output);
        }
    }

    /** {@code down -v} on the test's state root, then {@link #stopAndDelete} whatever it said. */
    static void downAndDelete(Path root, RuntimeConfig config) throws IOException, InterruptedException {
        try {
            run(root, config, List.of("BERTH_SERVER=0"), "true", "down", "-v");
        } finally {
            stopAndDelete(root, config);
        }
    }

    /** The state root's CLI server and supervisor stopped, and the test's directory deleted. */
    static void stopAndDelete(Path root, RuntimeConfig config) throws IOException {
        CliServer.stop(config.runRoot());
        Runtimes.shutdownSupervisor(config);
        deleteTree(root);
    }

    /** Deletes {@code root} and all below it, as far as it can. */
    static void deleteTree(Path root) throws IOException {
        try (Stream<Path> paths = Files.walk(root)) {
            paths.sorted(Comparator.reverseOrder()).forEach(path -> path.toFile().delete());
        }
    }
}
