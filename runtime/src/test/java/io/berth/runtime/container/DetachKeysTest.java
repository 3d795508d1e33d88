package io.berth.runtime.container;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import org.junit.jupiter.api.Test;

class DetachKeysTest {
    private final DetachKeys keys = new DetachKeys(DetachKeys.CTRL_P_CTRL_Q);

    @Test
    void ordinaryInputPassesUnchanged() {
        assertArrayEquals("ls -l\r".getBytes(), keys.filter("ls -l\r".getBytes()));
        assertFalse(keys.detached());
    }

    @Test
    void theSequenceDetachesEvenSplitAcrossReadsAndWhatFollowsIsDropped() {
        assertArrayEquals("a".getBytes(), keys.filter(new byte[] {'a', 0x10}));
        assertFalse(keys.detached());
        assertArrayEquals(new byte[0], keys.filter(new byte[] {0x11, 'b'}));
        assertTrue(keys.detached());
    }

    @Test
    void anUnfinishedSequenceIsPassedOn() {
        assertArrayEquals(new byte[] {0x10, 'x'}, keys.filter(new byte[] {0x10, 'x'}));
        assertArrayEquals(new byte[] {0x10}, keys.filter(new byte[] {0x10, 0x10}));
        assertArrayEquals(new byte[0], keys.filter(new byte[] {0x11}));
        assertTrue(keys.detached());
    }
}
