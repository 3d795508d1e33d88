package io.berth.runtime.network;

import java.io.IOException;
import java.nio.file.DirectoryStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.HashSet;
import java.util.List;
import java.util.Locale;
import java.util.Set;

/**
 * Who holds a host port, for the message of a port that cannot be published ("held by PID 812
 * (nginx)"): the socket inodes bound to the port from {@code /proc/net/tcp*} or {@code udp*}, then
 * the process with such an inode among its descriptors. Read only when a bind failed.
 */
final class PortHolders {
    private static final String TCP_LISTEN = "0A";

    private PortHolders() {
    }

    /** " held by PID N (comm)", " held by a process of another PID namespace", or "" when not found. */
    static String describe(String protocol, int port) {
        Set<String> inodes = socketInodes(protocol, port);
        if (inodes.isEmpty()) {
            return "";
        }
        try (DirectoryStream<Path> processes = Files.newDirectoryStream(Path.of("/proc"), "[0-9]*")) {
            for (Path process : processes) {
                if (holdsOneOf(process, inodes)) {
                    return " held by PID " + process.getFileName() + " (" + comm(process) + ")";
                }
            }
        } catch (IOException e) {
            return "";
        }
        return " held by a socket of no process visible here";
    }

    private static Set<String> socketInodes(String protocol, int port) {
        Set<String> inodes = new HashSet<>();
        String portHex = String.format(Locale.ROOT, ":%04X", port);
        for (String table : List.of(protocol, protocol + "6")) {
            List<String> lines;
            try {
                lines = Files.readAllLines(Path.of("/proc/net", table));
            } catch (IOException e) {
                continue;
            }
            for (String line : lines.subList(Math.min(1, lines.size()), lines.size())) {
                String[] fields = line.trim().split("\\s+");
                // sl local_address rem_address st tx:rx tr:when retrnsmt uid timeout inode
                if (fields.length > 9 && fields[1].endsWith(portHex)
                        && (protocol.equals("udp") || fields[3].equals(TCP_LISTEN))) {
                    inodes.add("socket:[" + fields[9] + "]");
                }
            }
        }
        return inodes;
    }

    private static boolean holdsOneOf(Path process, Set<String> inodes) {
        try (DirectoryStream<Path> fds = Files.newDirectoryStream(process.resolve("fd"))) {
            for (Path fd : fds) {
                try {
                    if (inodes.contains(Files.readSymbolicLink(fd).toString())) {
                        return true;
                    }
                } catch (IOException closedMeanwhile) {
                    // the descriptor went while listed
                }
            }
        } catch (IOException | SecurityException gone) {
            // the process ended, or is not ours to read
        }
        return false;
    }

    private static String comm(Path process) {
        try {
            return Files.readString(process.resolve("comm")).strip();
        } catch (IOException e) {
            return "?";
        }
    }
}
