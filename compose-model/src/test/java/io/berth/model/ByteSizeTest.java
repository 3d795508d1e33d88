package io.berth.model;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

/** Cases follow docker/go-units RAMInBytes (size_test.go). */
class ByteSizeTest {

    private static long bytes(String text) {
        return ByteSize.parse(text).bytes();
    }

    @Test
    void plainNumberIsBytes() {
        assertEquals(100, bytes("100"));
        assertEquals(32, bytes("32"));
    }

    @Test
    void yamlIntegerIsBytes() {
        assertEquals(1024, ByteSize.parse(1024L).bytes());
    }

    @ParameterizedTest
    @CsvSource({"32b,32", "32B,32", "32k,32768", "32K,32768", "32kb,32768", "32Kb,32768", "32KiB,32768",
        "32Mb,33554432", "32Gb,34359738368", "32Tb,35184372088832", "32Pb,36028797018963968", "512m,536870912",
        "1g,1073741824"})
    void unitsAreBinaryAndCaseInsensitive(String text, long expected) {
        assertEquals(expected, bytes(text));
    }

    @Test
    void fractionsAreMultipliedThenTruncated() {
        assertEquals(1610612736L, bytes("1.5G"));
        assertEquals(1610612736L, bytes("1.5GB"));
        assertEquals(32, bytes("32.3"));
        assertEquals(33075, bytes("32.3k"));
        assertEquals(0, bytes("0.5"));
    }

    @Test
    void oneSpaceMaySeparateNumberAndUnit() {
        assertEquals(536870912, bytes("512 m"));
        assertEquals(1073741824, bytes("1 GiB"));
    }

    @Test
    void zeroIsValid() {
        assertEquals(0, bytes("0"));
        assertEquals(0, bytes("0b"));
    }

    @ParameterizedTest
    @CsvSource(delimiterString = "|", value = {"''|invalid size: ''", "hello|invalid size: 'hello'", "-32|invalid size: '-32'",
        "32.3.3|strconv.ParseFloat: parsing \"32.3.3\": invalid syntax", "' 32 '|strconv.ParseFloat: parsing \" 32\": invalid syntax",
        "32mm|invalid suffix: 'mm'", "32bb|invalid suffix: 'bb'", "32kib1|strconv.ParseFloat: parsing \"32kib1\": invalid syntax", "32Gi|invalid suffix: 'gi'",
        "32ibk|invalid suffix: 'ibk'", "32 KBiB|invalid suffix: 'KBiB'", "32x|invalid suffix: 'x'"})
    void invalidSizesFailWithGoUnitsMessage(String text, String message) {
        IllegalArgumentException error = assertThrows(IllegalArgumentException.class, () -> ByteSize.parse(text));
        assertEquals(message, error.getMessage());
    }

    @Test
    void negativeIntegerFails() {
        assertThrows(IllegalArgumentException.class, () -> ByteSize.parse(-1L));
    }

    @Test
    void printsAsPlainByteCount() {
        assertEquals("1610612736", ByteSize.parse("1.5G").toString());
    }
}
