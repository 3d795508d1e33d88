package io.berth.engine.kubernetes;

import io.berth.model.ConfigWriter;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.util.ArrayList;
import java.util.List;

/**
 * Manifests as text: one multi-document YAML stream, or a kustomize base (a file per object and a
 * {@code kustomization.yaml} listing them in apply order). Files are written to a temporary name and
 * renamed, so a failed run never leaves half a file.
 */
public final class ManifestWriter {
    private ManifestWriter() {
    }

    public static String documents(Conversion conversion) {
        StringBuilder text = new StringBuilder();
        for (KubernetesObject object : conversion.objects()) {
            text.append("---\n").append(ConfigWriter.yaml(object.body()));
        }
        return text.toString();
    }

    public static void writeKustomization(Conversion conversion, Path directory) throws IOException {
        Files.createDirectories(directory);
        List<String> resources = new ArrayList<>();
        for (KubernetesObject object : conversion.objects()) {
            write(directory.resolve(object.fileName()), ConfigWriter.yaml(object.body()));
            resources.add(object.fileName());
        }
        write(directory.resolve("kustomization.yaml"), ConfigWriter.yaml(Tree.map(
                "apiVersion", "kustomize.config.k8s.io/v1beta1", "kind", "Kustomization", "resources", resources)));
    }

    private static void write(Path file, String text) throws IOException {
        Path temporary = file.resolveSibling("." + file.getFileName() + ".tmp");
        Files.writeString(temporary, text, StandardCharsets.UTF_8);
        Files.move(temporary, file, StandardCopyOption.REPLACE_EXISTING, StandardCopyOption.ATOMIC_MOVE);
    }
}
