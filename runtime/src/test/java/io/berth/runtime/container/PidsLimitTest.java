package io.berth.runtime.container;

import static org.junit.jupiter.api.Assertions.assertEquals;

import org.junit.jupiter.api.Test;

/** What pids.max gets: the kernel refuses a value above PID_MAX_LIMIT, which would fail the container's start. */
class PidsLimitTest {
    @Test
    void aLimitAboveWhatLinuxCanHaveIsNoLimit() {
        assertEquals("max", Cgroups.CgroupFiles.pidsMax(99_999_999));
        assertEquals("max", Cgroups.CgroupFiles.pidsMax(Long.MAX_VALUE));
        assertEquals("4194304", Cgroups.CgroupFiles.pidsMax(4_194_304));
    }

    @Test
    void zeroOrNegativeIsNoLimitAndOthersAreKept() {
        assertEquals("max", Cgroups.CgroupFiles.pidsMax(0));
        assertEquals("max", Cgroups.CgroupFiles.pidsMax(-1));
        assertEquals("32", Cgroups.CgroupFiles.pidsMax(32));
    }
}
