package io.berth.runtime.build.plan;

/** Slash paths cleaned as Go's path.Clean does. */
final class Paths {
    private Paths() {
    }

    static String clean(String path) {
        return io.berth.runtime.build.context.SlashPaths.clean(path);
    }

    /**
     * BuildKit's destination rule: absolute as is, else relative to the working directory ("." and
     * "" meaning the directory itself); a trailing "/" (or "/.") is kept.
     */
    static String resolve(String workdir, String path) {
        if (path.equals(".") || path.isEmpty()) {
            path = "./";
        }
        boolean directory = path.endsWith("/") || path.endsWith("/.");
        String joined = path.startsWith("/") ? clean(path) : clean((workdir.isEmpty() ? "/" : workdir) + "/" + path);
        return directory && !joined.endsWith("/") ? joined + "/" : joined;
    }
}
