package io.berth.runtime.logs;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;

import java.time.Duration;
import java.util.concurrent.atomic.AtomicLong;
import org.junit.jupiter.api.Test;

/** Issue 11 item 8: a failure repeated every 200 ms (a full disk) is logged once a minute, with its count. */
class RepeatFilterTest {
    private final AtomicLong now = new AtomicLong();
    private final RepeatFilter filter = new RepeatFilter(Duration.ofMinutes(1), now::get);

    @Test
    void aMessageRepeatedFiveTimesASecondIsLoggedOnceAMinute() {
        String full = "logs of abc: java.io.IOException: No space left on device";
        int printed = 0;
        String last = null;
        for (int tick = 0; tick < 5 * 120; tick++) { // two minutes of 200 ms ticks
            String line = filter.filter(full);
            if (line != null) {
                printed++;
                last = line;
            }
            now.addAndGet(Duration.ofMillis(200).toNanos());
        }
        assertEquals(2, printed);
        assertEquals(full + " (and 299 times more since it was last logged)", last);
    }

    @Test
    void differentMessagesAreNotHeldBack() {
        assertEquals("a", filter.filter("a"));
        assertEquals("b", filter.filter("b"));
        assertNull(filter.filter("a"));
    }
}
