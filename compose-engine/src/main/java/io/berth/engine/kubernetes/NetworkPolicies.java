package io.berth.engine.kubernetes;

import io.berth.model.Project;
import io.berth.model.Service;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.TreeSet;

/**
 * Compose networks as NetworkPolicies (asked for by flag): each pod carries a label per network it is
 * on, and each network admits traffic from the pods that share it; published ports admit anyone.
 * Together they isolate as Compose's bridges do, where the cluster's network plugin enforces policies.
 */
final class NetworkPolicies {
    private NetworkPolicies() {
    }

    static String label(String network) {
        return "network.berth.io/" + Names.label(network);
    }

    static void add(Project project, List<KubernetesObject> objects, Map<String, String> labels) {
        TreeSet<String> networks = new TreeSet<>();
        for (Service service : project.services().values()) {
            networks.addAll(networksOf(service));
        }
        for (String network : networks) {
            Map<String, Object> selector = Tree.map("matchLabels", Map.of(label(network), "true"));
            String name = Names.label(network, "network");
            Map<String, Object> body = Tree.object("networking.k8s.io/v1", "NetworkPolicy", name, labels, Map.of());
            body.put("spec", Tree.map("podSelector", selector, "policyTypes", List.of("Ingress"),
                    "ingress", List.of(Tree.map("from", List.of(Tree.map("podSelector", selector))))));
            objects.add(new KubernetesObject("NetworkPolicy", name, body));
        }
    }

    /** A policy letting anyone reach a service's published ports; null when it publishes none. */
    static KubernetesObject published(Service service, Map<String, String> selector, Map<String, String> labels,
                                      Warnings warnings) {
        List<Map<String, Object>> ports = new ArrayList<>();
        for (Ports.Published port : Ports.published(service, warnings)) {
            ports.add(Tree.map("protocol", port.target().protocol(), "port", port.target().number()));
        }
        if (ports.isEmpty()) {
            return null;
        }
        String name = Names.label(service.name(), "published");
        Map<String, Object> body = Tree.object("networking.k8s.io/v1", "NetworkPolicy", name, labels, Map.of());
        body.put("spec", Tree.map("podSelector", Tree.map("matchLabels", selector), "policyTypes", List.of("Ingress"),
                "ingress", List.of(Tree.map("ports", ports))));
        return new KubernetesObject("NetworkPolicy", name, body);
    }

    /** The networks a service is on ({@code default} when it names none and has no network_mode). */
    static TreeSet<String> networksOf(Service service) {
        TreeSet<String> networks = new TreeSet<>(service.networks().keySet());
        if (networks.isEmpty() && service.networkMode() == null) {
            networks.add("default");
        }
        return networks;
    }
}
