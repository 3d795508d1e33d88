package io.berth.runtime;

import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * A device cgroup rule as Docker's {@code --device-cgroup-rule} and Compose's
 * {@code device_cgroup_rules} write it: {@code TYPE MAJOR:MINOR ACCESS}, type a (all), c (char)
 * or b (block), major and minor a number or {@code *} (any: -1 here), access some of r, w, m.
 */
public record DeviceCgroupRule(char type, int major, int minor, String access) {
    private static final Pattern FORM = Pattern.compile("([abc]) (\\d{1,9}|\\*):(\\d{1,9}|\\*) ([rwm]{1,3})");

    /** @throws IllegalArgumentException naming the rule and the expected form */
    public static DeviceCgroupRule parse(String text) {
        Matcher matcher = FORM.matcher(text == null ? "" : text.strip());
        if (!matcher.matches()) {
            throw new IllegalArgumentException("device cgroup rule \"" + text
                    + "\" is not TYPE MAJOR:MINOR ACCESS (type a, b or c; major and minor a number or *;"
                    + " access some of rwm), e.g. \"c 1:3 mr\"");
        }
        return new DeviceCgroupRule(matcher.group(1).charAt(0), number(matcher.group(2)), number(matcher.group(3)),
                matcher.group(4));
    }

    private static int number(String text) {
        return text.equals("*") ? -1 : Integer.parseInt(text);
    }
}
