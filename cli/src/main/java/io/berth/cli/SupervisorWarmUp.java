package io.berth.cli;

import io.berth.runtime.Runtimes;
import java.util.Set;
import picocli.CommandLine.Command;

/**
 * Starts, on a daemon thread, the one-time work of talking to the supervisor (Jackson and its
 * introspection of the runtime's records, the Unix socket classes) when the arguments name a
 * Compose command: it then overlaps picocli's model building and the Compose file's loading on
 * the main thread instead of following them. Nothing is connected or started: a command that
 * fails before it reaches the supervisor has no other effect than a little CPU spent.
 * It shortens the main thread's CPU path of {@code berth ps} by about a third (280 -> 180 ms);
 * wall time gains that much only with a core to spare (see {@link #wanted}, docs/cli-speed.md).
 */
final class SupervisorWarmUp {
    private static final String COMPOSE_COMMANDS = "io.berth.cli.compose";
    /** The root's options that take no value (ProjectOptions' all take one). */
    private static final Set<String> ROOT_FLAGS = Set.of("--debug", "-h", "--help", "-V", "--version");

    private SupervisorWarmUp() {
    }

    static void startFor(String[] args) {
        if (!wanted(System.getProperty("berth.warmUp"), Runtime.getRuntime().availableProcessors())) {
            return;
        }
        Thread thread = new Thread(() -> {
            if (namesComposeCommand(args)) {
                Runtimes.warmUp();
                Trace.mark("supervisor warm-up done (other thread)");
            }
        }, "berth-warm-up");
        thread.setDaemon(true);
        thread.start();
    }

    /**
     * It needs a core beside the main thread's. On two cores the JIT compiler thread had the
     * second one during start-up: with the launcher's default compile thresholds the warm-up
     * gained 20 ms of wall for 20-40 ms more CPU, and under load it lost. With the launcher's
     * -XX:CompileThresholdScaling=3 (a third of the compiling) it takes {@code ps} from 0.33
     * to 0.27 s when idle. One core: nothing to overlap with. {@code -Dberth.warmUp=true|false}
     * (in BERTH_JAVA_OPTS) overrides, to measure.
     */
    static boolean wanted(String override, int cores) {
        return override == null ? cores >= 2 : Boolean.parseBoolean(override);
    }

    /**
     * Whether the first argument that is no root option nor its value names a Compose command
     * (they all talk to the supervisor). Without picocli's model (building it is what the
     * warm-up overlaps), a root option is taken to have a value unless it is one of the root's
     * flags; a wrong guess only costs a wasted warm-up, or a missed one.
     */
    static boolean namesComposeCommand(String[] args) {
        for (int i = 0; i < args.length; i++) {
            String arg = args[i];
            if (arg.equals("--")) {
                return false;
            }
            if (arg.startsWith("-") && !arg.equals("-")) {
                boolean valueAttached = arg.contains("=") || (arg.length() > 2 && arg.charAt(1) != '-'); // -pdemo
                if (!valueAttached && !ROOT_FLAGS.contains(arg)) {
                    i++;
                }
                continue;
            }
            for (Class<?> subcommand : BerthCommand.SUBCOMMANDS) {
                Command command = subcommand.getAnnotation(Command.class);
                if (subcommand.getPackageName().equals(COMPOSE_COMMANDS) && command != null
                        && command.name().equals(arg)) {
                    return true;
                }
            }
            return false;
        }
        return false;
    }
}
