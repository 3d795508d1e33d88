package io.berth.cli.compose;

import io.berth.runtime.ContainerInfo;
import io.berth.runtime.ContainerState;
import io.berth.runtime.ImageInfo;
import io.berth.runtime.PortBinding;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;

/** How a container is shown in tables: command, status, ports, ages, as docker words them. */
final class ContainerText {
    private ContainerText() {
    }

    static List<String> commandLine(ContainerInfo container) {
        ImageInfo.Config config = container.image() == null ? null : container.image().config();
        List<String> entrypoint = container.spec().entrypoint() != null ? container.spec().entrypoint()
                : config != null && config.entrypoint() != null ? config.entrypoint() : List.of();
        List<String> command = container.spec().command() != null ? container.spec().command()
                : container.spec().entrypoint() == null && config != null && config.cmd() != null ? config.cmd() : List.of();
        List<String> all = new ArrayList<>(entrypoint);
        all.addAll(command);
        return all;
    }

    /** The command as docker's ps shows it: cut to 20 characters with an ellipsis (unless noTrunc), then Go-quoted. */
    static String command(ContainerInfo container, boolean noTrunc) {
        String command = String.join(" ", commandLine(container));
        if (!noTrunc && command.codePointCount(0, command.length()) > 20) {
            command = command.substring(0, command.offsetByCodePoints(0, 19)) + "\u2026";
        }
        return goQuoted(command);
    }

    /** strconv.Quote: one line, with quotes, backslashes and control characters escaped. */
    static String goQuoted(String text) {
        StringBuilder out = new StringBuilder("\"");
        for (char c : text.toCharArray()) {
            switch (c) {
                case '"' -> out.append("\\\"");
                case '\\' -> out.append("\\\\");
                case '\n' -> out.append("\\n");
                case '\t' -> out.append("\\t");
                case '\r' -> out.append("\\r");
                default -> out.append(c < 0x20 || c == 0x7f ? String.format("\\x%02x", (int) c) : String.valueOf(c));
            }
        }
        return out.append('"').toString();
    }

    static String status(ContainerInfo container, Instant now) {
        ContainerState state = container.state();
        if (state == ContainerState.PAUSED) {
            return (container.startedAt() == null ? "Up" : "Up " + human(Duration.between(container.startedAt(), now)))
                    + " (Paused)"; // as docker shows it
        }
        if (state == ContainerState.RUNNING || state == ContainerState.RESTARTING) {
            String health = container.health() == null || container.health().isEmpty() || container.health().equals("none")
                    ? "" : " (" + container.health() + ")";
            String up = container.startedAt() == null ? "Up" : "Up " + human(Duration.between(container.startedAt(), now));
            return (state == ContainerState.RESTARTING ? "Restarting" : up) + health;
        }
        if (state == ContainerState.EXITED || state == ContainerState.DEAD) {
            String code = container.exitCode() == null ? "?" : String.valueOf(container.exitCode());
            String ago = container.finishedAt() == null ? "" : " " + human(Duration.between(container.finishedAt(), now)) + " ago";
            return "Exited (" + code + ")" + ago;
        }
        return state == ContainerState.CREATED ? "Created" : capitalized(state.dockerName());
    }

    static String ports(ContainerInfo container) {
        List<String> parts = new ArrayList<>();
        if (container.spec().networkMode() instanceof io.berth.runtime.NetworkMode.Host) {
            return ""; // ports are discarded in host mode, as Docker shows them
        }
        for (PortBinding port : container.ports().isEmpty() ? container.spec().ports() : container.ports()) {
            if (port.hostPort() == 0 && container.ports().isEmpty()) {
                parts.add(port.containerPort() + "/" + port.protocol());
            } else {
                String ip = port.hostIp() == null || port.hostIp().isEmpty() ? "0.0.0.0" : port.hostIp();
                parts.add(ip + ":" + port.hostPort() + "->" + port.containerPort() + "/" + port.protocol());
            }
        }
        // expose: shown as Docker shows exposed ports nothing publishes
        for (String exposed : container.spec().options().exposedPorts()) {
            if (parts.stream().noneMatch(part -> part.equals(exposed) || part.endsWith("->" + exposed))) {
                parts.add(exposed);
            }
        }
        return String.join(", ", parts);
    }

    static String ago(Instant time, Instant now) {
        return time == null ? "" : human(Duration.between(time, now)) + " ago";
    }

    /** "5 seconds", "About a minute", "3 minutes", "2 hours", "4 days", like docker's units.HumanDuration. */
    static String human(Duration duration) {
        long seconds = Math.max(0, duration.toSeconds());
        if (seconds < 1) {
            return "Less than a second";
        }
        if (seconds == 1) {
            return "1 second";
        }
        if (seconds < 60) {
            return seconds + " seconds";
        }
        long minutes = seconds / 60;
        if (minutes == 1) {
            return "About a minute";
        }
        if (minutes < 60) {
            return minutes + " minutes";
        }
        long hours = minutes / 60;
        if (hours == 1) {
            return "About an hour";
        }
        if (hours < 48) {
            return hours + " hours";
        }
        return hours / 24 + " days";
    }

    private static String capitalized(String word) {
        return word.isEmpty() ? word : Character.toUpperCase(word.charAt(0)) + word.substring(1);
    }
}
