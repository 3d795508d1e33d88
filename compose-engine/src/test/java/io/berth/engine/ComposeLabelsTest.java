package io.berth.engine;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.Map;
import org.junit.jupiter.api.Test;

class ComposeLabelsTest {
    @Test
    void readsComposesLabels() {
        ComposeLabels labels = ComposeLabels.of(Map.of(Labels.PROJECT, "shop", Labels.SERVICE, "web",
                Labels.CONTAINER_NUMBER, "3", Labels.ONEOFF, "true", Labels.CONFIG_HASH, "abc",
                Labels.CONFIG_FILES, "/p/compose.yaml"));
        assertEquals(new ComposeLabels("shop", "web", 3, true, "abc", "/p/compose.yaml"), labels);
        assertEquals("web", labels.serviceOrEmpty());
    }

    @Test
    void aContainerWithoutThemHasNoProjectNoServiceAndNumberZero() {
        ComposeLabels labels = ComposeLabels.of(Map.of(Labels.CONTAINER_NUMBER, "x"));
        assertNull(labels.project());
        assertNull(labels.service());
        assertEquals("", labels.serviceOrEmpty());
        assertEquals(0, labels.number());
        assertFalse(labels.oneOff());
        assertEquals("", labels.configFiles());
        assertTrue(ComposeLabels.of(Map.of(Labels.ONEOFF, "True")).oneOff());
    }
}
