package io.berth.engine.convert;

import io.berth.engine.DependencyCondition;
import io.berth.engine.DesiredService;
import io.berth.engine.Labels;
import io.berth.engine.ServiceDependency;
import io.berth.engine.ServiceRefs;
import io.berth.model.ConfigHash;
import io.berth.model.Project;
import io.berth.model.Service;
import io.berth.runtime.ContainerSpec;
import io.berth.runtime.ImageReference;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.SortedMap;
import java.util.TreeMap;

/** One Compose service to the engine's DesiredService: labels, references, dependencies, spec. */
final class ServiceTranslator {
    private ServiceTranslator() {
    }

    static DesiredService translate(Project project, Service service, int scale) {
        ServiceRefs refs = refs(service);
        List<ServiceDependency> dependsOn = new ArrayList<>();
        service.dependsOn().forEach((name, entry) -> dependsOn.add(new ServiceDependency(name,
                DependencyCondition.fromComposeName(entry.condition() == null ? "service_started" : entry.condition()),
                entry.required(), entry.restart())));
        SortedMap<String, String> config = ServiceConfig.flatten(service);
        String hash = ConfigHash.of(service);
        ImageReference image = ImageReference.parse(imageName(project, service));
        DesiredService draft = new DesiredService(service.name(), null, refs, scale, service.containerName(), dependsOn,
                hash, config, pullPolicy(service));
        Map<String, String> labels = new TreeMap<>(service.labels());
        labels.put(Labels.PROJECT, project.name());
        labels.put(Labels.SERVICE, service.name());
        labels.put(Labels.CONFIG_HASH, hash);
        labels.put(Labels.CONFIG_JSON, ConfigDiff.toLabel(config));
        labels.put(Labels.WORKING_DIR, String.valueOf(project.workingDir()));
        labels.put(Labels.CONFIG_FILES, String.join(",", project.composeFiles().stream().map(String::valueOf).toList()));
        labels.put(Labels.DEPENDS_ON, DependsOnLabel.of(draft));
        labels.put(Labels.IMAGE, image.familiar());
        labels.put(Labels.VERSION, Labels.BERTH_VERSION);
        HealthcheckLabel.of(service.healthcheck()).ifPresent(json -> labels.put(Labels.HEALTHCHECK, json));
        ContainerSpec template = SpecTemplate.of(project, service, image, labels);
        return new DesiredService(service.name(), template, refs, scale, service.containerName(), dependsOn, hash,
                config, pullPolicy(service), BuildTranslator.translate(project, service, image), service.platform());
    }

    /** The image to run: {@code image:}, or for a build-only service Compose's name "project-service". */
    static String imageName(Project project, Service service) {
        return service.image() != null ? service.image() : project.name() + "-" + service.name();
    }

    private static String pullPolicy(Service service) {
        String policy = service.pullPolicy();
        if (policy == null || policy.equals("if_not_present")) {
            return "missing"; // a build-only service builds when its image is missing, as Compose does
        }
        return policy;
    }

    static ServiceRefs refs(Service service) {
        List<ServiceRefs.Link> links = new ArrayList<>();
        for (String link : service.links()) {
            String[] parts = link.split(":", 2);
            links.add(new ServiceRefs.Link(parts[0], parts.length == 2 ? parts[1] : parts[0]));
        }
        List<ServiceRefs.VolumesFrom> volumesFrom = new ArrayList<>();
        for (String from : service.volumesFrom()) {
            if (from.startsWith("container:")) {
                continue; // a container outside the project: no dependency, handled by the template
            }
            String rest = from.startsWith("service:") ? from.substring("service:".length()) : from;
            String[] parts = rest.split(":", 2);
            volumesFrom.add(new ServiceRefs.VolumesFrom(parts[0], parts.length == 2 && parts[1].equals("ro")));
        }
        return new ServiceRefs(links, serviceOf(service.networkMode()), serviceOf(service.ipc()),
                serviceOf(service.pid()), volumesFrom);
    }

    private static String serviceOf(String mode) {
        return mode != null && mode.startsWith("service:") ? mode.substring("service:".length()) : null;
    }
}
