package io.berth.cli.e2e;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Path;
import java.util.List;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;

/**
 * A command that cannot run, as Docker Compose v2 reports it: 127 when it is not there (not in
 * PATH, a missing path, a working directory that is a file), 126 when it is there but cannot be
 * executed (a directory, no execute bit); for run and exec the exit code, for up the container's
 * (docs/security.md, "A command that cannot run").
 */
@Tag("root")
class CommandExitCodesTest extends RealRuntimeTest {
    private static void assertFails(int code, String words, BerthRun run) {
        assertEquals(code, run.exitCode(), run.toString());
        assertTrue(run.err().contains(words), run.err());
    }

    @Test
    void runExitsAsDockerRunWhenTheCommandCannotRun() throws Exception {
        Path project = fixture.project("runcodes", """
                services:
                  web:
                    image: busybox:local
                    network_mode: none
                    command: ["sleep", "1000"]
                """);
        assertFails(127, "exec: \"nosuchbinary\": executable file not found in $PATH",
                fixture.berth(project, "run", "--rm", "-T", "web", "nosuchbinary"));
        assertFails(126, "exec: \"/etc\": is a directory", fixture.berth(project, "run", "--rm", "-T", "web", "/etc"));
        assertFails(126, "exec: \"/etc/passwd\": permission denied",
                fixture.berth(project, "run", "--rm", "-T", "web", "/etc/passwd"));
        assertFails(127, "exec: \"/nope\": stat /nope: no such file or directory",
                fixture.berth(project, "run", "--rm", "-T", "--entrypoint", "/nope", "web"));
        assertFails(127, "\"/etc/passwd\": not a directory",
                fixture.berth(project, "run", "--rm", "-T", "-w", "/etc/passwd", "web", "true"));
        assertEquals(0, fixture.berth(project, "run", "--rm", "-T", "web", "true").exitCode(), "a command that runs");
        assertEquals("", fixture.berth(project, "ps", "-a", "-q").ok().out(), "nothing left after --rm");
    }

    @Test
    void execExitsAsDockerExecWhenTheCommandCannotRun() throws Exception {
        Path project = fixture.project("execcodes", """
                services:
                  web:
                    image: busybox:local
                    network_mode: none
                    command: ["sleep", "1000"]
                """);
        fixture.berth(project, "up", "-d").ok();
        try {
            assertFails(127, "exec: \"nosuchbinary\": executable file not found in $PATH",
                    fixture.berth(project, "exec", "-T", "web", "nosuchbinary"));
            assertFails(126, "exec: \"/etc\": is a directory", fixture.berth(project, "exec", "-T", "web", "/etc"));
            assertFails(126, "exec: \"/etc/passwd\": permission denied",
                    fixture.berth(project, "exec", "-T", "web", "/etc/passwd"));
            assertFails(127, "exec: \"/nope\": stat /nope: no such file or directory",
                    fixture.berth(project, "exec", "-T", "web", "/nope"));
            assertFails(127, "\"/etc/passwd\": not a directory",
                    fixture.berth(project, "exec", "-T", "-w", "/etc/passwd", "web", "true"));
            assertFails(126, "unable to find user nosuchuser: no matching entries in passwd file",
                    fixture.berth(project, "exec", "-T", "-u", "nosuchuser", "web", "true"));
            assertEquals(3, fixture.berth(project, "exec", "-T", "web", "sh", "-c", "exit 3").exitCode(),
                    "the command's own exit code is untouched");
        } finally {
            fixture.berth(project, "down").ok();
        }
    }

    @Test
    void upRecordsTheExitCodeOfAContainerWhoseCommandCannotRun() throws Exception {
        Path project = fixture.project("upcodes", """
                services:
                  missing:
                    image: busybox:local
                    network_mode: none
                    command: nosuchbinary
                  isdir:
                    image: busybox:local
                    network_mode: none
                    entrypoint: /etc
                """);
        try {
            BerthRun up = fixture.berth(project, "up", "-d");
            assertNotEquals(0, up.exitCode(), up.toString());
            assertTrue(up.err().contains("exec: \"nosuchbinary\": executable file not found in $PATH")
                    || up.err().contains("exec: \"/etc\": is a directory"), up.err());
            String missing = fixture.berth(project, "ps", "-a", "--format", "{{.Name}} {{.ExitCode}}", "missing").ok().out();
            assertEquals("upcodes-missing-1 127", missing.strip());
            BerthRun upDir = fixture.berth(project, "up", "-d", "isdir");
            assertTrue(upDir.err().contains("exec: \"/etc\": is a directory"), upDir.err());
            String isdir = fixture.berth(project, "ps", "-a", "--format", "{{.Name}} {{.ExitCode}}", "isdir").ok().out();
            assertEquals("upcodes-isdir-1 126", isdir.strip());
        } finally {
            fixture.berth(project, "down").ok();
        }
    }

    /**
     * Found and executable, but the kernel will not run it (no format it knows, a #! interpreter that
     * is missing): as with Docker the command counts as started and exits 1, the reason on its stderr.
     */
    @Test
    void aFileTheKernelWillNotRunExitsOneWithTheReason() throws Exception {
        Path project = fixture.project("execfmt", """
                services:
                  web:
                    image: busybox:local
                    network_mode: none
                    volumes: ["./garbage:/garbage:ro", "./badinterp:/badinterp:ro"]
                    command: ["sleep", "1000"]
                """);
        java.nio.file.Files.writeString(project.resolve("garbage"), "not a program\n");
        java.nio.file.Files.writeString(project.resolve("badinterp"), "#!/no/such/interpreter\n");
        for (String name : List.of("garbage", "badinterp")) {
            java.nio.file.Files.setPosixFilePermissions(project.resolve(name),
                    java.nio.file.attribute.PosixFilePermissions.fromString("rwxr-xr-x"));
        }
        BerthRun garbage = fixture.berth(project, "run", "--rm", "-T", "web", "/garbage");
        assertEquals(1, garbage.exitCode(), garbage.toString());
        assertTrue((garbage.out() + garbage.err()).contains("exec /garbage: exec format error"), garbage.toString());
        BerthRun badInterpreter = fixture.berth(project, "run", "--rm", "-T", "web", "/badinterp");
        assertEquals(1, badInterpreter.exitCode(), badInterpreter.toString());
        assertTrue((badInterpreter.out() + badInterpreter.err()).contains("exec /badinterp: no such file or directory"),
                badInterpreter.toString());
        fixture.berth(project, "up", "-d").ok();
        try {
            BerthRun exec = fixture.berth(project, "exec", "-T", "web", "/garbage");
            assertEquals(1, exec.exitCode(), exec.toString());
            assertTrue(exec.err().contains("exec /garbage: exec format error"), exec.toString());
        } finally {
            fixture.berth(project, "down").ok();
        }
    }
}
