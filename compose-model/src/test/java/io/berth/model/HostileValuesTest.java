package io.berth.model;

import static org.junit.jupiter.api.Assertions.assertEquals;

import java.util.List;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

/**
 * Values that would crash the loader, or that Compose reads but the container engine refuses at
 * create or start, are problems with their position, all at once (so that a refused up makes nothing).
 */
class HostileValuesTest {
    private final ComposeFixture fixture = new ComposeFixture();

    @AfterEach
    void cleanUp() throws Exception {
        fixture.close();
    }

    private List<String> problemsOf(String serviceLines) {
        fixture.file("compose.yaml", "services:\n  web:\n    image: x\n" + serviceLines);
        return fixture.problems();
    }

    @Test
    void infiniteAndNotANumberValuesAreProblemsNotCrashes() {
        assertEquals(List.of(
                "compose.yaml:4:5: services.web.cpus: number out of range (larger than a 64-bit float holds; write a smaller value)",
                "compose.yaml:5:5: services.web.memswap_limit: number out of range (larger than a 64-bit float holds; write a smaller value)",
                "compose.yaml:6:5: services.web.x-nan: NaN is not a number Compose accepts (write a number)"),
                problemsOf("    cpus: 1e309\n    memswap_limit: -1e400\n    x-nan: .nan\n").stream()
                        .filter(problem -> !problem.contains("invalid size")).toList());
    }

    @Test
    void aStringCastToAFloatOutOfRangeIsAProblem() {
        assertEquals(List.of("compose.yaml:4:5: services.web.cpus: must be a number, got \"1e309\""),
                problemsOf("    cpus: \"1e309\"\n"));
    }
}
