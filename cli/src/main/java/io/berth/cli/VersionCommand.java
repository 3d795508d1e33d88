package io.berth.cli;

import picocli.CommandLine.Command;
import picocli.CommandLine.IVersionProvider;

/** {@code berth version}: the version of Berth and of the Java runtime it runs on. */
@Command(name = "version", description = "Show the Berth version.")
final class VersionCommand implements Runnable {
    static final String VERSION = "0.1.0";

    @Override
    public void run() {
        System.out.println("Berth version " + VERSION + " (Java " + Runtime.version() + ")");
    }

    static final class Provider implements IVersionProvider {
        @Override
        public String[] getVersion() {
            return new String[] {"Berth version " + VERSION};
        }
    }
}
