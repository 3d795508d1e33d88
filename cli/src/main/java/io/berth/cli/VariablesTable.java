package io.berth.cli;

import io.berth.model.ConfigWriter;
import io.berth.model.TemplateVariable;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;

/** {@code config --variables}: every variable the files refer to, as a table or JSON (like Compose). */
final class VariablesTable {
    private VariablesTable() {
    }

    static String render(Map<String, Object> uninterpolated, boolean asJson) {
        List<TemplateVariable> references = new ArrayList<>();
        collect(uninterpolated, references);
        Map<String, TemplateVariable> variables = new TreeMap<>(TemplateVariable.combine(references));
        if (asJson) {
            Map<String, Object> tree = new LinkedHashMap<>();
            variables.forEach((name, variable) -> {
                Map<String, Object> fields = new LinkedHashMap<>();
                fields.put("Name", name);
                fields.put("DefaultValue", variable.defaultValue());
                fields.put("PresenceValue", variable.alternateValue());
                fields.put("Required", variable.required());
                tree.put(name, fields);
            });
            return ConfigWriter.json(tree) + "\n";
        }
        List<String[]> rows = new ArrayList<>();
        rows.add(new String[] {"NAME", "REQUIRED", "DEFAULT VALUE", "ALTERNATE VALUE"});
        variables.values().forEach(variable -> rows.add(new String[] {variable.name(),
                String.valueOf(variable.required()), variable.defaultValue(), variable.alternateValue()}));
        return table(rows);
    }

    private static void collect(Object value, List<TemplateVariable> references) {
        if (value instanceof Map<?, ?> map) {
            map.values().forEach(item -> collect(item, references));
        } else if (value instanceof List<?> list) {
            list.forEach(item -> collect(item, references));
        } else if (value instanceof String text) {
            references.addAll(TemplateVariable.extract(text));
        }
    }

    /** Columns padded to their widest cell plus three blanks, as Go's tabwriter does for Compose. */
    static String table(List<String[]> rows) {
        int[] widths = new int[rows.get(0).length];
        rows.forEach(row -> {
            for (int i = 0; i < row.length; i++) {
                widths[i] = Math.max(widths[i], row[i].length());
            }
        });
        StringBuilder text = new StringBuilder();
        for (String[] row : rows) {
            StringBuilder line = new StringBuilder();
            for (int i = 0; i < row.length; i++) {
                line.append(row[i]);
                if (i < row.length - 1) {
                    line.append(" ".repeat(widths[i] - row[i].length() + 3));
                }
            }
            text.append(line.toString().stripTrailing()).append('\n');
        }
        return text.toString();
    }
}
