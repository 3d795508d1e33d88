package io.berth.cli.server;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;

/** One run of the ./berth launcher with the server on or off: exit code, stdout, stderr (files, not terminals). */
record ServedRun(int exitCode, String out, String err) {
    static Process start(Path launcher, Path directory, Path root, Map<String, String> env, String... args)
            throws IOException {
        List<String> command = new ArrayList<>(List.of(launcher.toString()));
        command.addAll(List.of(args));
        String name = "run-" + System.nanoTime();
        ProcessBuilder builder = new ProcessBuilder(command).directory(directory.toFile())
                .redirectOutput(root.resolve(name + ".out").toFile())
                .redirectError(root.resolve(name + ".err").toFile());
        builder.environment().keySet().removeIf(key -> key.startsWith("BERTH_") || key.startsWith("COMPOSE_"));
        builder.environment().put("BERTH_ROOT", root.resolve("state").toString());
        builder.environment().put("BERTH_RUN_ROOT", root.resolve("run").toString());
        builder.environment().putAll(env);
        Process process = builder.start();
        outputs.put(process, new Path[] {root.resolve(name + ".out"), root.resolve(name + ".err")});
        return process;
    }

    private static final Map<Process, Path[]> outputs = new java.util.concurrent.ConcurrentHashMap<>();

    static ServedRun finished(Process process) throws IOException, InterruptedException {
        if (!process.waitFor(120, TimeUnit.SECONDS)) {
            process.destroyForcibly();
            throw new AssertionError("berth did not finish in 120 s");
        }
        Path[] files = outputs.remove(process);
        ServedRun run = new ServedRun(process.exitValue(), Files.readString(files[0], StandardCharsets.UTF_8),
                Files.readString(files[1], StandardCharsets.UTF_8));
        Files.delete(files[0]);
        Files.delete(files[1]);
        return run;
    }

    static ServedRun run(Path launcher, Path directory, Path root, Map<String, String> env, String... args)
            throws IOException, InterruptedException {
        return finished(start(launcher, directory, root, env, args));
    }

    ServedRun ok() {
        if (exitCode != 0) {
            throw new AssertionError("exit " + exitCode + "\nstdout:\n" + out + "\nstderr:\n" + err);
        }
        return this;
    }
}
