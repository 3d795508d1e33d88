package io.berth.runtime.container;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;

/**
 * Bytes received and sent by the interfaces of a process's network namespace, from /proc/PID/net/dev
 * (the file shows the namespace of PID, so no setns is needed), loopback left out as Docker leaves it.
 */
final class NetDevCounters {
    private NetDevCounters() {
    }

    /** {received, sent}; zeros when the process is gone. */
    static long[] of(long pid) {
        try {
            return parse(Files.readString(Path.of("/proc", Long.toString(pid), "net", "dev")));
        } catch (IOException gone) {
            return new long[2];
        }
    }

    /** "  eth0: RXBYTES packets errs drop fifo frame compressed multicast TXBYTES ..." after two header lines. */
    static long[] parse(String text) {
        long[] sums = new long[2];
        for (String line : text.split("\n")) {
            int colon = line.indexOf(':');
            if (colon < 0 || line.substring(0, colon).trim().equals("lo")) {
                continue;
            }
            String[] fields = line.substring(colon + 1).trim().split("\\s+");
            if (fields.length >= 9 && fields[0].matches("\\d+")) {
                sums[0] += Long.parseLong(fields[0]);
                sums[1] += Long.parseLong(fields[8]);
            }
        }
        return sums;
    }
}
