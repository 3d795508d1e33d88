package io.berth.engine.support;

import static org.junit.jupiter.api.Assertions.assertEquals;

import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;

/** docs/compose-support.md is SupportDoc's rendering of the table; -Dberth.writeSupportDoc=true rewrites it. */
class SupportDocTest {
    private static final Path DOC = Path.of("..", "docs", "compose-support.md");

    @Test
    void theDocIsTheTableRendered() throws Exception {
        String rendered = SupportDoc.render();
        if (Boolean.getBoolean("berth.writeSupportDoc")) {
            Files.writeString(DOC, rendered);
        }
        assertEquals(rendered, Files.exists(DOC) ? Files.readString(DOC) : "",
                "docs/compose-support.md differs from SupportTable: run scripts/compose-support-doc");
    }
}
