package io.berth.runtime.volume;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.berth.runtime.ContainerId;
import io.berth.runtime.RuntimeOperationException;
import io.berth.runtime.VolumeInfo;
import io.berth.runtime.VolumeSpec;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class VolumeStoreTest {
    @TempDir
    Path stateRoot;

    @Test
    void createListInspectAndRemove() throws Exception {
        VolumeStore store = new VolumeStore(stateRoot);
        VolumeInfo created = store.create(new VolumeSpec("demo_data", null, Map.of("com.docker.compose.project", "demo"), null));
        assertEquals(stateRoot.resolve("volumes/demo_data/_data"), created.mountpoint());
        assertTrue(Files.isDirectory(created.mountpoint()));
        Files.writeString(created.mountpoint().resolve("row"), "1");
        assertEquals(created, store.create(new VolumeSpec("demo_data", "local", Map.of(), null)), "create is idempotent");
        store.create(new VolumeSpec("other", null, Map.of(), null));
        assertEquals(List.of("demo_data"), store.list(Map.of("com.docker.compose.project", "demo")).stream().map(VolumeInfo::name).toList());
        assertEquals(2, store.list(Map.of()).size());
        assertEquals("local", store.inspect("demo_data").orElseThrow().driver());
        store.remove("demo_data", false);
        assertTrue(store.inspect("demo_data").isEmpty());
        assertFalse(Files.exists(stateRoot.resolve("volumes/demo_data")));
    }

    @Test
    void namesWithSlashOrDotsAreRefusedAndNeverLeaveTheStore() {
        VolumeStore store = new VolumeStore(stateRoot);
        for (String bad : List.of("a/b", "..", ".", "../escape", "/abs", "-x", "", "x y", "a/../../b")) {
            RuntimeOperationException error = assertThrows(RuntimeOperationException.class,
                    () -> store.create(new VolumeSpec(bad, null, null, null)), bad);
            assertEquals(RuntimeOperationException.Kind.INVALID, error.kind(), bad);
            assertThrows(RuntimeOperationException.class, () -> store.remove(bad, true), bad);
        }
        assertFalse(Files.exists(stateRoot.resolve("escape")));
        store.create(new VolumeSpec("a..b", null, null, null));
        assertTrue(Files.isDirectory(stateRoot.resolve("volumes/a..b/_data")), "a..b is one plain name");
    }

    @Test
    void aVolumeInUseIsNotRemovedUnlessForced() {
        VolumeStore store = new VolumeStore(stateRoot);
        store.create(new VolumeSpec("busy", null, null, null));
        ContainerId user = ContainerId.random();
        assertEquals(store.dataOf("busy"), store.acquire("busy", user));
        RuntimeOperationException error = assertThrows(RuntimeOperationException.class, () -> store.remove("busy", false));
        assertEquals(RuntimeOperationException.Kind.CONFLICT, error.kind());
        assertTrue(error.getMessage().contains(user.shortId()), error.getMessage());
        store.release("busy", user);
        store.remove("busy", false);
        store.create(new VolumeSpec("busy", null, null, null));
        store.acquire("busy", user);
        store.remove("busy", true);
        assertTrue(store.inspect("busy").isEmpty());
    }

    @Test
    void sweepForgetsUsersThatNoLongerRun() {
        VolumeStore store = new VolumeStore(stateRoot);
        store.create(new VolumeSpec("swept", null, null, null));
        ContainerId crashed = ContainerId.random();
        ContainerId alive = ContainerId.random();
        store.acquire("swept", crashed);
        store.acquire("swept", alive);
        store.sweepUsers(java.util.Set.of(alive));
        assertEquals(java.util.Set.of(alive.value()), store.read("swept").orElseThrow().users());
        store.sweepUsers(java.util.Set.of());
        store.remove("swept", false);
    }

    @Test
    void unknownDriversAndOptionsWithoutDeviceAreRefused() {
        VolumeStore store = new VolumeStore(stateRoot);
        assertThrows(RuntimeOperationException.class, () -> store.create(new VolumeSpec("x1", "nfs", null, null)));
        assertThrows(RuntimeOperationException.class, () -> store.create(new VolumeSpec("x2", null, null, Map.of("type", "tmpfs"))));
        assertEquals(RuntimeOperationException.Kind.NOT_FOUND,
                assertThrows(RuntimeOperationException.class, () -> store.remove("missing", false)).kind());
    }

    @Test
    void mountOptionsSplitIntoFlagsAndData() {
        LocalDriverMount.Options options = LocalDriverMount.parse("bind,ro,size=10m,uid=1000");
        assertEquals(4096L | 1L, options.flags());
        assertEquals("size=10m,uid=1000", options.data());
        assertEquals(0L, LocalDriverMount.parse("rw,defaults").flags());
    }

    @Test
    void bindSourcesResolveAgainstTheProjectAndHomeAndAreCreatedOnlyWhenAllowed() {
        Path project = stateRoot.resolve("project");
        Path home = stateRoot.resolve("home");
        assertEquals(project.resolve("data"), BindSources.resolve(project, "./data", home, true));
        assertTrue(Files.isDirectory(project.resolve("data")));
        assertEquals(home.resolve("cache"), BindSources.resolve(project, "~/cache", home, true));
        assertEquals(stateRoot.resolve("elsewhere"), BindSources.resolve(project, "../elsewhere", home, true));
        RuntimeOperationException missing = assertThrows(RuntimeOperationException.class,
                () -> BindSources.resolve(project, "./absent", home, false));
        assertTrue(missing.getMessage().contains("does not exist"));
    }
}
