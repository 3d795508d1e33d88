package io.berth.runtime.build.plan;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.SortedMap;
import java.util.TreeMap;

/**
 * The variables of a stage while it is evaluated: the image's env and the ARGs declared so far. ENV
 * wins over an ARG of the same name (Docker's documented rule).
 */
final class StageScope {
    /** An ARG declared in the stage; value null when it has none. */
    record DeclaredArg(String name, String value) {
    }

    private final List<DeclaredArg> declared = new ArrayList<>();

    void declare(String name, String value) {
        for (int i = 0; i < declared.size(); i++) {
            if (declared.get(i).name().equals(name)) {
                declared.set(i, new DeclaredArg(name, value));
                return;
            }
        }
        declared.add(new DeclaredArg(name, value));
    }

    List<DeclaredArg> declared() {
        return declared;
    }

    boolean isDeclared(String name) {
        return declared.stream().anyMatch(arg -> arg.name().equals(name));
    }

    /** The variables substitution sees: args with values, then the env over them. */
    Map<String, String> variables(List<String> env) {
        Map<String, String> variables = new LinkedHashMap<>();
        for (DeclaredArg arg : declared) {
            if (arg.value() != null) {
                variables.put(arg.name(), arg.value());
            }
        }
        for (String entry : env) {
            int equals = entry.indexOf('=');
            variables.put(equals < 0 ? entry : entry.substring(0, equals), equals < 0 ? "" : entry.substring(equals + 1));
        }
        return variables;
    }

    /** The process env of a RUN: the image env, then the args with values no ENV overrides. */
    List<String> runEnv(List<String> env) {
        List<String> result = new ArrayList<>(env);
        for (DeclaredArg arg : declared) {
            if (arg.value() != null && Env.get(env, arg.name()) == null) {
                result.add(arg.name() + "=" + arg.value());
            }
        }
        return result;
    }

    /** Every declared arg with its effective value ("" when none), as RUN's history and cache key use it. */
    SortedMap<String, String> allArgs(List<String> env) {
        SortedMap<String, String> all = new TreeMap<>();
        for (DeclaredArg arg : declared) {
            String fromEnv = Env.get(env, arg.name());
            all.put(arg.name(), fromEnv != null ? fromEnv : arg.value() == null ? "" : arg.value());
        }
        return all;
    }

    /** BuildKit's {@code |N K=V ...} prefix of a RUN's history line, empty when no arg is declared. */
    String historyPrefix(List<String> env) {
        if (declared.isEmpty()) {
            return "";
        }
        StringBuilder prefix = new StringBuilder("|" + declared.size());
        for (DeclaredArg arg : declared) {
            String fromEnv = Env.get(env, arg.name());
            prefix.append(' ').append(arg.name()).append('=')
                    .append(fromEnv != null ? fromEnv : arg.value() == null ? "" : arg.value());
        }
        return prefix.append(' ').toString();
    }

    /** Of the names a substitution used, the declared args (no ENV of that name) with their values. */
    SortedMap<String, String> usedArgs(Iterable<String> names, List<String> env) {
        SortedMap<String, String> used = new TreeMap<>();
        for (String name : names) {
            if (Env.get(env, name) != null) {
                continue;
            }
            for (DeclaredArg arg : declared) {
                if (arg.name().equals(name)) {
                    used.put(name, arg.value() == null ? "" : arg.value());
                }
            }
        }
        return used;
    }

    StageScope copy() {
        StageScope copy = new StageScope();
        copy.declared.addAll(declared);
        return copy;
    }
}
