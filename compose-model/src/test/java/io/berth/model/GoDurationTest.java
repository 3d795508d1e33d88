package io.berth.model;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

import java.time.Duration;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

/** Cases follow Go's time package tests (ParseDuration, Duration.String). */
class GoDurationTest {

    @ParameterizedTest
    @CsvSource({"0,0", "5s,5000000000", "30s,30000000000", "1478s,1478000000000", "-5s,-5000000000",
        "+5s,5000000000", "-0,0", "+0,0", "5.0s,5000000000", "5.6s,5600000000", "5.s,5000000000", ".5s,500000000",
        "1.0s,1000000000", "1.00s,1000000000", "1.004s,1004000000", "1.0040s,1004000000", "100.00100s,100001000000",
        "10ns,10", "11us,11000", "12µs,12000", "12μs,12000", "13ms,13000000", "14s,14000000000", "15m,900000000000",
        "16h,57600000000000", "3h30m,12600000000000", "10.5s4m,250500000000", "-2m3.4s,-123400000000",
        "1h2m3s4ms5us6ns,3723004005006", "39h9m14.425s,140954425000000", "52763797000ns,52763797000",
        "0.3333333333333333333h,1200000000000", "9223372036854775807ns,9223372036854775807",
        "-9223372036854775808ns,-9223372036854775808", "1m30s,90000000000", "300us,300000"})
    void parsesLikeGo(String text, long nanos) {
        assertEquals(Duration.ofNanos(nanos), GoDuration.parse(text));
    }

    @ParameterizedTest
    @CsvSource(delimiterString = "|", value = {"''|time: invalid duration \"\"", "3|time: missing unit in duration \"3\"",
        "-|time: invalid duration \"-\"", "s|time: invalid duration \"s\"", ".|time: invalid duration \".\"",
        "-.|time: invalid duration \"-.\"", ".s|time: invalid duration \".s\"", "+.s|time: invalid duration \"+.s\"",
        "1d|time: unknown unit \"d\" in duration \"1d\"", "30|time: missing unit in duration \"30\"",
        "1.5|time: missing unit in duration \"1.5\"", "1s 2s|time: unknown unit \"s \" in duration \"1s 2s\"",
        "9223372036854775808ns|time: invalid duration \"9223372036854775808ns\"",
        "9223372036854775810ns|time: invalid duration \"9223372036854775810ns\""})
    void invalidDurationsFailWithGoMessage(String text, String message) {
        IllegalArgumentException error = assertThrows(IllegalArgumentException.class, () -> GoDuration.parse(text));
        assertEquals(message, error.getMessage());
    }

    @ParameterizedTest
    @CsvSource({"0,0s", "1,1ns", "1100,1.1µs", "2200000,2.2ms", "3300000000,3.3s", "240000000000,4m0s",
        "300000000000,5m0s", "301000000000,5m1s", "90000000000,1m30s", "3600000000000,1h0m0s", "10000000,10ms",
        "1500000000,1.5s", "300000,300µs", "4000000000,4s", "3723004005006,1h2m3.004005006s", "-90000000000,-1m30s",
        "9223372036854775807,2562047h47m16.854775807s", "-9223372036854775808,-2562047h47m16.854775808s"})
    void formatsLikeGo(long nanos, String text) {
        assertEquals(text, GoDuration.format(Duration.ofNanos(nanos)));
    }

    @Test
    void yamlNumbersAreParsedAsTheirTextSoOnlyZeroIsValid() {
        assertEquals(Duration.ZERO, GoDuration.parseValue(0L));
        assertEquals(Duration.ofSeconds(90), GoDuration.parseValue("1m30s"));
        IllegalArgumentException error = assertThrows(IllegalArgumentException.class, () -> GoDuration.parseValue(10L));
        assertEquals("time: missing unit in duration \"10\"", error.getMessage());
        IllegalArgumentException fraction = assertThrows(IllegalArgumentException.class, () -> GoDuration.parseValue(1.5));
        assertEquals("time: missing unit in duration \"1.5\"", fraction.getMessage());
    }

    @Test
    void formatThenParseRoundTrips() {
        for (String text : new String[] {"1m30s", "1h0m0s", "10ms", "1.5s", "300µs", "45ns"}) {
            assertEquals(text, GoDuration.format(GoDuration.parse(text)));
        }
    }

    @Test
    void durationBeyondGoRangeCannotBeFormatted() {
        assertThrows(ArithmeticException.class, () -> GoDuration.format(Duration.ofDays(300 * 365L)));
    }
}
