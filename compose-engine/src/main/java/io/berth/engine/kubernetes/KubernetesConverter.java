package io.berth.engine.kubernetes;

import io.berth.model.Project;
import io.berth.model.Service;
import io.berth.model.ServiceVolume;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;

/**
 * A Compose project as Kubernetes manifests, in the order {@code kubectl apply} wants them: Secrets,
 * ConfigMaps and claims, then Services, then workloads, then NetworkPolicies. Each object carries the
 * labels {@code app.kubernetes.io/part-of} (the project) and {@code app.kubernetes.io/managed-by};
 * pods are selected by {@code app.kubernetes.io/name} (the service) and part-of.
 */
public final class KubernetesConverter {
    private static final List<String> ORDER = List.of("Secret", "ConfigMap", "PersistentVolumeClaim", "Service",
            "Deployment", "StatefulSet", "DaemonSet", "NetworkPolicy");

    private KubernetesConverter() {
    }

    public static Conversion convert(Project project, KubernetesOptions options) throws KubernetesConversionException {
        Warnings warnings = new Warnings();
        names(project, warnings);
        String part = Names.label(project.name());
        Map<String, String> common = new TreeMap<>(Map.of("app.kubernetes.io/part-of", part,
                "app.kubernetes.io/managed-by", "berth"));
        List<KubernetesObject> objects = new ArrayList<>();
        Set<String> templated = new HashSet<>();
        for (Service service : project.services().values()) {
            UnmappedKeys.warn(service, warnings);
            String name = Names.label(service.name());
            Map<String, String> selector = new TreeMap<>(Map.of("app.kubernetes.io/name", name,
                    "app.kubernetes.io/part-of", part));
            Map<String, String> labels = new TreeMap<>(common);
            labels.put("app.kubernetes.io/name", name);
            Map<String, String> podLabels = new TreeMap<>(selector);
            if (options.networkPolicies()) {
                NetworkPolicies.networksOf(service).forEach(network -> podLabels.put(NetworkPolicies.label(network), "true"));
            }
            boolean global = service.deploy() != null && service.deploy().global();
            boolean stateful = options.stateful() && !global && hasNamedVolumes(project, service);
            PodVolumes volumes = PodVolumes.of(project, service, stateful, warnings);
            Map<String, Object> template = PodTemplates.template(project, service, podLabels, volumes, options, warnings);
            objects.add(ServiceObjects.internal(name, service, selector, labels, stateful, warnings));
            aliases(project, service, selector, labels, warnings).forEach(objects::add);
            KubernetesObject published = ServiceObjects.published(service, name, selector, labels, options, warnings);
            if (published != null) {
                objects.add(published);
            }
            if (global) {
                objects.add(Workloads.daemonSet(service, name, selector, labels, template));
            } else if (stateful) {
                templated.addAll(volumes.claimTemplates.keySet());
                List<Map<String, Object>> claims = new ArrayList<>();
                volumes.claimTemplates.forEach((volume, claim) -> claims.add(Tree.map("metadata", Tree.map("name", claim),
                        "spec", Claims.spec(Claims.shared(project, volume), project.volumes().get(volume)))));
                objects.add(Workloads.statefulSet(service, name, selector, labels, template, claims));
            } else {
                objects.add(Workloads.deployment(service, name, selector, labels, template,
                        usesExclusiveClaim(project, service), warnings));
            }
            if (options.networkPolicies()) {
                KubernetesObject open = NetworkPolicies.published(service, selector, labels, warnings);
                if (open != null) {
                    objects.add(open);
                }
            }
        }
        FileObjects.add(project, objects, common, warnings);
        Claims.add(project, templated, objects, common, warnings);
        if (options.networkPolicies()) {
            NetworkPolicies.add(project, objects, common);
        }
        objects.sort(Comparator.comparing((KubernetesObject object) -> ORDER.indexOf(object.kind()))
                .thenComparing(KubernetesObject::name));
        Checks.check(objects, warnings);
        if (!warnings.problems().isEmpty()) {
            throw new KubernetesConversionException(warnings.problems());
        }
        return new Conversion(List.copyOf(objects), warnings.warnings());
    }

    /** Two Compose names that become one object name would make one object overwrite the other. */
    private static void names(Project project, Warnings warnings) {
        Map<String, String> seen = new LinkedHashMap<>();
        for (String service : project.services().keySet()) {
            String name = Names.label(service);
            String other = seen.putIfAbsent(name, service);
            if (other != null) {
                warnings.problem("services." + service, "becomes the Kubernetes name \"" + name + "\", as \"" + other
                        + "\" does; rename one of them");
            } else if (!name.equals(service)) {
                warnings.service(service, "name", "is not a DNS-1123 label: its Service is named \"" + name
                        + "\", and peers must use that name");
            }
        }
    }

    /** A Service per network alias, so that peers reach the service by its aliases too. */
    private static List<KubernetesObject> aliases(Project project, Service service, Map<String, String> selector,
                                                  Map<String, String> labels, Warnings warnings) {
        List<KubernetesObject> out = new ArrayList<>();
        Set<String> done = new HashSet<>();
        service.networks().forEach((network, attachment) -> {
            if (attachment == null) {
                return;
            }
            for (String alias : attachment.aliases()) {
                String name = Names.label(alias);
                if (alias.equals(service.name()) || !done.add(name)) {
                    continue;
                }
                if (project.services().keySet().stream().anyMatch(other -> Names.label(other).equals(name))) {
                    warnings.service(service.name(), "networks." + network + ".aliases", "\"" + alias
                            + "\" is the name of a service; no Service is made for it");
                    continue;
                }
                out.add(ServiceObjects.internal(name, service, selector, labels, false, warnings));
            }
        });
        return out;
    }

    private static boolean hasNamedVolumes(Project project, Service service) {
        return service.volumes().stream().anyMatch(volume -> isClaim(project, volume));
    }

    private static boolean usesExclusiveClaim(Project project, Service service) {
        return service.volumes().stream().anyMatch(volume -> isClaim(project, volume) && !volume.readOnly()
                && !Claims.shared(project, volume.source()));
    }

    private static boolean isClaim(Project project, ServiceVolume volume) {
        return volume.type().equals("volume") && volume.source() != null && !volume.source().isEmpty()
                && project.volumes().containsKey(volume.source());
    }
}
