package io.berth.runtime.build.plan;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import org.junit.jupiter.params.provider.ValueSource;

/** --chmod values: octal replaces the mode, symbolic changes each entry's own mode as chmod(1). */
class ChmodSpecTest {
    @ParameterizedTest(name = "{0} on {1} (dir {2}) gives {3}")
    @CsvSource({
            "0755, 0600, false, 0755",
            "00640, 0777, false, 0640",
            "u+x, 0644, false, 0744",
            "'u+x,g-w', 0664, false, 0744",
            "+x, 0600, false, 0711",
            "a-w, 0666, false, 0444",
            "go=, 0755, false, 0700",
            "o=u, 0750, false, 0757",
            "'g=u,o-rwx', 0741, false, 0770",
            "a+X, 0600, false, 0600",
            "a+X, 0700, false, 0711",
            "a+X, 0700, true, 0711",
            "u+s, 0755, false, 04755",
            "+t, 0777, true, 01777",
            "'u=rw,go=r', 0777, false, 0644",
            "u-x+w, 0500, false, 0600",
    })
    void appliesAsChmodDoes(String text, String mode, boolean directory, String expected) {
        assertEquals(Integer.parseInt(expected, 8), ChmodSpec.parse(text).apply(Integer.parseInt(mode, 8), directory),
                text + " on " + mode);
    }

    @ParameterizedTest
    @ValueSource(strings = {"u+q", "u", "x+r", "999", "010000", "u+x,", ",u+x", "u+rw=z"})
    void refusesWhatChmodRefuses(String text) {
        IllegalArgumentException error = assertThrows(IllegalArgumentException.class, () -> ChmodSpec.parse(text));
        assertTrue(error.getMessage().startsWith("invalid chmod parameter: '" + text + "'"), error.getMessage());
    }
}
