package io.berth.cli.image;

import io.berth.cli.Invocation;
import io.berth.runtime.ImageReference;
import io.berth.runtime.ImageService;
import io.berth.runtime.RuntimeConfig;
import java.util.concurrent.Callable;
import picocli.CommandLine;

/**
 * What every image command shares: the store (the state root from BERTH_ROOT, as every Berth
 * command finds it), reference parsing with Docker's messages, and errors printed for people
 * (exit code 1; the stack trace only with BERTH_DEBUG=1).
 */
abstract class ImageCommandSupport implements Callable<Integer> {
    @CommandLine.Spec
    CommandLine.Model.CommandSpec spec;

    /** Failures go to {@link io.berth.cli.ExitCodes}, the one place that prints them. */
    @Override
    public final Integer call() {
        return run(ImageService.open(RuntimeConfig.fromEnvironment(Invocation.env())));
    }

    abstract int run(ImageService images);

    static ImageReference reference(String text) {
        try {
            return ImageReference.parse(text);
        } catch (IllegalArgumentException e) {
            throw new IllegalArgumentException(e.getMessage());
        }
    }

    /**
     * Runs {@code body} on {@code file}, or on a temp copy of standard input when the file is
     * "-" or absent (as docker load and docker import read stdin).
     */
    static <T> T withInput(java.nio.file.Path file, java.util.function.Function<java.nio.file.Path, T> body) {
        if (file != null && !file.toString().equals("-")) {
            return body.apply(file);
        }
        java.nio.file.Path temp = null;
        try {
            temp = java.nio.file.Files.createTempFile("berth-stdin-", ".tar");
            try (java.io.OutputStream out = java.nio.file.Files.newOutputStream(temp)) {
                System.in.transferTo(out);
            }
            return body.apply(temp);
        } catch (java.io.IOException e) {
            throw new IllegalArgumentException("read standard input: " + e.getMessage());
        } finally {
            if (temp != null) {
                try {
                    java.nio.file.Files.deleteIfExists(temp);
                } catch (java.io.IOException ignored) {
                    // a temp file in /tmp; nothing else to do
                }
            }
        }
    }

    java.io.PrintWriter out() {
        return spec.commandLine().getOut();
    }
}
