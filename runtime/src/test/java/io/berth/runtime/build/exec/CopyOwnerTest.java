package io.berth.runtime.build.exec;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.Optional;
import org.junit.jupiter.api.Test;

/** --chown and --chmod of COPY/ADD, resolved in the destination stage's files. */
class CopyOwnerTest {
    private static final String PASSWD = "root:x:0:0:root:/root:/bin/sh\napp:x:1000:1001:app:/home/app:/bin/sh\n";
    private static final String GROUP = "root:x:0:\nstaff:x:50:\napp:x:1001:\n";

    @Test
    void aUserNameAloneTakesItsPrimaryGroup() {
        assertArrayEquals(new int[] {1000, 1001}, CopyOwner.parse("app", null, PASSWD, GROUP).ids().orElseThrow());
    }

    @Test
    void aNumericUidWithoutEntryTakesTheSameNumberAsGid() {
        assertArrayEquals(new int[] {4242, 4242}, CopyOwner.parse("4242", null, PASSWD, GROUP).ids().orElseThrow());
    }

    @Test
    void userAndGroupNamesAreResolvedInPasswdAndGroup() {
        assertArrayEquals(new int[] {1000, 50}, CopyOwner.parse("app:staff", null, PASSWD, GROUP).ids().orElseThrow());
        assertArrayEquals(new int[] {7, 8}, CopyOwner.parse("7:8", null, PASSWD, GROUP).ids().orElseThrow());
    }

    @Test
    void anUnknownNameIsAnErrorNamingTheFile() {
        IllegalArgumentException error = assertThrows(IllegalArgumentException.class,
                () -> CopyOwner.parse("nobody", null, PASSWD, GROUP));
        assertTrue(error.getMessage().contains("/etc/passwd"), error.getMessage());
    }

    @Test
    void chmodTakesOctalAndSymbolicModes() {
        assertEquals(0750, CopyOwner.parse(null, "750", PASSWD, GROUP).mode(0644, false));
        assertEquals(0744, CopyOwner.parse(null, "u+x", PASSWD, GROUP).mode(0644, false));
        assertThrows(IllegalArgumentException.class, () -> CopyOwner.parse(null, "u+q", PASSWD, GROUP));
        assertEquals(0640, CopyOwner.parse(null, null, PASSWD, GROUP).mode(0640, false));
        assertEquals(Optional.empty(), CopyOwner.parse(null, null, PASSWD, GROUP).ids());
    }
}
