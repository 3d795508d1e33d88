package io.berth.runtime.linux;

import static org.junit.jupiter.api.Assertions.assertEquals;

import io.berth.runtime.linux.ProcessCalls.FdAction;
import java.util.List;
import org.junit.jupiter.api.Test;

/** Which descriptors a spawned child keeps: those the actions leave open, and 0-2. */
class SpawnFdsTest {
    @Test
    void stdioOnlyWhenNoActionNamesAnother() {
        assertEquals(2, PosixSpawn.highestKept(List.of()));
        assertEquals(2, PosixSpawn.highestKept(List.of(FdAction.open(1, "/dev/null", 1, 0))));
    }

    @Test
    void spareCopiesClosedAfterUseAreNotKept() {
        List<FdAction> actions = List.of(FdAction.dup2(40, 9), FdAction.dup2(41, 10), FdAction.dup2(9, 3),
                FdAction.close(9), FdAction.dup2(10, 4), FdAction.close(10));
        assertEquals(4, PosixSpawn.highestKept(actions));
    }
}
