package io.berth.engine.kubernetes;

import io.berth.model.Service;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;

/**
 * The Services that keep Compose's names working: one per Compose service, always (a ClusterIP
 * Service on its ports, or a headless one when it has none, so that its name still resolves to its
 * pods, which Kompose leaves out), one per network alias, and one for the published ports.
 */
final class ServiceObjects {
    private ServiceObjects() {
    }

    /** The Service named after the Compose service (headless for dnsrr, stateful sets and portless services). */
    static KubernetesObject internal(String name, Service service, Map<String, String> selector,
                                     Map<String, String> labels, boolean headless, Warnings warnings) {
        List<Ports.Port> ports = Ports.containerPorts(service, warnings);
        boolean none = headless || ports.isEmpty()
                || service.deploy() != null && "dnsrr".equals(service.deploy().endpointMode());
        List<Map<String, Object>> entries = new ArrayList<>();
        for (Ports.Port port : ports) {
            entries.add(Tree.map("name", port.name(), "protocol", port.protocol(), "port", port.number(),
                    "targetPort", port.number()));
        }
        Map<String, Object> body = Tree.object("v1", "Service", name, labels, Map.of());
        body.put("spec", Tree.map("clusterIP", none ? "None" : null, "selector", selector, "ports", entries));
        return new KubernetesObject("Service", name, body);
    }

    /** The Service on the published ports, of the type the options ask for; null when none is published. */
    static KubernetesObject published(Service service, String name, Map<String, String> selector,
                                      Map<String, String> labels, KubernetesOptions options, Warnings warnings) {
        List<Ports.Published> published = Ports.published(service, warnings);
        if (published.isEmpty()) {
            return null;
        }
        boolean nodePort = options.publishAs() == KubernetesOptions.PublishAs.NODE_PORT;
        String serviceName = Names.label(name, "published");
        Map<String, Object> body = Tree.object("v1", "Service", serviceName, labels, Map.of());
        body.put("spec", Tree.map("type", options.publishAs().serviceType(), "selector", selector,
                "ports", Ports.servicePorts(service.name(), published, nodePort, warnings)));
        return new KubernetesObject("Service", serviceName, body);
    }
}
