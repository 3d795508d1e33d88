package io.berth.runtime.network;

import io.berth.runtime.ContainerId;
import io.berth.runtime.PortBinding;
import java.util.ArrayList;
import java.util.List;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/** Writes and reads back the DNAT rules of published ports (iptables-save syntax). Pure. */
final class PublishedPortRules {
    private static final Pattern RULE = Pattern.compile(
            "^-A (BERTH-DNAT-[0-9a-f]+) (?:-d (\\S+?)(?:/32)? )?-p (tcp|udp) -m (?:tcp|udp) --dport (\\d+) "
                    + "-m comment --comment \"?berth:([0-9a-f]{12}):(\\d+)\"? -j DNAT --to-destination (\\S+):(\\d+)$");

    /** A published port found in the nat table. */
    record Rule(String line, String chain, String containerShortId, PortBinding binding) {
    }

    private PublishedPortRules() {
    }

    /** The rule's arguments after "-A chain", as iptables-save prints them back. */
    static String ruleSpec(ContainerId containerId, PortBinding binding, String containerAddress) {
        StringBuilder spec = new StringBuilder();
        if (!binding.hostIp().isEmpty()) {
            spec.append("-d ").append(binding.hostIp()).append("/32 ");
        }
        spec.append("-p ").append(binding.protocol()).append(" -m ").append(binding.protocol())
                .append(" --dport ").append(binding.hostPort())
                .append(" -m comment --comment berth:").append(containerId.shortId()).append(':').append(binding.containerPort())
                .append(" -j DNAT --to-destination ").append(containerAddress).append(':').append(binding.containerPort());
        return spec.toString();
    }

    static List<Rule> all(String natSave) {
        List<Rule> rules = new ArrayList<>();
        for (String line : natSave.split("\n")) {
            Matcher matcher = RULE.matcher(line.strip());
            if (matcher.matches()) {
                String hostIp = matcher.group(2) == null ? "" : matcher.group(2);
                rules.add(new Rule(line.strip(), matcher.group(1), matcher.group(5), new PortBinding(
                        Integer.parseInt(matcher.group(6)), matcher.group(3), hostIp, Integer.parseInt(matcher.group(4)))));
            }
        }
        return rules;
    }

    static List<String> deletionsFor(ContainerId containerId, String natSave) {
        return all(natSave).stream().filter(rule -> rule.containerShortId().equals(containerId.shortId()))
                .map(rule -> "-D " + rule.line().substring(3)).toList();
    }
}
