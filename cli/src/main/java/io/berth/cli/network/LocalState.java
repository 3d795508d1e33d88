package io.berth.cli.network;

import io.berth.cli.ExitCodes;
import io.berth.cli.Invocation;
import io.berth.cli.JsonOutput;
import io.berth.runtime.NetworkService;
import io.berth.runtime.RuntimeConfig;
import io.berth.runtime.RuntimeOperationException;
import io.berth.runtime.VolumeService;
import java.io.PrintWriter;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.Callable;
import java.util.function.Consumer;
import java.util.function.Function;

/**
 * What the network and volume commands share: the stores of the state root (BERTH_ROOT), which
 * keep their own file locks, so these commands need no supervisor; label parsing; and errors
 * printed by {@link ExitCodes} as one line for people (exit 1).
 */
public final class LocalState {
    private LocalState() {
    }

    public static RuntimeConfig config() {
        return RuntimeConfig.fromEnvironment(Invocation.env());
    }

    public static NetworkService networks() {
        return NetworkService.open(config(), Invocation.env());
    }

    public static VolumeService volumes() {
        return VolumeService.open(config());
    }

    /** "k=v" entries (a bare "k" has an empty value) into an ordered map. */
    public static Map<String, String> keyValues(List<String> entries) {
        Map<String, String> map = new LinkedHashMap<>();
        for (String entry : entries == null ? List.<String>of() : entries) {
            int equals = entry.indexOf('=');
            map.put(equals < 0 ? entry : entry.substring(0, equals), equals < 0 ? "" : entry.substring(equals + 1));
        }
        return map;
    }

    /** Label filters from {@code --filter label=k=v} options (other filters are refused). */
    public static Map<String, String> labelFilter(List<String> filters) {
        Map<String, String> labels = new LinkedHashMap<>();
        for (String filter : filters == null ? List.<String>of() : filters) {
            if (!filter.startsWith("label=")) {
                throw new RuntimeOperationException(RuntimeOperationException.Kind.INVALID,
                        "unsupported filter \"" + filter + "\" (only label=KEY=VALUE)");
            }
            labels.putAll(keyValues(List.of(filter.substring("label=".length()))));
        }
        return labels;
    }

    /** {@code ls}: names only with {@code -q}, else the table the command prints. */
    public static <T> int list(List<T> items, boolean quiet, Function<T, String> name, Consumer<List<T>> table) {
        if (quiet) {
            items.forEach(item -> System.out.println(name.apply(item)));
        } else {
            table.accept(items);
        }
        return 0;
    }

    /** {@code rm NAME...}: removes each and prints its name; goes on after a failure, exit 1 if any failed. */
    public static int removeEach(List<String> names, Consumer<String> remove) {
        int failures = 0;
        for (String name : names) {
            try {
                remove.accept(name);
                System.out.println(name);
            } catch (RuntimeOperationException e) {
                ExitCodes.report(e, new PrintWriter(System.err, true));
                failures++;
            }
        }
        return failures == 0 ? 0 : 1;
    }

    /** {@code inspect NAME...}: a JSON array of what was found, shaped like Docker's; then the missing ones. */
    public static <T> int inspectEach(List<String> names, String kind, Function<String, Optional<T>> find,
            Function<T, Object> docker) {
        return run(() -> {
            List<Object> shown = new ArrayList<>();
            List<String> missing = new ArrayList<>();
            for (String name : names) {
                find.apply(name).ifPresentOrElse(found -> shown.add(docker.apply(found)), () -> missing.add(name));
            }
            System.out.println(JsonOutput.inspect(shown));
            if (!missing.isEmpty()) {
                throw new RuntimeOperationException(RuntimeOperationException.Kind.NOT_FOUND,
                        "no such " + kind + ": " + String.join(", ", missing));
            }
            return 0;
        });
    }

    /** Runs a command body; its failures go to {@link ExitCodes}, the one place that prints them. */
    public static int run(Callable<Integer> body) {
        try {
            return body.call();
        } catch (RuntimeException e) {
            throw e;
        } catch (Exception e) {
            throw new IllegalStateException(e);
        }
    }
}
