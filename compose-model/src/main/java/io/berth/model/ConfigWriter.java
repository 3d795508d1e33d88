package io.berth.model;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.core.util.DefaultIndenter;
import com.fasterxml.jackson.core.util.DefaultPrettyPrinter;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.util.Map;
import org.snakeyaml.engine.v2.api.Dump;
import org.snakeyaml.engine.v2.api.DumpSettings;
import org.snakeyaml.engine.v2.common.FlowStyle;

/** Prints a canonical tree ({@link LoadedModel#canonical()}) as {@code docker compose config} does. */
public final class ConfigWriter {
    private static final ObjectMapper JSON = new ObjectMapper();

    private ConfigWriter() {
    }

    /** JSON, two-space indent, keys in the tree's order. */
    public static String json(Object tree) {
        DefaultPrettyPrinter printer = new DefaultPrettyPrinter()
                .withObjectIndenter(new DefaultIndenter("  ", "\n"))
                .withArrayIndenter(new DefaultIndenter("  ", "\n"))
                .withSeparators(com.fasterxml.jackson.core.util.Separators.createDefaultInstance()
                        .withObjectFieldValueSpacing(com.fasterxml.jackson.core.util.Separators.Spacing.AFTER));
        try {
            return JSON.writer(printer).writeValueAsString(tree);
        } catch (JsonProcessingException e) {
            throw new IllegalStateException("cannot print the model as JSON", e);
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
