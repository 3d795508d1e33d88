package io.berth.runtime.launch;

import io.berth.runtime.RuntimeOperationException;
import io.berth.runtime.RuntimeOperationException.Kind;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Optional;
import java.util.Set;

/**
 * Turns Docker's user forms ("uid", "name", "uid:gid", "name:group") and group_add into numeric
 * ids from the image's /etc/passwd and /etc/group, as Docker does: a name must exist; a bare uid
 * may be absent from passwd (then gid 0); supplementary groups are those listing the user.
 */
public final class UserResolver {

    public record Resolved(int uid, int gid, List<Integer> supplementaryGids, String home) {
    }

    private record Entry(String name, int id, int gid, String home, List<String> members) {
    }

    private UserResolver() {
    }

    public static Resolved resolve(List<Path> layersTopFirst, String user, List<String> groupAdd) {
        List<Entry> passwd = read(layersTopFirst, "etc/passwd", true);
        List<Entry> groups = read(layersTopFirst, "etc/group", false);
        String userPart = user == null || user.isEmpty() ? "0" : user;
        String groupPart = null;
        int colon = userPart.indexOf(':');
        if (colon >= 0) {
            groupPart = userPart.substring(colon + 1);
            userPart = userPart.substring(0, colon);
        }
        Optional<Entry> entry = lookup(passwd, userPart);
        int uid;
        int gid;
        String home;
        if (entry.isPresent()) {
            uid = entry.get().id();
            gid = entry.get().gid();
            home = entry.get().home();
        } else if (isNumber(userPart)) {
            uid = Integer.parseInt(userPart);
            gid = 0;
            home = "/";
        } else {
            throw new RuntimeOperationException(Kind.INVALID,
                    "unable to find user " + userPart + ": no matching entries in passwd file");
        }
        if (groupPart != null && !groupPart.isEmpty()) {
            gid = groupId(groups, groupPart);
        }
        Set<Integer> supplementary = new LinkedHashSet<>();
        if (entry.isPresent()) {
            for (Entry group : groups) {
                if (group.members().contains(entry.get().name()) && group.id() != gid) {
                    supplementary.add(group.id());
                }
            }
        }
        for (String extra : groupAdd) {
            supplementary.add(groupId(groups, extra));
        }
        return new Resolved(uid, gid, List.copyOf(supplementary), home == null || home.isEmpty() ? "/" : home);
    }

    private static int groupId(List<Entry> groups, String group) {
        Optional<Entry> entry = lookup(groups, group);
        if (entry.isPresent()) {
            return entry.get().id();
        }
        if (isNumber(group)) {
            return Integer.parseInt(group);
        }
        throw new RuntimeOperationException(Kind.INVALID,
                "unable to find group " + group + ": no matching entries in group file");
    }

    private static Optional<Entry> lookup(List<Entry> entries, String nameOrId) {
        for (Entry entry : entries) {
            if (entry.name().equals(nameOrId)) {
                return Optional.of(entry);
            }
        }
        if (isNumber(nameOrId)) {
            int id = Integer.parseInt(nameOrId);
            return entries.stream().filter(entry -> entry.id() == id).findFirst();
        }
        return Optional.empty();
    }

    private static boolean isNumber(String text) {
        return !text.isEmpty() && text.length() < 10 && text.chars().allMatch(Character::isDigit);
    }

    /** passwd: name:x:uid:gid:gecos:home:shell; group: name:x:gid:member,member. */
    private static List<Entry> read(List<Path> layers, String relativePath, boolean isPasswd) {
        List<Entry> entries = new ArrayList<>();
        Optional<Path> file = LayeredFiles.find(layers, relativePath);
        if (file.isEmpty()) {
            return entries;
        }
        try {
            for (String line : Files.readAllLines(file.get())) {
                String[] fields = line.split(":", -1);
                if (line.startsWith("#") || fields.length < (isPasswd ? 4 : 3) || !isNumber(fields[2])) {
                    continue;
                }
                if (isPasswd) {
                    int gid = isNumber(fields[3]) ? Integer.parseInt(fields[3]) : 0;
                    String home = fields.length > 5 ? fields[5] : "/";
                    entries.add(new Entry(fields[0], Integer.parseInt(fields[2]), gid, home, List.of()));
                } else {
                    List<String> members = fields.length > 3 && !fields[3].isEmpty()
                            ? List.of(fields[3].split(",")) : List.of();
                    entries.add(new Entry(fields[0], Integer.parseInt(fields[2]), 0, null, members));
                }
            }
        } catch (IOException e) {
            throw new RuntimeOperationException(Kind.FAILED, "read the image's /" + relativePath + ": "
                    + e.getMessage(), e);
        }
        return entries;
    }
}
