package io.berth.runtime.launch;

import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * A tmpfs mount's flags as Docker makes them: noexec, nosuid and nodev by default (for both
 * {@code tmpfs:} and {@code type: tmpfs} volumes), the options given merged over them, a later
 * word winning over its opposite (exec over noexec, rw over ro), as moby's MergeTmpfsOptions.
 */
final class TmpfsOptions {
    static final List<String> DOCKER_DEFAULTS = List.of("noexec", "nosuid", "nodev");
    private static final Map<String, String> OPPOSITES = Map.of("exec", "noexec", "suid", "nosuid",
            "dev", "nodev", "rw", "ro", "atime", "noatime", "diratime", "nodiratime");

    private TmpfsOptions() {
    }

    /**
     * @param given comma-separated words (null: none); flag words go to {@code flags} (which may
     *              already hold "ro"), key=value pairs to {@code data}
     */
    static void merge(String given, List<String> flags, List<String> data) {
        Set<String> words = new LinkedHashSet<>(flags);
        words.addAll(DOCKER_DEFAULTS);
        if (given != null) {
            for (String word : given.split(",")) {
                String option = word.strip();
                if (option.isEmpty()) {
                    continue;
                }
                if (option.contains("=")) {
                    data.add(option);
                } else if (OPPOSITES.containsKey(option)) {
                    words.remove(OPPOSITES.get(option));
                } else {
                    OPPOSITES.forEach((positive, negative) -> {
                        if (negative.equals(option)) {
                            words.remove(positive);
                        }
                    });
                    words.add(option);
                }
            }
        }
        flags.clear();
        flags.addAll(words);
    }
}
