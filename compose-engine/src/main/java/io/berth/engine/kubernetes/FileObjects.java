package io.berth.engine.kubernetes;

import io.berth.model.FileObjectConfig;
import io.berth.model.Project;
import io.berth.model.Service;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Base64;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.TreeSet;

/**
 * Top-level secrets as Secrets and configs as ConfigMaps (those some service uses), their content read
 * from the file or the environment variable they name, under one key: the Compose name. External
 * ones are expected to exist in the namespace already.
 */
final class FileObjects {
    /** Files larger than a Secret or ConfigMap may hold (1 MiB in etcd). */
    private static final long MAX_BYTES = 1024 * 1024;

    private FileObjects() {
    }

    static void add(Project project, List<KubernetesObject> objects, Map<String, String> labels, Warnings warnings) {
        TreeSet<String> secrets = new TreeSet<>();
        TreeSet<String> configs = new TreeSet<>();
        for (Service service : project.services().values()) {
            service.secrets().forEach(reference -> secrets.add(reference.source()));
            service.configs().forEach(reference -> configs.add(reference.source()));
        }
        for (String name : secrets) {
            object(project, project.secrets().get(name), name, true, objects, labels, warnings);
        }
        for (String name : configs) {
            object(project, project.configs().get(name), name, false, objects, labels, warnings);
        }
    }

    private static void object(Project project, FileObjectConfig config, String key, boolean secret,
                               List<KubernetesObject> objects, Map<String, String> labels, Warnings warnings) {
        String path = (secret ? "secrets." : "configs.") + key;
        if (config == null) {
            return;
        }
        if (config.external()) {
            warnings.project(path, "external: the " + (secret ? "Secret " : "ConfigMap ") + Names.label(key)
                    + " must exist in the namespace");
            return;
        }
        byte[] content = content(project, config, path, warnings);
        String kind = secret ? "Secret" : "ConfigMap";
        Map<String, Object> body = Tree.object("v1", kind, Names.label(key), labels, Map.of());
        Map<String, Object> data = new LinkedHashMap<>();
        if (content != null) {
            if (secret) {
                data.put(key, Base64.getEncoder().encodeToString(content));
            } else if (isText(content)) {
                data.put(key, new String(content, StandardCharsets.UTF_8));
            } else {
                body.put("binaryData", Map.of(key, Base64.getEncoder().encodeToString(content)));
            }
        }
        if (secret) {
            body.put("type", "Opaque");
        }
        Tree.put(body, "data", data);
        objects.add(new KubernetesObject(kind, Names.label(key), body));
    }

    private static byte[] content(Project project, FileObjectConfig config, String path, Warnings warnings) {
        if (config.file() == null) {
            String value = config.inlineContent(project.environment());
            if (value == null && config.environment() != null) {
                warnings.project(path, "environment variable " + config.environment() + " is not set: the object is empty");
            }
            return value == null ? null : value.getBytes(StandardCharsets.UTF_8);
        }
        Path file = Path.of(config.file());
        try {
            if (Files.size(file) > MAX_BYTES) {
                warnings.project(path, Shown.path(project, config.file()) + " is larger than 1 MiB, more than the cluster stores;"
                        + " the object is empty");
                return null;
            }
            return Files.readAllBytes(file);
        } catch (IOException e) {
            warnings.project(path, "cannot read " + Shown.path(project, config.file()) + " (" + e.getClass().getSimpleName()
                    + "): the object is empty; fill it before applying");
            return null;
        }
    }

    private static boolean isText(byte[] content) {
        try {
            StandardCharsets.UTF_8.newDecoder().decode(java.nio.ByteBuffer.wrap(content));
            return true;
        } catch (java.nio.charset.CharacterCodingException e) {
            return false;
        }
    }
}
