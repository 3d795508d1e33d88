package io.berth.model;

import com.fasterxml.jackson.core.JsonFactory;
import com.fasterxml.jackson.core.JsonGenerator;
import com.fasterxml.jackson.core.util.DefaultIndenter;
import com.fasterxml.jackson.core.util.DefaultPrettyPrinter;
import com.fasterxml.jackson.core.util.Separators;
import java.io.IOException;
import java.io.StringWriter;
import java.io.UncheckedIOException;
import java.util.List;
import java.util.Map;
import org.snakeyaml.engine.v2.api.Dump;
import org.snakeyaml.engine.v2.api.DumpSettings;
import org.snakeyaml.engine.v2.common.FlowStyle;
import org.snakeyaml.engine.v2.nodes.Tag;
import org.snakeyaml.engine.v2.resolver.ScalarResolver;
import org.snakeyaml.engine.v2.schema.CoreSchema;

/**
 * Prints a canonical tree ({@link LoadedModel#canonical()}) as {@code docker compose config} does.
 * JSON goes through jackson-core's streaming generator, not an ObjectMapper: the tree is plain maps,
 * lists and scalars, and databind's start-up would double the command's time.
 */
public final class ConfigWriter {
    private ConfigWriter() {
    }

    /** JSON, two-space indent, keys in the tree's order, {@code {}} and {@code []} when empty (as Go prints). */
    public static String json(Object tree) {
        DefaultPrettyPrinter printer = new DefaultPrettyPrinter()
                .withObjectIndenter(new DefaultIndenter("  ", "\n"))
                .withArrayIndenter(new DefaultIndenter("  ", "\n"))
                .withSeparators(Separators.createDefaultInstance()
                        .withObjectFieldValueSpacing(Separators.Spacing.AFTER)
                        .withObjectEmptySeparator("").withArrayEmptySeparator(""));
        StringWriter out = new StringWriter();
        try (JsonGenerator generator = new JsonFactory().createGenerator(out)) {
            generator.setPrettyPrinter(printer);
            write(tree, generator);
        } catch (IOException e) {
            throw new UncheckedIOException("cannot print the model as JSON", e);
        }
        return out.toString();
    }

    private static void write(Object value, JsonGenerator generator) throws IOException {
        if (value == null) {
            generator.writeNull();
        } else if (value instanceof Map<?, ?> map) {
            generator.writeStartObject();
            for (Map.Entry<?, ?> entry : map.entrySet()) {
                generator.writeFieldName(String.valueOf(entry.getKey()));
                write(entry.getValue(), generator);
            }
            generator.writeEndObject();
        } else if (value instanceof List<?> list) {
            generator.writeStartArray();
            for (Object item : list) {
                write(item, generator);
            }
            generator.writeEndArray();
        } else if (value instanceof Boolean flag) {
            generator.writeBoolean(flag);
        } else if (value instanceof Long || value instanceof Integer) {
            generator.writeNumber(((Number) value).longValue());
        } else if (value instanceof Double number) {
            generator.writeNumber(number);
        } else {
            generator.writeString(String.valueOf(value));
        }
    }

    /**
     * The tree as Compose lays out its YAML (which differs from its JSON): top-level sections in the
     * order name, services, networks, volumes, secrets, configs; unset command and entrypoint left out.
     */
    @SuppressWarnings("unchecked")
    static Map<String, Object> yamlLayout(Map<String, Object> canonical) {
        Map<String, Object> out = new java.util.LinkedHashMap<>();
        for (String key : List.of("name", "services", "networks", "volumes", "secrets", "configs")) {
            if (canonical.containsKey(key)) {
                out.put(key, canonical.get(key));
            }
        }
        canonical.forEach(out::putIfAbsent);
        if (out.get("networks") instanceof Map<?, ?> networks) {
            Map<String, Object> copy = new java.util.LinkedHashMap<>();
            ((Map<String, Object>) networks).forEach((name, network) -> copy.put(name, withoutEmpty(network, "ipam")));
            out.put("networks", copy);
        }
        if (out.get("services") instanceof Map<?, ?> services) {
            Map<String, Object> copy = new java.util.LinkedHashMap<>();
            ((Map<String, Object>) services).forEach((name, service) -> {
                Map<String, Object> fields = new java.util.LinkedHashMap<>((Map<String, Object>) service);
                fields.remove("command", null);
                fields.remove("entrypoint", null);
                if (fields.containsKey("deploy")) {
                    fields.put("deploy", withoutEmpty(fields.get("deploy"), "placement", "resources"));
                }
                if (fields.get("blkio_config") instanceof Map<?, ?> blkio) {
                    fields.put("blkio_config", lowerCaseDeviceKeys((Map<String, Object>) blkio));
                }
                if (fields.get("develop") instanceof Map<?, ?> develop && develop.get("watch") instanceof List<?> watch) {
                    Map<String, Object> developCopy = new java.util.LinkedHashMap<>((Map<String, Object>) develop);
                    List<Object> rules = new java.util.ArrayList<>();
                    for (Object rule : watch) {
                        if (rule instanceof Map<?, ?> ruleMap && ruleMap.get("exec") instanceof Map<?, ?> exec
                                && exec.get("command") == null) {
                            Map<String, Object> ruleCopy = new java.util.LinkedHashMap<>((Map<String, Object>) ruleMap);
                            ruleCopy.remove("exec"); // an empty struct: Go's YAML leaves it out, its JSON prints it
                            rules.add(ruleCopy);
                        } else {
                            rules.add(rule);
                        }
                    }
                    developCopy.put("watch", rules);
                    fields.put("develop", developCopy);
                }
                copy.put(name, fields);
            });
            out.put("services", copy);
        }
        return out;
    }

