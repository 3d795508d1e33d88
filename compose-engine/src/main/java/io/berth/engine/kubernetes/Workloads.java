package io.berth.engine.kubernetes;

import io.berth.model.DeployConfig;
import io.berth.model.Service;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;

/**
 * The workload of a service: a DaemonSet for {@code deploy.mode: global}, a StatefulSet when it has
 * named volumes and stateful output was asked for, a Deployment otherwise. {@code update_config}
 * becomes the rolling update (parallelism as the surge or the unavailable count, by {@code order});
 * a Deployment whose pods share a read-write-once claim is recreated rather than rolled, so that the
 * new pod never waits for the old one's volume.
 */
final class Workloads {
    private Workloads() {
    }

    static KubernetesObject deployment(Service service, String name, Map<String, String> selector,
                                       Map<String, String> labels, Map<String, Object> template, boolean recreate,
                                       Warnings warnings) {
        Map<String, Object> body = Tree.object("apps/v1", "Deployment", name, labels, annotations(service));
        body.put("spec", Tree.map("replicas", service.replicaCount(), "selector", Tree.map("matchLabels", selector),
                "strategy", recreate ? Tree.map("type", "Recreate") : rollingUpdate(service, warnings), "template", template));
        return new KubernetesObject("Deployment", name, body);
    }

    static KubernetesObject statefulSet(Service service, String name, Map<String, String> selector,
                                        Map<String, String> labels, Map<String, Object> template,
                                        List<Map<String, Object>> claimTemplates) {
        Map<String, Object> body = Tree.object("apps/v1", "StatefulSet", name, labels, annotations(service));
        body.put("spec", Tree.map("serviceName", name, "replicas", service.replicaCount(),
                "selector", Tree.map("matchLabels", selector), "template", template,
                "volumeClaimTemplates", claimTemplates));
        return new KubernetesObject("StatefulSet", name, body);
    }

    static KubernetesObject daemonSet(Service service, String name, Map<String, String> selector,
                                      Map<String, String> labels, Map<String, Object> template) {
        Map<String, Object> body = Tree.object("apps/v1", "DaemonSet", name, labels, annotations(service));
        body.put("spec", Tree.map("selector", Tree.map("matchLabels", selector), "template", template));
        return new KubernetesObject("DaemonSet", name, body);
    }

    private static Map<String, Object> rollingUpdate(Service service, Warnings warnings) {
        DeployConfig.UpdateConfig update = service.deploy() == null ? null : service.deploy().updateConfig();
        if (update == null) {
            return null;
        }
        List<String> left = new ArrayList<>();
        if (update.delay() != null) {
            left.add("delay");
        }
        if (update.failureAction() != null) {
            left.add("failure_action");
        }
        if (update.monitor() != null) {
            left.add("monitor");
        }
        if (update.maxFailureRatio() != null) {
            left.add("max_failure_ratio");
        }
        if (!left.isEmpty()) {
            warnings.service(service.name(), "deploy.update_config", String.join(", ", left)
                    + " not converted (a Deployment rolls by parallelism and order only)");
        }
        int parallelism = update.parallelism() == null || update.parallelism() < 1 ? 1 : update.parallelism();
        boolean startFirst = "start-first".equals(update.order());
        return Tree.map("type", "RollingUpdate", "rollingUpdate", Tree.map(
                "maxSurge", startFirst ? parallelism : 0,
                "maxUnavailable", startFirst ? 0 : parallelism));
    }

    private static Map<String, String> annotations(Service service) {
        return service.deploy() == null ? Map.of() : new java.util.TreeMap<>(service.deploy().labels());
    }
}
