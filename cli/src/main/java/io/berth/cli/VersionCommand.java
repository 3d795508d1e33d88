package io.berth.cli;

import picocli.CommandLine.Command;
import picocli.CommandLine.IVersionProvider;
import picocli.CommandLine.Option;

/**
 * {@code berth version}: the version of Berth and of the Java runtime it runs on; {@code --short}
 * the number alone, {@code --format json} as Docker Compose prints it ({@code {"version":"v2.26.1"}}).
 */
@Command(name = "version", description = "Show the Berth version.")
final class VersionCommand implements java.util.concurrent.Callable<Integer> {
    static final String VERSION = "0.1.0";

    @Option(names = "--short", description = "Show only the version number.")
    boolean shortForm;

    @Option(names = {"-f", "--format"}, paramLabel = "FORMAT", description = "Format the output: pretty or json.")
    String format = "pretty";

    @Override
    public Integer call() {
        if (shortForm) {
            System.out.println(VERSION);
        } else if (format.equals("json")) {
            System.out.println("{\"version\":\"v" + VERSION + "\"}");
        } else if (format.equals("pretty")) {
            System.out.println("Berth version " + VERSION + " (Java " + Runtime.version() + ")");
        } else {
            throw new ExitCodes.UsageException("--format: unknown format \"" + format + "\" (expected pretty or json)");
        }
        return 0;
    }

    static final class Provider implements IVersionProvider {
        @Override
        public String[] getVersion() {
            return new String[] {"Berth version " + VERSION};
        }
    }
}
