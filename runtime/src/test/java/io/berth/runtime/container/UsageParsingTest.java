package io.berth.runtime.container;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;

import org.junit.jupiter.api.Test;

/** The counter files' formats: pure parsing, sample text written for these tests. */
class UsageParsingTest {
    @Test
    void netDevSumsEveryInterfaceButLoopback() {
        String text = """
                Inter-|   Receive                                                |  Transmit
                 face |bytes    packets errs drop fifo frame compressed multicast|bytes    packets errs drop fifo colls carrier compressed
                    lo:     500       5    0    0    0     0          0         0      500       5    0    0    0     0       0          0
                  eth0:    1200      10    0    0    0     0          0         0      300       3    0    0    0     0       0          0
                  eth1:      34       1    0    0    0     0          0         0        6       1    0    0    0     0       0          0
                """;
        assertArrayEquals(new long[] {1234, 306}, NetDevCounters.parse(text));
    }

    @Test
    void blkioSumsReadsAndWritesOfEveryDevice() {
        String text = """
                8:0 Read 4096
                8:0 Write 8192
                8:0 Sync 0
                8:0 Total 12288
                8:16 Read 100
                Total 12388
                """;
        assertArrayEquals(new long[] {4196, 8192}, ContainerUsageReader.sumBlkio(text));
    }
}
