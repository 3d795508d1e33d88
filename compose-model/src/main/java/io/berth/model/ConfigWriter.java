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

    /** YAML, block style, two-space indent. */
    public static String yaml(Object tree) {
        DumpSettings settings = DumpSettings.builder().setDefaultFlowStyle(FlowStyle.BLOCK).setIndent(2)
                .setIndicatorIndent(2).setIndentWithIndicator(true).setSplitLines(false).build();
        return new Dump(settings).dumpToString(tree);
    }

    /**
     * The text {@code config} prints. As Docker Compose does, every {@code $} of an interpolated model is
     * written {@code $$}, so that the output reads back as the same model.
     */
    public static String render(Map<String, Object> canonical, boolean asJson, boolean interpolated) {
        String text = asJson ? json(canonical) : yaml(canonical);
        return interpolated ? text.replace("$", "$$") : text;
    }
}
