package io.berth.runtime;

/** One process of a container, as {@code ps -ef} columns. */
public record ProcessEntry(String uid, long pid, long ppid, String startTime, String tty, String time,
                           String command) {
}
