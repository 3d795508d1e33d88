package io.berth.runtime.image.registry;

import static org.junit.jupiter.api.Assertions.assertEquals;

import org.junit.jupiter.api.Test;

/** Reading how far an upload got from its status's Range header (a pure decision). */
class UploadRangeTest {
    @Test
    void aRangeFromZeroGivesTheBytesHeld() {
        assertEquals(524288, UploadRange.bytesHeld("0-524287", 1_000_000));
        assertEquals(1_000_000, UploadRange.bytesHeld("0-999999", 1_000_000));
        assertEquals(10, UploadRange.bytesHeld("bytes=0-9", 100));
        assertEquals(10, UploadRange.bytesHeld(" 0-9 ", 100));
    }

    @Test
    void zeroToZeroMayMeanNothingSoItCountsAsNothing() {
        assertEquals(0, UploadRange.bytesHeld("0-0", 100));
    }

    @Test
    void aMissingMalformedOrTooLargeRangeIsUnknown() {
        for (String range : new String[] {"", "5-9", "0-", "0-x", "0--1", "0-100", "bytes 0-9", "-9"}) {
            assertEquals(-1, UploadRange.bytesHeld(range, 100), range);
        }
    }
}
