package io.berth.model.load;

import io.berth.model.tree.ComposePath;
import io.berth.model.tree.Problems;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * {@code ports:} entries to the long form Compose prints: {@code [ip:][published:]target[/protocol]},
 * ranges expanded to one entry per port when both sides are ranges of the same length.
 */
final class PortSyntax {
    private static final Pattern SHORT = Pattern.compile(
            "(?:(?:(\\[[0-9a-fA-F:.]*\\]|[0-9.]*):)?(\\d+(?:-\\d+)?)?:)?(\\d+(?:-\\d+)?)(?:/(\\w+))?");

    private PortSyntax() {
    }

    static List<Object> canonical(Object entry, ComposePath path, Problems problems) {
        List<Object> out = new ArrayList<>();
        if (entry instanceof Map<?, ?> longForm) {
            Map<String, Object> port = new LinkedHashMap<>();
            port.put("name", longForm.get("name"));
            port.put("mode", longForm.get("mode") == null ? "ingress" : Values.text(longForm.get("mode")));
            port.put("host_ip", longForm.get("host_ip"));
            Long target = Values.integer(longForm.get("target"));
            if (target == null) {
                problems.add(path.key("target"), "port target must be a number, got \"" + longForm.get("target") + "\"");
                return out;
            }
            port.put("target", target);
            port.put("published", Values.text(longForm.get("published")));
            port.put("protocol", longForm.get("protocol") == null ? "tcp" : Values.text(longForm.get("protocol")));
            port.put("app_protocol", longForm.get("app_protocol"));
            port.values().removeIf(value -> value == null);
            out.add(port);
            return out;
        }
        String text = Values.text(entry);
        Matcher matcher = text == null ? null : SHORT.matcher(text.strip());
        if (matcher == null || !matcher.matches()) {
            problems.add(path, "invalid port \"" + text + "\" (expected [host_ip:][published:]target[/protocol], e.g. 8080:80/tcp)");
            return out;
        }
        String hostIp = matcher.group(1);
        if (hostIp != null && hostIp.startsWith("[")) {
            hostIp = hostIp.substring(1, hostIp.length() - 1);
        }
        String published = matcher.group(2);
        String protocol = matcher.group(4) == null ? "tcp" : matcher.group(4).toLowerCase(java.util.Locale.ROOT);
        long[] targets = range(matcher.group(3));
        long[] publishedRange = published == null ? null : range(published);
        if (targets == null || (published != null && publishedRange == null) || !valid(targets)
                || (publishedRange != null && !valid(publishedRange))) {
            problems.add(path, "invalid port \"" + text + "\" (ports are 1-65535, ranges low-high)");
            return out;
        }
        long count = targets[1] - targets[0] + 1;
        boolean pairwise = publishedRange != null && publishedRange[1] - publishedRange[0] + 1 == count;
        if (publishedRange != null && count > 1 && !pairwise) {
            problems.add(path, "invalid port \"" + text + "\" (the published range must be as long as the target range)");
            return out;
        }
        for (long i = 0; i < count; i++) {
            Map<String, Object> port = new LinkedHashMap<>();
            port.put("mode", "ingress");
            if (hostIp != null && !hostIp.isEmpty()) {
                port.put("host_ip", hostIp);
            }
            port.put("target", targets[0] + i);
            if (publishedRange != null) {
                port.put("published", pairwise && count > 1 ? String.valueOf(publishedRange[0] + i) : published);
            }
            port.put("protocol", protocol);
            out.add(port);
        }
        return out;
    }

    private static boolean valid(long[] range) {
        return range[0] >= 0 && range[1] <= 65535 && range[0] <= range[1];
    }

    private static long[] range(String text) {
        try {
            int dash = text.indexOf('-');
            if (dash < 0) {
                long port = Long.parseLong(text);
                return new long[] {port, port};
            }
            return new long[] {Long.parseLong(text.substring(0, dash)), Long.parseLong(text.substring(dash + 1))};
        } catch (NumberFormatException e) {
            return null;
        }
    }
}
