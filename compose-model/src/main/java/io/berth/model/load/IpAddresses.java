package io.berth.model.load;

import java.util.regex.Pattern;

/** IP address literals, recognized by their text alone (no name lookup, as InetAddress would do). */
final class IpAddresses {
    private static final Pattern IPV4 = Pattern.compile(
            "((25[0-5]|2[0-4]\\d|1\\d\\d|[1-9]?\\d)\\.){3}(25[0-5]|2[0-4]\\d|1\\d\\d|[1-9]?\\d)");
    private static final Pattern IPV6_GROUP = Pattern.compile("[0-9a-fA-F]{1,4}");

    private IpAddresses() {
    }

    static boolean isLiteral(String text) {
        return IPV4.matcher(text).matches() || isIpv6(text);
    }

    private static boolean isIpv6(String text) {
        String address = text.contains("%") ? text.substring(0, text.indexOf('%')) : text; // a zone: fe80::1%eth0
        if (!address.contains(":") || address.indexOf("::") != address.lastIndexOf("::")) {
            return false;
        }
        int groups = 0;
        String[] parts = address.split(":", -1);
        for (int i = 0; i < parts.length; i++) {
            String part = parts[i];
            if (part.isEmpty()) {
                continue; // the halves around "::", or its colons at either end
            }
            if (i == parts.length - 1 && part.contains(".")) {
                if (!IPV4.matcher(part).matches()) {
                    return false;
                }
                groups += 2; // ::ffff:10.0.0.1
            } else if (IPV6_GROUP.matcher(part).matches()) {
                groups++;
            } else {
                return false;
            }
        }
        boolean compressed = address.contains("::");
        boolean edges = (!address.startsWith(":") || address.startsWith("::")) && (!address.endsWith(":") || address.endsWith("::"));
        return edges && (compressed ? groups < 8 : groups == 8);
    }
}
