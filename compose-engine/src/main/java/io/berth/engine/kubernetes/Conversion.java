package io.berth.engine.kubernetes;

import java.util.List;

/** The manifests of a project, in apply order, and what could not be carried over. */
public record Conversion(List<KubernetesObject> objects, List<String> warnings) {
}
