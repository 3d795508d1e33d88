package io.berth.runtime.seccomp;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.berth.runtime.state.Json;
import java.io.IOException;
import java.util.ArrayList;
import java.util.List;

/**
 * A seccomp profile in the JSON format Docker reads for security_opt seccomp=FILE: a default
 * action and rules of syscall names, an action, argument conditions and includes/excludes by
 * capabilities, architectures and minimum kernel. Only what a filter needs is read; "archMap" and
 * "architectures" are not: Berth filters the host's own architecture (docs/security.md).
 */
public record SeccompProfile(String defaultAction, Integer defaultErrnoRet, List<Rule> rules) {
    public SeccompProfile {
        rules = List.copyOf(rules);
    }

    public record Rule(List<String> names, String action, Integer errnoRet, List<Argument> args,
                       Condition includes, Condition excludes) {
        public Rule {
            names = List.copyOf(names);
            args = List.copyOf(args);
        }
    }

    /** SCMP_CMP_MASKED_EQ: (arg & value) == valueTwo; every other op compares arg with value. */
    public record Argument(int index, long value, long valueTwo, String op) {
    }

    /** Empty lists and a null minKernel: no condition. */
    public record Condition(List<String> caps, List<String> arches, String minKernel) {
        static final Condition NONE = new Condition(List.of(), List.of(), null);
    }

    private static final ObjectMapper JSON = Json.MAPPER; // the runtime\'s one mapper (trees only here)

    /** Throws IllegalArgumentException naming what is wrong. */
    public static SeccompProfile parse(String json) {
        JsonNode root;
        try {
            root = JSON.readTree(json);
        } catch (com.fasterxml.jackson.core.JsonProcessingException e) {
            throw new IllegalArgumentException("not valid JSON: " + e.getOriginalMessage());
        } catch (IOException e) {
            throw new IllegalArgumentException("not valid JSON: " + e.getMessage());
        }
        if (root == null || !root.isObject()) {
            throw new IllegalArgumentException("not a JSON object");
        }
        if (root.hasNonNull("listenerPath")) {
            throw new IllegalArgumentException("listenerPath (SCMP_ACT_NOTIFY) is not supported by berth");
        }
        String defaultAction = text(root, "defaultAction");
        if (defaultAction == null) {
            throw new IllegalArgumentException("defaultAction is missing");
        }
        List<Rule> rules = new ArrayList<>();
        JsonNode syscalls = root.path("syscalls");
        for (int i = 0; i < syscalls.size(); i++) {
            rules.add(rule(syscalls.get(i), "syscalls[" + i + "]"));
        }
        return new SeccompProfile(defaultAction, integer(root, "defaultErrnoRet"), rules);
    }

    private static Rule rule(JsonNode node, String where) {
        List<String> names = strings(node.path("names"));
        if (node.hasNonNull("name")) {
            if (!names.isEmpty()) {
                throw new IllegalArgumentException(where + ": both name and names are given; use one");
            }
            names = List.of(node.get("name").asText());
        }
        String action = text(node, "action");
        if (action == null) {
            throw new IllegalArgumentException(where + ": action is missing");
        }
        List<Argument> args = new ArrayList<>();
        JsonNode argNodes = node.path("args");
        for (int i = 0; i < argNodes.size(); i++) {
            JsonNode arg = argNodes.get(i);
            int index = arg.path("index").asInt(-1);
            if (index < 0 || index > 5) {
                throw new IllegalArgumentException(where + ".args[" + i + "]: index must be 0 to 5");
            }
            String op = text(arg, "op");
            if (op == null) {
                throw new IllegalArgumentException(where + ".args[" + i + "]: op is missing");
            }
            args.add(new Argument(index, arg.path("value").asLong(0), arg.path("valueTwo").asLong(0), op));
        }
        return new Rule(names, action, integer(node, "errnoRet"), args, condition(node.path("includes")),
                condition(node.path("excludes")));
    }

    private static Condition condition(JsonNode node) {
        if (node.isMissingNode() || node.isNull()) {
            return Condition.NONE;
        }
        return new Condition(strings(node.path("caps")), strings(node.path("arches")), text(node, "minKernel"));
    }

    private static List<String> strings(JsonNode node) {
        List<String> values = new ArrayList<>();
        node.forEach(value -> values.add(value.asText()));
        return values;
    }

    private static String text(JsonNode node, String field) {
        return node.hasNonNull(field) ? node.get(field).asText() : null;
    }

    private static Integer integer(JsonNode node, String field) {
        return node.hasNonNull(field) ? node.get(field).asInt() : null;
    }
}
