package io.berth.cli.compose;

import io.berth.cli.ComposeSession;
import io.berth.cli.ExitCodes;
import io.berth.engine.ProgressListener;
import io.berth.engine.Lifecycle;
import io.berth.runtime.ContainerInfo;
import io.berth.runtime.LogQuery;
import java.time.Duration;
import java.time.Instant;
import java.time.format.DateTimeParseException;
import java.util.ArrayList;
import java.util.List;
import java.util.TreeSet;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;

/** {@code berth logs}: the services' output, merged by time, or followed. */
@Command(name = "logs", description = "View output from containers.")
public final class LogsCommand extends ComposeCommand {
    private static final Pattern RELATIVE = Pattern.compile("(\\d+)([smhd])");

    @Option(names = {"-f", "--follow"}, description = "Follow log output.")
    boolean follow;

    @Option(names = {"-t", "--timestamps"}, description = "Show timestamps.")
    boolean timestamps;

    @Option(names = {"-n", "--tail"}, paramLabel = "N", defaultValue = "all",
            description = "Number of lines to show from the end of the logs for each container.")
    String tail;

    @Option(names = "--since", paramLabel = "TIME", description = "Show logs since timestamp (2013-01-02T13:23:37Z) or relative (42m).")
    String since;

    @Option(names = "--until", paramLabel = "TIME", description = "Show logs before a timestamp or relative time.")
    String until;

    @Option(names = "--no-color", description = "Produce monochrome output.")
    boolean noColor;

    @Option(names = "--no-log-prefix", description = "Don't print prefix in logs.")
    boolean noLogPrefix;

    @Option(names = "--index", paramLabel = "N", description = "Index of the container if the service has multiple replicas.")
    Integer index;

    @Parameters(paramLabel = "SERVICE", arity = "0..*")
    List<String> services = new ArrayList<>();

    @Override
    int run() throws Exception {
        LogQuery query = new LogQuery(follow, tail.equals("all") ? null : tailCount(), time(since), time(until));
        try (ComposeSession session = open(services, false)) {
            List<ContainerInfo> containers = new Lifecycle(session.runtime(), ProgressListener.SILENT, 1,
                    session.projectName()).containers(new TreeSet<>(services), false).stream()
                    .filter(container -> index == null || index == io.berth.engine.ComposeLabels.of(container).number())
                    .toList();
            // as Docker says of a container whose logging driver cannot be read, once per container
            containers.stream().filter(container -> container.spec().options().logging() != null
                            && container.spec().options().logging().keepsNothing())
                    .forEach(container -> System.err.println(container.name()
                            + ": logging driver \"none\" keeps no logs: there is nothing to show"));
            containers = containers.stream().filter(container -> container.spec().options().logging() == null
                    || !container.spec().options().logging().keepsNothing()).toList();
            LogPrinter printer = new LogPrinter(session.runtime(), System.out, Terminal.colours(noColor), !noLogPrefix,
                    timestamps).prepare(containers);
            if (follow) {
                printer.follow(containers, query);
                printer.join();
            } else {
                printer.printAll(containers, query);
            }
            return 0;
        }
    }

    private Integer tailCount() {
        try {
            return Integer.parseInt(tail);
        } catch (NumberFormatException malformed) {
            throw new ExitCodes.UsageException("--tail " + tail + ": expected a number or \"all\"");
        }
    }

    static Instant time(String text) {
        if (text == null) {
            return null;
        }
        Matcher relative = RELATIVE.matcher(text);
        if (relative.matches()) {
            long amount = Long.parseLong(relative.group(1));
            Duration duration = switch (relative.group(2)) {
                case "s" -> Duration.ofSeconds(amount);
                case "m" -> Duration.ofMinutes(amount);
                case "h" -> Duration.ofHours(amount);
                default -> Duration.ofDays(amount);
            };
            return Instant.now().minus(duration);
        }
        try {
            return Instant.parse(text);
        } catch (DateTimeParseException malformed) {
            throw new ExitCodes.UsageException("time " + text + ": expected RFC 3339 (2013-01-02T13:23:37Z) or relative (42m)");
        }
    }
}
