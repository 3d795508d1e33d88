package io.berth.runtime.container;

import io.berth.runtime.ProcessEntry;
import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Instant;
import java.time.LocalDate;
import java.time.ZoneId;
import java.time.ZonedDateTime;
import java.time.format.DateTimeFormatter;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;

/** The processes of a container's cgroup as {@code ps -ef} shows them: UID PID PPID C STIME TTY TIME CMD. */
public final class ContainerTop {
    private static final long TICKS_PER_SECOND = 100; // USER_HZ on every Linux architecture Berth runs on

    private ContainerTop() {
    }

    public static List<ProcessEntry> list(Cgroups cgroups, String cgroup) {
        Map<Integer, String> users = hostUsers();
        long bootSeconds = bootTime();
        List<ProcessEntry> entries = new ArrayList<>();
        for (long pid : cgroups.processes(cgroup)) {
            try {
                entries.add(entry(pid, users, bootSeconds));
            } catch (IOException | RuntimeException exitedMeanwhile) {
                // the process ended between listing and reading: it is no longer part of the answer
            }
        }
        return entries;
    }

    private static ProcessEntry entry(long pid, Map<Integer, String> users, long bootSeconds) throws IOException {
        Path proc = Path.of("/proc", Long.toString(pid));
        String stat = read(proc.resolve("stat"));
        String name = stat.substring(stat.indexOf('(') + 1, stat.lastIndexOf(')'));
        String[] fields = stat.substring(stat.lastIndexOf(')') + 2).trim().split(" ");
        long ppid = Long.parseLong(fields[1]);
        int ttyNumber = Integer.parseInt(fields[4]);
        long cpuTicks = Long.parseLong(fields[11]) + Long.parseLong(fields[12]);
        long startTicks = Long.parseLong(fields[19]);
        int uid = 0;
        for (String line : read(proc.resolve("status")).split("\n")) {
            if (line.startsWith("Uid:")) {
                uid = Integer.parseInt(line.substring(4).trim().split("\\s+")[0]);
            }
        }
        String cmdline = read(proc.resolve("cmdline")).replace('\0', ' ').trim();
        long cpuSeconds = cpuTicks / TICKS_PER_SECOND;
        return new ProcessEntry(users.getOrDefault(uid, Integer.toString(uid)), pid, ppid,
                startTime(bootSeconds + startTicks / TICKS_PER_SECOND), tty(ttyNumber),
                String.format(Locale.ROOT, "%02d:%02d:%02d", cpuSeconds / 3600, cpuSeconds / 60 % 60, cpuSeconds % 60),
                cmdline.isEmpty() ? "[" + name + "]" : cmdline);
    }

    /** HH:mm for today, MMMdd before, like procps. */
    private static String startTime(long epochSeconds) {
        ZonedDateTime start = Instant.ofEpochSecond(epochSeconds).atZone(ZoneId.systemDefault());
        boolean today = start.toLocalDate().equals(LocalDate.now(ZoneId.systemDefault()));
        return start.format(DateTimeFormatter.ofPattern(today ? "HH:mm" : "MMMdd", Locale.ROOT));
    }

    private static String tty(int ttyNumber) {
        if (ttyNumber == 0) {
            return "?";
        }
        int major = (ttyNumber >> 8) & 0xfff;
        int minor = (ttyNumber & 0xff) | ((ttyNumber >> 12) & 0xfff00);
        return major == 136 ? "pts/" + minor : major == 4 ? "tty" + minor : major + ":" + minor;
    }

    private static long bootTime() {
        try {
            for (String line : read(Path.of("/proc/stat")).split("\n")) {
                if (line.startsWith("btime ")) {
                    return Long.parseLong(line.substring(6).trim());
                }
            }
        } catch (IOException e) {
            // fall through: start times relative to the epoch are still ordered
        }
        return 0;
    }

    private static Map<Integer, String> hostUsers() {
        Map<Integer, String> users = new HashMap<>();
        try {
            for (String line : Files.readAllLines(Path.of("/etc/passwd"))) {
                String[] fields = line.split(":");
                if (fields.length > 2 && fields[2].chars().allMatch(Character::isDigit) && !fields[2].isEmpty()) {
                    users.putIfAbsent(Integer.parseInt(fields[2]), fields[0]);
                }
            }
        } catch (IOException | NumberFormatException e) {
            // numeric ids then
        }
        return users;
    }

    private static String read(Path file) throws IOException {
        try (InputStream in = Files.newInputStream(file)) {
            return new String(in.readAllBytes(), StandardCharsets.UTF_8);
        }
    }
}
