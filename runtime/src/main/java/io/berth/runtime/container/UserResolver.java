package io.berth.runtime.container;

import java.util.ArrayList;
import java.util.List;
import java.util.Optional;

/**
 * A Compose/Docker user spec ("", "name", "uid", "name:group", "uid:gid") resolved against an
 * image's /etc/passwd and /etc/group as Docker does: numeric ids need no entry; names must exist;
 * supplementary groups are the groups that list the user as a member (unless a group was given).
 */
public final class UserResolver {

    public record ResolvedUser(int uid, int gid, List<Integer> supplementaryGids, String home) {
    }

    private UserResolver() {
    }

    public static ResolvedUser resolve(String spec, String passwd, String group) {
        String userPart = spec == null ? "" : spec;
        String groupPart = null;
        int colon = userPart.indexOf(':');
        if (colon >= 0) {
            groupPart = userPart.substring(colon + 1);
            userPart = userPart.substring(0, colon);
        }
        int uid = 0;
        int gid = 0;
        String name = null;
        String home = "/";
        if (userPart.isEmpty()) {
            userPart = "0";
        }
        Optional<String[]> entry = find(passwd, userPart, 6);
        if (entry.isPresent()) {
            name = entry.get()[0];
            uid = Integer.parseInt(entry.get()[2]);
            gid = Integer.parseInt(entry.get()[3]);
            home = entry.get()[5];
        } else if (isNumber(userPart)) {
            uid = Integer.parseInt(userPart);
        } else {
            throw new IllegalArgumentException("unable to find user " + userPart + ": no matching entries in passwd file");
        }
        List<Integer> supplementary = new ArrayList<>();
        if (groupPart != null && !groupPart.isEmpty()) {
            Optional<String[]> groupEntry = find(group, groupPart, 3);
            if (groupEntry.isPresent()) {
                gid = Integer.parseInt(groupEntry.get()[2]);
            } else if (isNumber(groupPart)) {
                gid = Integer.parseInt(groupPart);
            } else {
                throw new IllegalArgumentException("unable to find group " + groupPart + ": no matching entries in group file");
            }
        } else if (name != null) {
            for (String line : lines(group)) {
                String[] fields = line.split(":", -1);
                if (fields.length >= 4 && List.of(fields[3].split(",")).contains(name) && isNumber(fields[2])) {
                    int member = Integer.parseInt(fields[2]);
                    if (!supplementary.contains(member)) {
                        supplementary.add(member);
                    }
                }
            }
        }
        return new ResolvedUser(uid, gid, List.copyOf(supplementary), home);
    }

    /** A group_add entry: a name or gid of /etc/group, or any number (as Docker). */
    public static int groupId(String nameOrId, String group) {
        Optional<String[]> entry = find(group, nameOrId, 3);
        if (entry.isPresent()) {
            return Integer.parseInt(entry.get()[2]);
        }
        if (isNumber(nameOrId)) {
            return Integer.parseInt(nameOrId);
        }
        throw new IllegalArgumentException("unable to find group " + nameOrId + ": no matching entries in group file");
    }

    /** The entry whose name (field 0) or numeric id (field 2) matches; names win, as in Docker. */
    private static Optional<String[]> find(String file, String key, int minimumFields) {
        String[] byId = null;
        for (String line : lines(file)) {
            String[] fields = line.split(":", -1);
            if (fields.length < minimumFields || !isNumber(fields[2])) {
                continue;
            }
            if (fields[0].equals(key)) {
                return Optional.of(fields);
            }
            if (byId == null && fields[2].equals(key)) {
                byId = fields;
            }
        }
        return Optional.ofNullable(byId);
    }

    private static List<String> lines(String file) {
        List<String> lines = new ArrayList<>();
        for (String line : (file == null ? "" : file).split("\n")) {
            String trimmed = line.trim();
            if (!trimmed.isEmpty() && !trimmed.startsWith("#")) {
                lines.add(trimmed);
            }
        }
        return lines;
    }

    private static boolean isNumber(String value) {
        return !value.isEmpty() && value.chars().allMatch(Character::isDigit) && value.length() < 10;
    }
}
