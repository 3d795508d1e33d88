package io.berth.engine.swarm;

import com.fasterxml.jackson.databind.JsonNode;
import java.net.URLEncoder;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;

/** {@code stack ls}, {@code stack services}, {@code stack ps}: rows of text, as the docker CLI prints them. */
public final class StackQueries {
    private final EngineClient engine;

    public StackQueries(EngineClient engine) {
        this.engine = engine;
    }

    /** NAME, SERVICES: every stack on the swarm (Berth's and docker stack's alike). */
    public List<List<String>> stacks() throws SwarmException {
        Map<String, Integer> counts = new TreeMap<>();
        for (JsonNode service : engine.get("/services")) {
            String stack = service.path("Spec").path("Labels").path(StackSpec.NAMESPACE).asText("");
            if (!stack.isEmpty()) {
                counts.merge(stack, 1, Integer::sum);
            }
        }
        List<List<String>> rows = new ArrayList<>();
        rows.add(List.of("NAME", "SERVICES"));
        counts.forEach((stack, count) -> rows.add(List.of(stack, String.valueOf(count))));
        return rows;
    }

    /** ID, NAME, MODE, REPLICAS (running/desired), IMAGE, PORTS. */
    public List<List<String>> services(String stack) throws SwarmException {
        List<List<String>> rows = new ArrayList<>();
        rows.add(List.of("ID", "NAME", "MODE", "REPLICAS", "IMAGE", "PORTS"));
        for (JsonNode service : StackDeployer.byName(services(engine, stack)).values()) {
            JsonNode spec = service.path("Spec");
            boolean global = spec.path("Mode").has("Global");
            int running = 0;
            int desired = 0;
            for (JsonNode task : tasks(service.path("ID").asText())) {
                if (task.path("DesiredState").asText().equals("running")) {
                    desired++;
                    if (task.path("Status").path("State").asText().equals("running")) {
                        running++;
                    }
                }
            }
            String replicas = running + "/" + (global ? desired : spec.path("Mode").path("Replicated").path("Replicas").asInt());
            rows.add(List.of(short12(service.path("ID").asText()), spec.path("Name").asText(), global ? "global" : "replicated",
                    replicas, spec.path("TaskTemplate").path("ContainerSpec").path("Image").asText().replaceAll("@sha256:.*", ""),
                    ports(spec.path("EndpointSpec").path("Ports"))));
        }
        return rows;
    }

    /** ID, NAME, IMAGE, NODE, DESIRED STATE, CURRENT STATE, ERROR: the stack's tasks. */
    public List<List<String>> tasks(String stack, boolean all) throws SwarmException {
        List<List<String>> rows = new ArrayList<>();
        rows.add(List.of("ID", "NAME", "IMAGE", "NODE", "DESIRED STATE", "CURRENT STATE", "ERROR"));
        Map<String, String> nodes = new TreeMap<>();
        for (JsonNode node : engine.get("/nodes")) {
            nodes.put(node.path("ID").asText(), node.path("Description").path("Hostname").asText());
        }
        for (JsonNode service : StackDeployer.byName(services(engine, stack)).values()) {
            String name = service.path("Spec").path("Name").asText();
            for (JsonNode task : tasks(service.path("ID").asText())) {
                if (!all && !task.path("DesiredState").asText().equals("running")) {
                    continue;
                }
                String slot = task.has("Slot") ? task.path("Slot").asText() : task.path("NodeID").asText();
                rows.add(List.of(short12(task.path("ID").asText()), name + "." + slot,
                        task.path("Spec").path("ContainerSpec").path("Image").asText().replaceAll("@sha256:.*", ""),
                        nodes.getOrDefault(task.path("NodeID").asText(), ""), task.path("DesiredState").asText(),
                        task.path("Status").path("State").asText(), task.path("Status").path("Err").asText("")));
            }
        }
        return rows;
    }

    static JsonNode services(EngineClient engine, String stack) throws SwarmException {
        return engine.get("/services?" + EngineClient.labelFilter(StackSpec.NAMESPACE + "=" + stack));
    }

    private JsonNode tasks(String serviceId) throws SwarmException {
        return engine.get("/tasks?filters=" + URLEncoder.encode("{\"service\":[\"" + serviceId + "\"]}", StandardCharsets.UTF_8));
    }

    private static String ports(JsonNode ports) {
        List<String> text = new ArrayList<>();
        for (JsonNode port : ports) {
            text.add("*:" + port.path("PublishedPort").asText() + "->" + port.path("TargetPort").asText() + "/"
                    + port.path("Protocol").asText());
        }
        return String.join(", ", text);
    }

    private static String short12(String id) {
        return id.length() > 12 ? id.substring(0, 12) : id;
    }
}
