package io.berth.engine.swarm;

import com.fasterxml.jackson.databind.JsonNode;
import java.util.ArrayList;
import java.util.Iterator;
import java.util.List;
import java.util.Map;

/**
 * Which paths of a service spec Berth sets differ from the swarm's current spec (the swarm adds
 * defaults of its own, so only what Berth sets is compared): the cause an update prints.
 */
final class SpecDiff {
    private SpecDiff() {
    }

    static List<String> changed(JsonNode wanted, JsonNode current) {
        List<String> paths = new ArrayList<>();
        walk(wanted, current, "", paths);
        return paths;
    }

    private static void walk(JsonNode wanted, JsonNode current, String path, List<String> paths) {
        if (wanted.isObject() && current != null && current.isObject()) {
            for (Iterator<Map.Entry<String, JsonNode>> fields = wanted.fields(); fields.hasNext(); ) {
                Map.Entry<String, JsonNode> field = fields.next();
                if (field.getKey().equals(StackSpec.SPEC_HASH)) {
                    continue;
                }
                walk(field.getValue(), current.get(field.getKey()), path.isEmpty() ? field.getKey()
                        : path + "." + field.getKey(), paths);
            }
        } else if (!wanted.equals(current) && !(wanted.isNumber() && current != null && current.isNumber()
                && wanted.asLong() == current.asLong())) {
            paths.add(path);
        }
    }
}
