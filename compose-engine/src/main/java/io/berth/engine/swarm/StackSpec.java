package io.berth.engine.swarm;

import java.util.List;
import java.util.Map;

/**
 * What a stack deploy wants on the swarm, as Engine API specs: networks, secrets and configs by their
 * full names (those with {@code external} are only looked up), services by full name, and the
 * warnings for keys with no Swarm meaning.
 */
public record StackSpec(
        String stack,
        Map<String, Map<String, Object>> networks,
        List<String> externalNetworks,
        Map<String, FileObject> secrets,
        Map<String, FileObject> configs,
        Map<String, Map<String, Object>> services,
        List<String> warnings) {

    /** A secret or config: its full name and content (null for an external one, which must exist). */
    public record FileObject(String name, byte[] content, Map<String, String> labels) {
    }

    public static final String NAMESPACE = "com.docker.stack.namespace";
    public static final String SPEC_HASH = "io.berth.stack.spec-hash";
}
