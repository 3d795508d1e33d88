package io.berth.engine;

import io.berth.runtime.ContainerSpec;
import io.berth.runtime.ImageReference;
import java.util.List;
import java.util.SortedMap;
import java.util.SortedSet;
import java.util.TreeMap;
import java.util.TreeSet;

/**
 * A service as the engine wants it to run, already converted from the Compose model.
 *
 * @param template      the spec of every replica; the engine sets name, number label and the
 *                      references of {@code refs} for each
 * @param scale         how many replicas
 * @param containerName the fixed {@code container_name}, or null for {@code project-service-N}
 * @param configHash    Compose's config hash (build, pull_policy, scale, depends_on, profiles left out)
 * @param config        the same config flattened to path -> JSON value, for "which field changed"
 * @param pullPolicy    "missing" (default), "always", "never", "build"
 * @param build         how to build the image ({@code build:}), or null
 * @param platform      the service's {@code platform:}, or null: with it, a local image of another
 *                      platform is an error at creation, without it a warning (docs/images.md)
 */
public record DesiredService(String name, ContainerSpec template, ServiceRefs refs, int scale,
                             String containerName, List<ServiceDependency> dependsOn, String configHash,
                             SortedMap<String, String> config, String pullPolicy, ImageBuild build,
                             String platform) {
    public DesiredService(String name, ContainerSpec template, ServiceRefs refs, int scale, String containerName,
                          List<ServiceDependency> dependsOn, String configHash, SortedMap<String, String> config,
                          String pullPolicy, ImageBuild build) {
        this(name, template, refs, scale, containerName, dependsOn, configHash, config, pullPolicy, build, null);
    }

    public DesiredService(String name, ContainerSpec template, ServiceRefs refs, int scale, String containerName,
                          List<ServiceDependency> dependsOn, String configHash, SortedMap<String, String> config,
                          String pullPolicy) {
        this(name, template, refs, scale, containerName, dependsOn, configHash, config, pullPolicy, null);
    }

    public DesiredService {
        refs = refs == null ? ServiceRefs.NONE : refs;
        dependsOn = dependsOn == null ? List.of() : List.copyOf(dependsOn);
        config = config == null ? new TreeMap<>() : new TreeMap<>(config);
        pullPolicy = pullPolicy == null ? "missing" : pullPolicy;
    }

    public ImageReference image() {
        return template.image();
    }

    /** Every service this one must come after: depends_on and the implicit ones. */
    public SortedSet<String> dependencies() {
        SortedSet<String> all = new TreeSet<>(refs.services());
        dependsOn.forEach(dependency -> all.add(dependency.service()));
        return all;
    }

    /** The condition to wait for on {@code service} (implicit dependencies: started). */
    public DependencyCondition conditionOn(String service) {
        return dependsOn.stream().filter(dependency -> dependency.service().equals(service))
                .map(ServiceDependency::condition).findFirst().orElse(DependencyCondition.SERVICE_STARTED);
    }

    public boolean restartsWith(String service) {
        return dependsOn.stream().anyMatch(dependency -> dependency.service().equals(service) && dependency.restart());
    }
}
