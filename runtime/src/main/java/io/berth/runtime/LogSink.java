package io.berth.runtime;

/** Receives log lines; returning false stops a follow. */
@FunctionalInterface
public interface LogSink {
    boolean accept(LogLine line);
}
