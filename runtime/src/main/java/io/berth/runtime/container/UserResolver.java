package io.berth.runtime.container;

import io.berth.runtime.RuntimeOperationException;
import io.berth.runtime.RuntimeOperationException.Kind;
import java.util.ArrayList;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Optional;
import java.util.Set;

/**
 * The one resolver of Docker's user forms ("", "name", "uid", "name:group", "uid:gid") and
 * group_add against an /etc/passwd and /etc/group (an image's at create, a running container's at
 * exec), with runc's rules (libcontainer/user GetExecUser): a name must exist; a numeric uid or
 * gid needs no entry (a uid without one gets gid 0 and home /); a name or id found in passwd brings
 * its gid, home and the groups that list it as a member, unless a group was given; group_add
 * entries are added after those.
 */
public final class UserResolver {

    public record ResolvedUser(int uid, int gid, List<Integer> supplementaryGids, String home) {
    }

    private record Entry(String name, int id, int gid, String home, List<String> members) {
    }

    private UserResolver() {
    }

    public static ResolvedUser resolve(String spec, String passwd, String group) {
        return resolve(spec, List.of(), passwd, group);
    }

    public static ResolvedUser resolve(String spec, List<String> groupAdd, String passwdFile, String groupFile) {
        List<Entry> passwd = entries(passwdFile, true);
        List<Entry> groups = entries(groupFile, false);
        String userPart = spec == null ? "" : spec;
        String groupPart = null;
        int colon = userPart.indexOf(':');
        if (colon >= 0) {
            groupPart = userPart.substring(colon + 1);
            userPart = userPart.substring(0, colon);
        }
        if (userPart.isEmpty()) {
            userPart = "0";
        }
        Optional<Entry> entry = lookup(passwd, userPart);
        int uid;
        int gid;
        String home;
        if (entry.isPresent()) {
            uid = entry.get().id();
            gid = entry.get().gid();
            home = entry.get().home() == null || entry.get().home().isEmpty() ? "/" : entry.get().home();
        } else if (isNumber(userPart)) {
            uid = Integer.parseInt(userPart);
            gid = 0;
            home = "/";
        } else {
            throw new RuntimeOperationException(Kind.INVALID,
                    "unable to find user " + userPart + ": no matching entries in passwd file");
        }
        Set<Integer> supplementary = new LinkedHashSet<>();
        if (groupPart != null && !groupPart.isEmpty()) {
            gid = groupId(groups, groupPart);
        }
        supplementary.add(gid); // the primary group is among the groups too, as with Docker
        if ((groupPart == null || groupPart.isEmpty()) && entry.isPresent()) {
            for (Entry group : groups) {
                if (group.members().contains(entry.get().name())) {
                    supplementary.add(group.id());
                }
            }
        }
        for (String extra : groupAdd == null ? List.<String>of() : groupAdd) {
            supplementary.add(groupId(groups, extra));
        }
        return new ResolvedUser(uid, gid, List.copyOf(supplementary), home);
    }

    /** A group_add entry: a name or gid of the group file, or any number (as Docker). */
    public static int groupId(String nameOrId, String groupFile) {
        return groupId(entries(groupFile, false), nameOrId);
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

    /** The entry whose name matches, else the first whose numeric id does: names win, as in runc. */
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

    /** passwd: name:x:uid:gid:gecos:home:shell; group: name:x:gid:member,member. */
    private static List<Entry> entries(String file, boolean isPasswd) {
        List<Entry> entries = new ArrayList<>();
        for (String raw : (file == null ? "" : file).split("\n")) {
            String line = raw.trim();
            String[] fields = line.split(":", -1);
            if (line.isEmpty() || line.startsWith("#") || fields.length < (isPasswd ? 4 : 3) || !isNumber(fields[2])) {
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
        return entries;
    }

    private static boolean isNumber(String text) {
        return !text.isEmpty() && text.length() < 10 && text.chars().allMatch(Character::isDigit);
    }
}
