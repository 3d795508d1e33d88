package io.berth.engine.swarm;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.berth.model.Project;
import java.net.URLEncoder;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.Base64;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import java.util.function.Consumer;

/**
 * {@code berth stack deploy}: converges the swarm to the stack as {@code up} converges a host. Each
 * service's spec carries the hash of what Berth asked for; a second deploy with nothing changed
 * changes nothing, and a changed service is updated with the paths that changed as its cause.
 */
public final class StackDeployer {
    private static final ObjectMapper JSON = new ObjectMapper();
    private final EngineClient engine;
    private final Consumer<String> out;

    public StackDeployer(EngineClient engine, Consumer<String> out) {
        this.engine = engine;
        this.out = out;
    }

    /** How a deploy treats what is there: prune services and networks the files no longer name; image digests. */
    public record Options(boolean prune, String resolveImage) {
    }

    public List<String> deploy(Project project, Options options) throws SwarmException {
        requireManager(engine);
        String stack = project.name();
        Map<String, StackSpec.FileObject> secrets = StackSpecs.fileObjects(project, true);
        Map<String, StackSpec.FileObject> configs = StackSpecs.fileObjects(project, false);
        Map<String, String> secretIds = ensureFileObjects("secrets", secrets, stack);
        Map<String, String> configIds = ensureFileObjects("configs", configs, stack);
        StackSpec spec = StackSpecs.build(project, secrets, configs,
                (name, secret) -> (secret ? secretIds : configIds).get(name));
        Map<String, String> networkIds = ensureNetworks(spec);
        Map<String, JsonNode> existing = byName(engine.get("/services?" + EngineClient.labelFilter(StackSpec.NAMESPACE + "=" + stack)));
        for (Map.Entry<String, Map<String, Object>> entry : spec.services().entrySet()) {
            Map<String, Object> service = withNetworkIds(entry.getValue(), networkIds);
            deployService(entry.getKey(), resolve(service, options.resolveImage(), spec), existing.get(entry.getKey()));
        }
        if (options.prune()) {
            for (Map.Entry<String, JsonNode> service : existing.entrySet()) {
                if (!spec.services().containsKey(service.getKey())) {
                    out.accept("Removing service " + service.getKey());
                    engine.call("DELETE", "/services/" + service.getValue().get("ID").asText(), null);
                }
            }
        }
        removeUnused("secrets", spec.secrets().keySet(), stack);
        removeUnused("configs", spec.configs().keySet(), stack);
        return spec.warnings();
    }

    static void requireManager(EngineClient engine) throws SwarmException {
        JsonNode swarm = engine.get("/info").path("Swarm");
        if (!"active".equals(swarm.path("LocalNodeState").asText()) || !swarm.path("ControlAvailable").asBoolean()) {
            throw new SwarmException("this Docker Engine is not a swarm manager (state: "
                    + swarm.path("LocalNodeState").asText("unknown") + "); run docker swarm init, or point DOCKER_HOST at a manager");
        }
    }

    private Map<String, String> ensureFileObjects(String kind, Map<String, StackSpec.FileObject> wanted, String stack)
            throws SwarmException {
        Map<String, String> ids = new HashMap<>();
        for (JsonNode object : engine.get("/" + kind)) {
            ids.put(object.path("Spec").path("Name").asText(), object.path("ID").asText());
        }
        String singular = kind.substring(0, kind.length() - 1);
        for (StackSpec.FileObject object : wanted.values()) {
            if (ids.containsKey(object.name())) {
                continue;
            }
            if (object.content() == null) {
                throw new SwarmException("external " + singular + " " + object.name() + " does not exist on the swarm");
            }
            out.accept("Creating " + singular + " " + object.name());
            JsonNode created = engine.call("POST", "/" + kind + "/create", Map.of("Name", object.name(),
                    "Labels", object.labels(), "Data", Base64.getEncoder().encodeToString(object.content())));
            ids.put(object.name(), created.path("ID").asText());
        }
        return ids;
    }