    /** compose-go's device throttles have YAML tags (path, rate, weight) but no JSON ones (Path, Rate, Weight). */
    @SuppressWarnings("unchecked")
    private static Map<String, Object> lowerCaseDeviceKeys(Map<String, Object> blkio) {
        Map<String, Object> out = new java.util.LinkedHashMap<>();
        blkio.forEach((key, value) -> {
            if (value instanceof List<?> devices) {
                List<Object> lowered = new java.util.ArrayList<>();
                for (Object device : devices) {
                    if (device instanceof Map<?, ?> fields) {
                        Map<String, Object> copy = new java.util.LinkedHashMap<>();
                        ((Map<String, Object>) fields).forEach((field, item) -> copy.put(field.toLowerCase(java.util.Locale.ROOT), item));
                        lowered.add(copy);
                    } else {
                        lowered.add(device);
                    }
                }
                out.put(key, lowered);
            } else {
                out.put(key, value);
            }
        });
        return out;
    }

    /** Mappings whose keys are names or user data, not attributes: an x- key there is kept in JSON. */
    private static final java.util.Set<String> DATA_MAPPINGS = java.util.Set.of("environment", "labels", "annotations",
            "sysctls", "args", "driver_opts", "options", "aux_addresses", "services", "networks", "volumes", "secrets",
            "configs", "depends_on", "ulimits", "extra_hosts");

    /**
     * Compose's JSON leaves out the x- extensions of services, networks and the other structs
     * ({@code json:"-"}) but prints the top-level ones; its YAML prints them all.
     */
    @SuppressWarnings("unchecked")
    static Map<String, Object> withoutNestedExtensions(Map<String, Object> canonical) {
        Map<String, Object> out = new java.util.LinkedHashMap<>();
        canonical.forEach((key, value) -> out.put(key, strip(value, key)));
        return out;
    }

    @SuppressWarnings("unchecked")
    private static Object strip(Object value, String parentKey) {
        if (value instanceof Map<?, ?> map) {
            Map<String, Object> out = new java.util.LinkedHashMap<>();
            ((Map<String, Object>) map).forEach((key, item) -> {
                if (!key.startsWith("x-") || DATA_MAPPINGS.contains(parentKey)) {
                    out.put(key, strip(item, key));
                }
            });
            return out;
        }
        if (value instanceof List<?> list) {
            List<Object> out = new java.util.ArrayList<>();
            list.forEach(item -> out.add(strip(item, parentKey + "[]")));
            return out;
        }
        return value;
    }

    /** Go's YAML library leaves out empty structs (omitempty), which its JSON prints as {}. */
    @SuppressWarnings("unchecked")
    private static Object withoutEmpty(Object value, String... keys) {
        if (!(value instanceof Map<?, ?> map)) {
            return value;
        }
        Map<String, Object> copy = new java.util.LinkedHashMap<>((Map<String, Object>) map);
        for (String key : keys) {
            if (copy.get(key) instanceof Map<?, ?> inner && inner.isEmpty()) {
                copy.remove(key);
            }
        }
        return copy;
    }

    /**
     * YAML, block style, two-space indent. A string that a YAML reader could take for another type is
     * quoted: the core schema's booleans, numbers and nulls, and YAML 1.1's yes/no/on/off too, as Go's
     * YAML library (and so Compose) quotes them.
     */
    public static String yaml(Object tree) {
        DumpSettings settings = DumpSettings.builder().setDefaultFlowStyle(FlowStyle.BLOCK).setIndent(2)
                .setIndicatorIndent(2).setIndentWithIndicator(true).setSplitLines(false)
                .setSchema(new QuotingSchema()).build();
        return new Dump(settings).dumpToString(tree);
    }

    /**
     * The text {@code config} prints. As Docker Compose does, every {@code $} of an interpolated model is
     * written {@code $$}, so that the output reads back as the same model.
     */
    public static String render(Map<String, Object> canonical, boolean asJson, boolean interpolated) {
        String text = asJson ? json(withoutNestedExtensions(canonical)) : yaml(yamlLayout(canonical));
        return interpolated ? text.replace("$", "$$") : text;
    }

    /** The core schema, with YAML 1.1's other boolean words resolved as booleans so that they get quoted. */
    private static final class QuotingSchema extends CoreSchema {
        private static final java.util.regex.Pattern YAML11_BOOLEAN =
                java.util.regex.Pattern.compile("(?i)y|n|yes|no|on|off|true|false");

        @Override
        public ScalarResolver getScalarResolver() {
            ScalarResolver core = super.getScalarResolver();
            return (value, implicit) -> Boolean.TRUE.equals(implicit) && YAML11_BOOLEAN.matcher(value).matches()
                    ? Tag.BOOL : core.resolve(value, implicit);
        }
    }
}
