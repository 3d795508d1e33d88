package io.berth.runtime.build.plan;

import java.util.Locale;
import java.util.Set;

/** Signal names and numbers as Docker's signal.ParseSignal accepts them for STOPSIGNAL. */
final class Signals {
    private static final Set<String> NAMES = Set.of("ABRT", "ALRM", "BUS", "CHLD", "CLD", "CONT", "FPE", "HUP", "ILL",
            "INT", "IO", "IOT", "KILL", "PIPE", "POLL", "PROF", "PWR", "QUIT", "SEGV", "STKFLT", "STOP", "SYS", "TERM",
            "TRAP", "TSTP", "TTIN", "TTOU", "URG", "USR1", "USR2", "VTALRM", "WINCH", "XCPU", "XFSZ");

    private Signals() {
    }

    static boolean valid(String signal) {
        if (signal.matches("\\d+")) {
            try {
                int number = Integer.parseInt(signal);
                return number > 0 && number <= 64;
            } catch (NumberFormatException e) {
                return false;
            }
        }
        String name = signal.toUpperCase(Locale.ROOT);
        name = name.startsWith("SIG") ? name.substring(3) : name;
        return NAMES.contains(name) || name.matches("RTMIN(\\+\\d+)?|RTMAX(-\\d+)?");
    }
}
