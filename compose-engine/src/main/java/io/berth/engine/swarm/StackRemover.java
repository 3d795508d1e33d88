package io.berth.engine.swarm;

import com.fasterxml.jackson.databind.JsonNode;
import java.time.Duration;
import java.time.Instant;
import java.util.function.Consumer;

/**
 * {@code berth stack rm}: the stack's services, then its secrets and configs, then its networks (which
 * the swarm frees only once the services' tasks are gone: retried for up to 30 seconds).
 */
public final class StackRemover {
    private static final Duration NETWORK_WAIT = Duration.ofSeconds(30);
    private final EngineClient engine;
    private final Consumer<String> out;

    public StackRemover(EngineClient engine, Consumer<String> out) {
        this.engine = engine;
        this.out = out;
    }

    /** False when the stack had nothing on the swarm. */
    public boolean remove(String stack) throws SwarmException {
        String filter = EngineClient.labelFilter(StackSpec.NAMESPACE + "=" + stack);
        boolean found = false;
        for (JsonNode service : engine.get("/services?" + filter)) {
            out.accept("Removing service " + service.path("Spec").path("Name").asText());
            engine.call("DELETE", "/services/" + service.path("ID").asText(), null);
            found = true;
        }
        for (String kind : new String[] {"secrets", "configs"}) {
            for (JsonNode object : engine.get("/" + kind + "?" + filter)) {
                out.accept("Removing " + kind.substring(0, kind.length() - 1) + " " + object.path("Spec").path("Name").asText());
                engine.call("DELETE", "/" + kind + "/" + object.path("ID").asText(), null);
                found = true;
            }
        }
        for (JsonNode network : engine.get("/networks?" + filter)) {
            out.accept("Removing network " + network.path("Name").asText());
            removeNetwork(network.path("Id").asText());
            found = true;
        }
        return found;
    }

    private void removeNetwork(String id) throws SwarmException {
        Instant deadline = Instant.now().plus(NETWORK_WAIT);
        while (true) {
            try {
                engine.call("DELETE", "/networks/" + id, null);
                return;
            } catch (SwarmException e) {
                if (Instant.now().isAfter(deadline) || !e.getMessage().contains("in use")) {
                    throw e;
                }
                try {
                    Thread.sleep(500);
                } catch (InterruptedException interrupted) {
                    Thread.currentThread().interrupt();
                    throw e;
                }
            }
        }
    }
}
