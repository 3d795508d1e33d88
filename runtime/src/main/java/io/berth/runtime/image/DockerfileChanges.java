package io.berth.runtime.image;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.berth.runtime.state.Json;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;

/**
 * {@code docker import --change} lines (Dockerfile instructions) applied to an image's run
 * config: CMD, ENTRYPOINT (exec form as JSON, else shell form), ENV, WORKDIR, USER, EXPOSE,
 * LABEL, VOLUME, STOPSIGNAL, as Docker applies them.
 */
final class DockerfileChanges {
    static final List<String> SUPPORTED =
            List.of("CMD", "ENTRYPOINT", "ENV", "EXPOSE", "LABEL", "STOPSIGNAL", "USER", "VOLUME", "WORKDIR");

    private DockerfileChanges() {
    }

    static void apply(ObjectNode config, List<String> changes) {
        for (String change : changes) {
            String line = change.strip();
            int space = line.indexOf(' ');
            String instruction = (space < 0 ? line : line.substring(0, space)).toUpperCase(Locale.ROOT);
            String args = space < 0 ? "" : line.substring(space + 1).strip();
            switch (instruction) {
                case "CMD" -> config.set("Cmd", command(args));
                case "ENTRYPOINT" -> config.set("Entrypoint", command(args));
                case "ENV" -> keyValues(args, "ENV").forEach(kv -> setEnv(config, kv[0], kv[1]));
                case "LABEL" -> keyValues(args, "LABEL").forEach(kv -> object(config, "Labels").put(kv[0], kv[1]));
                case "WORKDIR" -> config.put("WorkingDir", workdir(config.path("WorkingDir").asText(""), required(args, line)));
                case "USER" -> config.put("User", required(args, line));
                case "STOPSIGNAL" -> config.put("StopSignal", required(args, line));
                case "EXPOSE" -> words(required(args, line)).forEach(port ->
                        object(config, "ExposedPorts").putObject(port.contains("/") ? port : port + "/tcp"));
                case "VOLUME" -> volumes(args).forEach(volume -> object(config, "Volumes").putObject(volume));
                default -> throw new IllegalArgumentException("--change \"" + change + "\": unsupported instruction "
                        + instruction + " (supported: " + String.join(", ", SUPPORTED) + ")");
            }
        }
    }

    private static String required(String args, String line) {
        if (args.isEmpty()) {
            throw new IllegalArgumentException("--change \"" + line + "\": needs an argument");
        }
        return args;
    }

    /** The exec form (a JSON array of strings) as is; anything else runs under /bin/sh -c. */
    static ArrayNode command(String args) {
        ArrayNode array = Json.MAPPER.createArrayNode();
        JsonNode parsed = args.startsWith("[") ? tryParse(args) : null;
        if (parsed != null && parsed.isArray()) {
            boolean allText = true;
            for (JsonNode element : parsed) {
                allText &= element.isTextual();
            }
            if (allText) {
                parsed.forEach(element -> array.add(element.asText()));
                return array;
            }
        }
        array.add("/bin/sh").add("-c").add(args);
        return array;
    }

    private static JsonNode tryParse(String text) {
        try {
            return Json.MAPPER.readTree(text);
        } catch (java.io.IOException e) {
            return null;
        }
    }

    private static String workdir(String current, String dir) {
        if (dir.startsWith("/") || current.isEmpty()) {
            return dir.startsWith("/") ? dir : "/" + dir;
        }
        return (current.endsWith("/") ? current : current + "/") + dir;
    }

    private static void setEnv(ObjectNode config, String key, String value) {
        ArrayNode env = config.path("Env").isArray() ? (ArrayNode) config.get("Env") : config.putArray("Env");
        for (int i = 0; i < env.size(); i++) {
            if (env.get(i).asText().startsWith(key + "=")) {
                env.set(i, env.textNode(key + "=" + value));
                return;
            }
        }
        env.add(key + "=" + value);
    }

    private static ObjectNode object(ObjectNode config, String field) {
        return config.path(field).isObject() ? (ObjectNode) config.get(field) : config.putObject(field);
    }

    private static List<String> volumes(String args) {
        JsonNode parsed = args.startsWith("[") ? tryParse(args) : null;
        List<String> volumes = new ArrayList<>();
        if (parsed != null && parsed.isArray()) {
            parsed.forEach(v -> volumes.add(v.asText()));
            return volumes;
        }
        return words(args);
    }

    /** "K=V K2="a b"" or the legacy "K V with spaces". */
    private static List<String[]> keyValues(String args, String instruction) {
        List<String[]> pairs = new ArrayList<>();
        List<String> words = words(args);
        if (words.isEmpty()) {
            throw new IllegalArgumentException(instruction + " needs at least one KEY=VALUE");
        }
        if (!words.get(0).contains("=")) {
            int space = args.indexOf(' ');
            pairs.add(new String[] {words.get(0), space < 0 ? "" : args.substring(space + 1).strip()});
            return pairs;
        }
        for (String word : words) {
            int eq = word.indexOf('=');
            if (eq <= 0) {
                throw new IllegalArgumentException(instruction + " " + args + ": \"" + word + "\" is not KEY=VALUE");
            }
            pairs.add(new String[] {word.substring(0, eq), word.substring(eq + 1)});
        }
        return pairs;
    }

    /** Splits on blanks, honouring double and single quotes and backslash escapes. */
    static List<String> words(String text) {
        List<String> words = new ArrayList<>();
        StringBuilder word = new StringBuilder();
        boolean inWord = false;
        char quote = 0;
        for (int i = 0; i < text.length(); i++) {
            char c = text.charAt(i);
            if (quote != 0) {
                if (c == quote) {
                    quote = 0;
                } else if (c == '\\' && quote == '"' && i + 1 < text.length()) {
                    word.append(text.charAt(++i));
                } else {
                    word.append(c);
                }
            } else if (c == '"' || c == '\'') {
                quote = c;
                inWord = true;
            } else if (c == '\\' && i + 1 < text.length()) {
                word.append(text.charAt(++i));
                inWord = true;
            } else if (Character.isWhitespace(c)) {
                if (inWord) {
                    words.add(word.toString());
                    word.setLength(0);
                    inWord = false;
                }
            } else {
                word.append(c);
                inWord = true;
            }
        }
        if (inWord) {
            words.add(word.toString());
        }
        return words;
    }
}
