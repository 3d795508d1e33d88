package io.berth.model;

import static org.junit.jupiter.api.Assertions.assertEquals;

import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

/** How config prints: JSON as Go's encoding/json, YAML laid out and quoted as Compose's YAML. */
class ConfigWriterTest {
    private static Map<String, Object> model() {
        Map<String, Object> web = new LinkedHashMap<>();
        web.put("command", null);
        web.put("deploy", new LinkedHashMap<>(Map.of("placement", Map.of())));
        web.put("entrypoint", null);
        web.put("environment", new LinkedHashMap<>(Map.of("EULA", "TRUE")));
        web.put("restart", "no");
        Map<String, Object> tree = new LinkedHashMap<>();
        tree.put("name", "demo");
        tree.put("networks", Map.of("default", new LinkedHashMap<>(Map.of("name", "demo_default", "ipam", Map.of()))));
        tree.put("services", Map.of("web", web));
        return tree;
    }

    @Test
    void yamlLeavesOutWhatComposeLeavesOutAndQuotesAmbiguousWords() {
        assertEquals("""
                name: demo
                services:
                  web:
                    deploy: {}
                    environment:
                      EULA: 'TRUE'
                    restart: 'no'
                networks:
                  default:
                    name: demo_default
                """, ConfigWriter.render(model(), false, true));
    }

    @Test
    void jsonKeepsNullsAndEmptyObjectsAndEscapesDollars() {
        Map<String, Object> tree = new LinkedHashMap<>();
        tree.put("command", null);
        tree.put("ipam", Map.of());
        tree.put("list", List.of());
        tree.put("test", "echo $$HOME $x");
        assertEquals("{\n  \"command\": null,\n  \"ipam\": {},\n  \"list\": [],\n  \"test\": \"echo $$$$HOME $$x\"\n}",
                ConfigWriter.render(tree, true, true));
    }
}
