package io.berth.runtime.build.exec;

import io.berth.runtime.build.plan.ChmodSpec;
import java.util.Optional;

/**
 * Owner and mode a COPY/ADD gives its entries: --chown resolved in the destination stage's
 * /etc/passwd and /etc/group, --chmod parsed (octal or symbolic); empty when the flag was not given.
 */
record CopyOwner(Optional<int[]> ids, Optional<ChmodSpec> chmod) {
    static final CopyOwner NONE = new CopyOwner(Optional.empty(), Optional.empty());

    /**
     * {@code chown}: "user", "user:group", "uid:gid". A user without a group gets the user's primary
     * group from /etc/passwd, or a numeric uid with no entry the same number as gid (Docker's rule).
     */
    static CopyOwner parse(String chown, String chmod, String passwd, String group) {
        Optional<int[]> ids = Optional.empty();
        if (chown != null && !chown.isEmpty()) {
            int colon = chown.indexOf(':');
            String userPart = colon < 0 ? chown : chown.substring(0, colon);
            String groupPart = colon < 0 ? null : chown.substring(colon + 1);
            int uid = lookup(passwd, userPart, "user");
            int gid;
            if (groupPart != null && !groupPart.isEmpty()) {
                gid = lookup(group, groupPart, "group");
            } else {
                gid = primaryGroup(passwd, userPart).orElse(uid);
            }
            ids = Optional.of(new int[] {uid, gid});
        }
        Optional<ChmodSpec> mode = chmod == null || chmod.isEmpty() ? Optional.empty() : Optional.of(ChmodSpec.parse(chmod));
        return new CopyOwner(ids, mode);
    }

    /** The mode an entry of {@code current} mode gets: --chmod's (octal, or symbolic over its own), else its own. */
    int mode(int current, boolean directory) {
        return chmod.map(spec -> spec.apply(current, directory)).orElse(current);
    }

    private static int lookup(String file, String nameOrId, String what) {
        if (nameOrId.matches("[0-9]+")) {
            return Integer.parseInt(nameOrId);
        }
        for (String line : file.split("\n")) {
            String[] fields = line.split(":", -1);
            if (fields.length >= 3 && fields[0].equals(nameOrId) && fields[2].matches("[0-9]+")) {
                return Integer.parseInt(fields[2]);
            }
        }
        throw new IllegalArgumentException("--chown: unable to find " + what + " " + nameOrId
                + " in the image's /etc/" + ("user".equals(what) ? "passwd" : "group"));
    }

    private static Optional<Integer> primaryGroup(String passwd, String nameOrId) {
        for (String line : passwd.split("\n")) {
            String[] fields = line.split(":", -1);
            if (fields.length >= 4 && (fields[0].equals(nameOrId) || fields[2].equals(nameOrId))
                    && fields[3].matches("[0-9]+")) {
                return Optional.of(Integer.parseInt(fields[3]));
            }
        }
        return Optional.empty();
    }
}
