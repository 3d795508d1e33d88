package io.berth.cli.security;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;

/**
 * Runs a command as {@code nobody} (uid 65534, no groups) through setpriv: the second, unprivileged
 * local user of the security tests. Nothing is added to the host, so nothing needs removing.
 */
final class OtherUser {
    static final int UID = 65534;

    private OtherUser() {
    }

    static boolean available() {
        return Path.of("/usr/bin/setpriv").toFile().canExecute() && Path.of("/usr/bin/python3").toFile().canExecute();
    }

    /** stdout and stderr of the command, run as nobody. */
    static String run(String... command) throws IOException, InterruptedException {
        List<String> argv = new ArrayList<>(List.of("/usr/bin/setpriv", "--reuid=" + UID, "--regid=" + UID,
                "--clear-groups", "--"));
        argv.addAll(List.of(command));
        Process process = new ProcessBuilder(argv).redirectErrorStream(true).start();
        process.getOutputStream().close();
        String output = new String(process.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
        if (!process.waitFor(30, TimeUnit.SECONDS)) {
            process.destroyForcibly();
            throw new AssertionError("as nobody: " + argv + " did not finish");
        }
        return output;
    }

    /** What nobody gets from the Unix socket at {@code socket} when it asks for the container list. */
    static String askSocket(Path socket) throws IOException, InterruptedException {
        return run("/usr/bin/python3", "-c", """
                import socket, sys
                s = socket.socket(socket.AF_UNIX)
                try:
                    s.connect(sys.argv[1])
                except OSError as e:
                    print("connect failed:", e.strerror); sys.exit(0)
                try:
                    s.sendall(b'{"version":1,"op":"LIST","args":{}}\\n')
                except OSError as e:
                    print("send failed:", e.strerror)
                data = b''
                while True:
                    try:
                        chunk = s.recv(65536)
                    except OSError as e:
                        print("recv failed:", e.strerror); break
                    if not chunk:
                        break
                    data += chunk
                print("reply:", data.decode(errors='replace'))
                """, socket.toString());
    }

    /** Paths under {@code directory} that nobody can read (files) or list (directories): those it can. */
    static List<String> readableBy(Path directory) throws IOException, InterruptedException {
        String out = run("/usr/bin/python3", "-c", """
                import os, sys
                for base, dirs, files in os.walk(sys.argv[1], onerror=lambda e: None):
                    print("listable:", base)
                    for f in files:
                        p = os.path.join(base, f)
                        if os.path.isfile(p) and not os.path.islink(p) and os.access(p, os.R_OK):
                            print("readable:", p)
                """, directory.toString());
        return out.lines().filter(line -> !line.isBlank()).toList();
    }
}
