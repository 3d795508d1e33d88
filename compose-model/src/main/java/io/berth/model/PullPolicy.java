package io.berth.model;

import java.time.Duration;
import java.util.Optional;
import java.util.Set;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * {@code pull_policy} values as Docker Compose v2 reads them: always, never, missing
 * (if_not_present), build, and the refreshing ones {@code daily}, {@code weekly} and
 * {@code every_<duration>} (pull when the last pull is older than that). The duration is Go's
 * ({@code 12h}, {@code 90m}) with days and weeks too ({@code 2d}, {@code 1w3d}), as Compose's.
 */
public final class PullPolicy {
    public static final Set<String> FIXED = Set.of("always", "never", "missing", "if_not_present", "build");
    private static final Pattern DAYS_AND_WEEKS = Pattern.compile("(?:(\\d+)w)?(?:(\\d+)d)?(.*)");

    private PullPolicy() {
    }

    /** Whether {@code policy} is one Compose knows. */
    public static boolean valid(String policy) {
        if (FIXED.contains(policy)) {
            return true;
        }
        try {
            return refreshInterval(policy).isPresent();
        } catch (IllegalArgumentException e) {
            return false;
        }
    }

    /**
     * For daily, weekly and every_DURATION: how old the last pull may be; empty for the other
     * policies. Throws for an every_ whose duration does not parse or is not positive.
     */
    public static Optional<Duration> refreshInterval(String policy) {
        if (policy == null) {
            return Optional.empty();
        }
        if (policy.equals("daily")) {
            return Optional.of(Duration.ofDays(1));
        }
        if (policy.equals("weekly")) {
            return Optional.of(Duration.ofDays(7));
        }
        if (!policy.startsWith("every_")) {
            return Optional.empty();
        }
        String text = policy.substring("every_".length());
        Matcher matcher = DAYS_AND_WEEKS.matcher(text);
        if (text.isEmpty() || !matcher.matches()) {
            throw new IllegalArgumentException("no duration after every_");
        }
        Duration interval = Duration.ZERO;
        if (matcher.group(1) != null) {
            interval = interval.plusDays(7 * Long.parseLong(matcher.group(1)));
        }
        if (matcher.group(2) != null) {
            interval = interval.plusDays(Long.parseLong(matcher.group(2)));
        }
        if (!matcher.group(3).isEmpty()) {
            interval = interval.plus(GoDuration.parse(matcher.group(3)));
        }
        if (interval.isNegative() || interval.isZero()) {
            throw new IllegalArgumentException("the interval of " + policy + " must be positive");
        }
        return Optional.of(interval);
    }
}
