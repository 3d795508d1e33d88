package io.berth.runtime.container;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

import io.berth.runtime.container.UserResolver.ResolvedUser;
import java.util.List;
import org.junit.jupiter.api.Test;

class UserResolverTest {
    private static final String PASSWD = "root:x:0:0:root:/root:/bin/sh\napp:x:1000:1000:app:/home/app:/bin/sh\n";
    private static final String GROUP = "root:x:0:\napp:x:1000:\naudio:x:29:app,other\nvideo:x:44:app\nstaff:x:50:\n";

    // the primary group is listed among the groups too, as a process in a Docker container has it
    @Test
    void emptyMeansRootWithItsHome() {
        assertEquals(new ResolvedUser(0, 0, List.of(0), "/root"), UserResolver.resolve("", PASSWD, GROUP));
    }

    @Test
    void aNameGivesItsIdsAndTheGroupsListingIt() {
        assertEquals(new ResolvedUser(1000, 1000, List.of(1000, 29, 44), "/home/app"), UserResolver.resolve("app", PASSWD, GROUP));
        assertEquals(new ResolvedUser(1000, 1000, List.of(1000, 29, 44), "/home/app"), UserResolver.resolve("1000", PASSWD, GROUP));
    }

    @Test
    void anExplicitGroupReplacesThePrimaryAndTheMembershipGroups() {
        assertEquals(new ResolvedUser(1000, 50, List.of(50), "/home/app"), UserResolver.resolve("app:staff", PASSWD, GROUP));
        assertEquals(new ResolvedUser(1000, 7, List.of(7), "/home/app"), UserResolver.resolve("app:7", PASSWD, GROUP));
    }

    @Test
    void numericIdsNeedNoEntryButNamesDo() {
        assertEquals(new ResolvedUser(4242, 0, List.of(0), "/"), UserResolver.resolve("4242", PASSWD, GROUP));
        assertEquals(new ResolvedUser(4242, 4343, List.of(4343), "/"), UserResolver.resolve("4242:4343", PASSWD, GROUP));
        assertEquals("unable to find user ghost: no matching entries in passwd file",
                assertThrows(io.berth.runtime.RuntimeOperationException.class, () -> UserResolver.resolve("ghost", PASSWD, GROUP)).getMessage());
        assertEquals("unable to find group ghosts: no matching entries in group file",
                assertThrows(io.berth.runtime.RuntimeOperationException.class, () -> UserResolver.resolve("app:ghosts", PASSWD, GROUP)).getMessage());
    }
}