    /** Creates the stack's networks that are missing; the id of every network by name. */
    private Map<String, String> ensureNetworks(StackSpec spec) throws SwarmException {
        Map<String, String> ids = new HashMap<>();
        for (JsonNode network : engine.get("/networks")) {
            ids.put(network.path("Name").asText(), network.path("Id").asText());
        }
        for (String external : spec.externalNetworks()) {
            if (!ids.containsKey(external)) {
                throw new SwarmException("external network " + external + " does not exist on the swarm");
            }
        }
        for (Map.Entry<String, Map<String, Object>> network : spec.networks().entrySet()) {
            if (!ids.containsKey(network.getKey())) {
                out.accept("Creating network " + network.getKey());
                ids.put(network.getKey(), engine.call("POST", "/networks/create", network.getValue()).path("Id").asText());
            }
        }
        return ids;
    }

    /** The swarm keeps a task's networks by id: the spec names them so, or every deploy would differ. */
    @SuppressWarnings("unchecked")
    private static Map<String, Object> withNetworkIds(Map<String, Object> service, Map<String, String> ids) {
        Map<String, Object> task = (Map<String, Object>) service.get("TaskTemplate");
        Object networks = task.get("Networks");
        if (networks instanceof List<?> list) {
            for (Object network : list) {
                Map<String, Object> attachment = (Map<String, Object>) network;
                attachment.put("Target", ids.getOrDefault((String) attachment.get("Target"), (String) attachment.get("Target")));
            }
        }
        return service;
    }

    private void deployService(String name, Map<String, Object> wanted, JsonNode current) throws SwarmException {
        String hash = SwarmNames.sha256(json(wanted));
        @SuppressWarnings("unchecked")
        Map<String, String> labels = (Map<String, String>) wanted.get("Labels");
        labels.put(StackSpec.SPEC_HASH, hash);
        if (current == null) {
            out.accept("Creating service " + name);
            engine.call("POST", "/services/create", wanted);
            return;
        }
        JsonNode currentSpec = current.path("Spec");
        if (hash.equals(currentSpec.path("Labels").path(StackSpec.SPEC_HASH).asText())) {
            out.accept("Service " + name + " is up to date");
            return;
        }
        List<String> changed = SpecDiff.changed(JSON.valueToTree(wanted), currentSpec);
        out.accept("Updating service " + name + " (" + (changed.isEmpty() ? "spec changed" : String.join(", ", changed)
                + " changed") + ")");
        engine.call("POST", "/services/" + current.path("ID").asText() + "/update?version="
                + current.path("Version").path("Index").asLong(), wanted);
    }

    /** {@code --resolve-image always|changed}: pin the tag to the registry's digest when the registry answers. */
    private Map<String, Object> resolve(Map<String, Object> service, String resolveImage, StackSpec spec) {
        if (resolveImage == null || resolveImage.equals("never")) {
            return service;
        }
        @SuppressWarnings("unchecked")
        Map<String, Object> container = (Map<String, Object>) ((Map<String, Object>) service.get("TaskTemplate"))
                .get("ContainerSpec");
        String image = String.valueOf(container.get("Image"));
        if (image.contains("@")) {
            return service;
        }
        try {
            JsonNode descriptor = engine.get("/distribution/" + URLEncoder.encode(image, StandardCharsets.UTF_8) + "/json");
            container.put("Image", image + "@" + descriptor.path("Descriptor").path("digest").asText());
        } catch (SwarmException e) {
            spec.warnings().add("image " + image + ": not resolved to a digest (" + e.getMessage()
                    + "); nodes use their local image of that name");
        }
        return service;
    }

    private void removeUnused(String kind, java.util.Set<String> wanted, String stack) throws SwarmException {
        for (JsonNode object : engine.get("/" + kind + "?" + EngineClient.labelFilter(StackSpec.NAMESPACE + "=" + stack))) {
            String name = object.path("Spec").path("Name").asText();
            if (!wanted.contains(name)) {
                try {
                    engine.call("DELETE", "/" + kind + "/" + object.path("ID").asText(), null);
                    out.accept("Removed " + kind.substring(0, kind.length() - 1) + " " + name + " (no longer used)");
                } catch (SwarmException e) {
                    out.accept("Kept " + name + ": " + e.getMessage());
                }
            }
        }
    }

    static Map<String, JsonNode> byName(JsonNode list) {
        Map<String, JsonNode> byName = new TreeMap<>();
        for (JsonNode item : list) {
            byName.put(item.path("Spec").path("Name").asText(), item);
        }
        return byName;
    }

    private static String json(Object value) {
        try {
            return JSON.writeValueAsString(value);
        } catch (java.io.IOException e) {
            throw new IllegalStateException(e);
        }
    }
}
