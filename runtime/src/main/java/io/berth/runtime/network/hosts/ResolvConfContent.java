package io.berth.runtime.network.hosts;

import java.util.ArrayList;
import java.util.List;

/**
 * A container's /etc/resolv.conf: {@code dns}, {@code dns_search} and {@code dns_opt} when given,
 * else the host's (nameservers on loopback left out, since they cannot answer inside the
 * container's network namespace; Docker's fallback 8.8.8.8 and 8.8.4.4 when none is left). Pure.
 */
public final class ResolvConfContent {
    static final List<String> FALLBACK_NAMESERVERS = List.of("8.8.8.8", "8.8.4.4");

    private ResolvConfContent() {
    }

    public static String render(List<String> dns, List<String> dnsSearch, List<String> dnsOptions, String hostResolvConf) {
        List<String> hostServers = new ArrayList<>();
        List<String> hostSearch = new ArrayList<>();
        List<String> hostOptions = new ArrayList<>();
        for (String line : hostResolvConf == null ? new String[0] : hostResolvConf.split("\n")) {
            String[] words = line.strip().split("\\s+");
            if (words.length < 2 || words[0].startsWith("#") || words[0].startsWith(";")) {
                continue;
            }
            List<String> rest = List.of(words).subList(1, words.length);
            switch (words[0]) {
                case "nameserver" -> {
                    if (!isLoopback(words[1])) {
                        hostServers.add(words[1]);
                    }
                }
                case "search", "domain" -> {
                    hostSearch.clear();
                    hostSearch.addAll(rest);
                }
                case "options" -> hostOptions.addAll(rest);
                default -> { }
            }
        }
        List<String> servers = !dns.isEmpty() ? dns : hostServers.isEmpty() ? FALLBACK_NAMESERVERS : hostServers;
        List<String> search = !dnsSearch.isEmpty() ? dnsSearch : hostSearch;
        List<String> options = !dnsOptions.isEmpty() ? dnsOptions : hostOptions;
        StringBuilder content = new StringBuilder();
        if (!search.isEmpty() && !(search.size() == 1 && search.get(0).equals("."))) {
            content.append("search ").append(String.join(" ", search)).append('\n');
        }
        servers.forEach(server -> content.append("nameserver ").append(server).append('\n'));
        if (!options.isEmpty()) {
            content.append("options ").append(String.join(" ", options)).append('\n');
        }
        return content.toString();
    }

    static boolean isLoopback(String address) {
        return address.startsWith("127.") || address.equals("::1") || address.equals("0:0:0:0:0:0:0:1");
    }
}
