package io.berth.engine.kubernetes;

import java.util.Map;

/** One manifest: its kind and name (for file names and ordering) and the whole object as an ordered map. */
public record KubernetesObject(String kind, String name, Map<String, Object> body) {
    /** A file name for a kustomize base: {@code web-deployment.yaml}. */
    public String fileName() {
        return name + "-" + kind.toLowerCase(java.util.Locale.ROOT) + ".yaml";
    }
}
