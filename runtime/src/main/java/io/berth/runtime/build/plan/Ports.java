package io.berth.runtime.build.plan;

import java.util.ArrayList;
import java.util.List;
import java.util.Locale;

/** EXPOSE port specs: {@code 80}, {@code 80/udp}, {@code 8000-8002/tcp}, as Docker's nat package reads them. */
final class Ports {
    private Ports() {
    }

    static List<String> expand(String spec) {
        String port = spec;
        String protocol = "tcp";
        int slash = spec.indexOf('/');
        if (slash >= 0) {
            port = spec.substring(0, slash);
            protocol = spec.substring(slash + 1).toLowerCase(Locale.ROOT);
        }
        if (!List.of("tcp", "udp", "sctp").contains(protocol)) {
            throw new IllegalArgumentException("invalid proto: " + protocol + " in " + spec);
        }
        // an ip:port form: the ip part is dropped
        int colon = port.lastIndexOf(':');
        if (colon >= 0) {
            port = port.substring(colon + 1);
        }
        int dash = port.indexOf('-');
        int first = number(dash < 0 ? port : port.substring(0, dash), spec);
        int last = dash < 0 ? first : number(port.substring(dash + 1), spec);
        if (last < first) {
            throw new IllegalArgumentException("invalid range specified for port: " + spec);
        }
        List<String> ports = new ArrayList<>();
        for (int value = first; value <= last; value++) {
            ports.add(value + "/" + protocol);
        }
        return ports;
    }

    private static int number(String text, String spec) {
        try {
            int value = Integer.parseInt(text);
            if (value < 0 || value > 65535) {
                throw new NumberFormatException();
            }
            return value;
        } catch (NumberFormatException e) {
            throw new IllegalArgumentException("invalid containerPort: " + spec);
        }
    }
}
