package io.berth.cli.image;

import io.berth.runtime.ImageService;
import java.io.IOException;
import java.io.OutputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;

/**
 * {@code berth image save [-o FILE] IMAGE...}: a tar that docker load reads; without -o to
 * standard output, unless that is a terminal (as docker save refuses).
 */
@Command(name = "save", description = "Save one or more images to a tar archive (docker load reads it).")
public final class ImageSaveCommand extends ImageCommandSupport {
    @Option(names = {"-o", "--output"}, paramLabel = "FILE", description = "Write to a file, instead of STDOUT.")
    Path output;

    @Parameters(arity = "1..*", paramLabel = "IMAGE", description = "Names, ids or id prefixes.")
    List<String> imagesToSave;

    @Option(names = "--format", paramLabel = "FORMAT", defaultValue = "docker",
            description = "docker (manifest.json, what docker load reads; the default) or oci (an OCI image layout).")
    String format;

    @Override
    int run(ImageService images) {
        if (!format.equals("docker") && !format.equals("oci")) {
            throw new IllegalArgumentException("--format: want docker or oci, not \"" + format + "\"");
        }
        boolean oci = format.equals("oci");
        if (output != null) {
            images.save(imagesToSave, output, oci);
            return 0;
        }
        if (System.console() != null) {
            throw new IllegalArgumentException("cowardly refusing to save to a terminal. Use the -o flag or redirect");
        }
        Path dir = null;
        try {
            dir = Files.createTempDirectory("berth-save-");
            Path temp = dir.resolve("images.tar");
            images.save(imagesToSave, temp, oci);
            OutputStream stdout = System.out;
            Files.copy(temp, stdout);
            stdout.flush();
            return 0;
        } catch (IOException e) {
            throw new IllegalArgumentException("write the archive to standard output: " + e.getMessage());
        } finally {
            if (dir != null) {
                try {
                    Files.deleteIfExists(dir.resolve("images.tar"));
                    Files.deleteIfExists(dir);
                } catch (IOException ignored) {
                    // a temp dir in /tmp; nothing else to do
                }
            }
        }
    }
}
