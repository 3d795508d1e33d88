package io.berth.runtime.build.context;

import java.util.ArrayDeque;
import java.util.Deque;

/** Slash-separated paths cleaned as Go's path.Clean / filepath.Clean (on Linux) does. */
public final class SlashPaths {
    private SlashPaths() {
    }

    public static String clean(String path) {
        if (path.isEmpty()) {
            return ".";
        }
        boolean absolute = path.startsWith("/");
        Deque<String> parts = new ArrayDeque<>();
        for (String part : path.split("/")) {
            if (part.isEmpty() || part.equals(".")) {
                continue;
            }
            if (part.equals("..")) {
                if (!parts.isEmpty() && !parts.peekLast().equals("..")) {
                    parts.removeLast();
                } else if (!absolute) {
                    parts.addLast("..");
                }
                continue;
            }
            parts.addLast(part);
        }
        String joined = String.join("/", parts);
        if (absolute) {
            return "/" + joined;
        }
        return joined.isEmpty() ? "." : joined;
    }

    /** Go's filepath.Dir of a cleaned relative path: "." for a top-level name. */
    static String parent(String path) {
        int slash = path.lastIndexOf('/');
        if (slash < 0) {
            return ".";
        }
        return slash == 0 ? "/" : clean(path.substring(0, slash));
    }
}
