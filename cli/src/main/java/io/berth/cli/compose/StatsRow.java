package io.berth.cli.compose;

import io.berth.runtime.ContainerInfo;
import io.berth.runtime.ContainerUsage;
import java.util.LinkedHashMap;
import java.util.Locale;
import java.util.Map;

/**
 * One container's line of {@code berth stats}: the fields a {@code --format} template names, as
 * docker's stats formatter renders them. A container that is not running (shown with {@code --all})
 * has zeros, as docker shows it.
 */
final class StatsRow {
    static final String DEFAULT_TABLE = "table {{.ID}}\t{{.Name}}\t{{.CPUPerc}}\t{{.MemUsage}}\t{{.MemPerc}}\t{{.NetIO}}\t{{.BlockIO}}\t{{.PIDs}}";

    private StatsRow() {
    }

    /** Every field, empty: to check a template before there is anything to show. */
    static Map<String, Object> blank() {
        Map<String, Object> fields = new LinkedHashMap<>();
        for (String name : new String[] {"BlockIO", "CPUPerc", "Container", "ID", "MemPerc", "MemUsage", "Name", "NetIO", "PIDs"}) {
            fields.put(name, "");
        }
        return fields;
    }

    /** {@code earlier}: the previous sample of the same container, or null (then CPU is 0.00%). */
    static Map<String, Object> fields(ContainerInfo container, ContainerUsage usage, ContainerUsage earlier, boolean noTrunc) {
        String id = noTrunc ? container.id().value() : container.id().shortId();
        Map<String, Object> fields = new LinkedHashMap<>(); // the keys in the order of docker's {{json .}}
        if (usage == null) {
            fields.put("BlockIO", "0B / 0B");
            fields.put("CPUPerc", percent(0));
            fields.put("Container", id);
            fields.put("ID", id);
            fields.put("MemPerc", percent(0));
            fields.put("MemUsage", "0B / 0B");
            fields.put("Name", container.name());
            fields.put("NetIO", "0B / 0B");
            fields.put("PIDs", "0");
            return fields;
        }
        double cpu = earlier == null ? 0 : usage.cpuPercentSince(earlier);
        fields.put("BlockIO", ByteSizes.decimal(usage.blockReadBytes()) + " / " + ByteSizes.decimal(usage.blockWrittenBytes()));
        fields.put("CPUPerc", percent(cpu));
        fields.put("Container", id);
        fields.put("ID", id);
        fields.put("MemPerc", percent(usage.memoryPercent()));
        fields.put("MemUsage", ByteSizes.binary(usage.memoryWithoutCacheBytes()) + " / " + ByteSizes.binary(usage.memoryLimitBytes()));
        fields.put("Name", container.name());
        fields.put("NetIO", ByteSizes.decimal(usage.networkReceivedBytes()) + " / " + ByteSizes.decimal(usage.networkSentBytes()));
        fields.put("PIDs", Long.toString(usage.pids()));
        return fields;
    }

    private static String percent(double value) {
        return String.format(Locale.ROOT, "%.2f%%", value);
    }
}
