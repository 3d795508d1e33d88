package io.berth.model;

import java.nio.file.Path;
import java.util.List;
import java.util.Map;

/**
 * One rule of a service's {@code develop.watch}: what to watch on the host and what to do when a
 * file under it changes (docs/watch.md).
 *
 * @param path        the watched file or directory on the host, absolute
 * @param action      what a change triggers
 * @param target      where {@code path} is in the container (sync actions); null when not set
 * @param ignore      patterns relative to {@code path}, as in a .dockerignore
 * @param include     when not empty, only paths matching one of these (relative to {@code path}) count
 * @param initialSync sync everything under {@code path} when the watch starts
 * @param exec        the command of {@code sync+exec}; null for other actions
 */
public record WatchRule(Path path, Action action, String target, List<String> ignore, List<String> include,
                        boolean initialSync, Exec exec) {
    public WatchRule {
        ignore = List.copyOf(ignore);
        include = List.copyOf(include);
    }

    /** The actions of the Compose Specification, by their spelling in the file. */
    public enum Action {
        SYNC("sync"), SYNC_RESTART("sync+restart"), SYNC_EXEC("sync+exec"), RESTART("restart"), REBUILD("rebuild");

        private final String text;

        Action(String text) {
            this.text = text;
        }

        public String text() {
            return text;
        }

        /** True for the actions that copy files into the containers. */
        public boolean syncs() {
            return this == SYNC || this == SYNC_RESTART || this == SYNC_EXEC;
        }

        public static Action of(String text) {
            for (Action action : values()) {
                if (action.text.equals(text)) {
                    return action;
                }
            }
            throw new IllegalArgumentException("unknown watch action " + text);
        }
    }

    /** {@code exec:} of a sync+exec rule; null user/workingDir mean the container's. */
    public record Exec(List<String> command, String user, Map<String, String> environment, String workingDir,
                       boolean privileged) {
        public Exec {
            command = List.copyOf(command);
            environment = java.util.Collections.unmodifiableMap(new java.util.LinkedHashMap<>(environment));
        }
    }
}
