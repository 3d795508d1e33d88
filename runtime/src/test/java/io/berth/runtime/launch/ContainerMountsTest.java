package io.berth.runtime.launch;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.berth.runtime.ContainerId;
import io.berth.runtime.ContainerSpec;
import io.berth.runtime.ContainerState;
import io.berth.runtime.ImageReference;
import io.berth.runtime.MountSpec;
import io.berth.runtime.state.ContainerRecord;
import java.nio.file.Path;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.Set;
import org.junit.jupiter.api.Test;

/** The mount decisions dockerd makes at create: image VOLUMEs, anonymous names, volumes_from. */
class ContainerMountsTest {
    /** Volumes the store knows as anonymous: the pure decision needs only that answer. */
    private static final VolumeAccess KNOWS_CARRIED = new VolumeAccess() {
        public Path acquire(String volumeName, ContainerId user) {
            throw new UnsupportedOperationException();
        }

        public void release(String volumeName, ContainerId user) {
        }

        public boolean isAnonymous(String volumeName) {
            return Set.of("carried").contains(volumeName);
        }
    };

    private static MountSpec volume(String source, String target) {
        return new MountSpec(MountSpec.Type.VOLUME, source, target, false, null);
    }

    @Test
    void imageVolumesNothingElseMountsBecomeAnonymousVolumesWithDockerStyleNames() {
        List<MountSpec> resolved = ContainerMounts.resolveVolumes(List.of(volume("named", "/data/"),
                new MountSpec(MountSpec.Type.TMPFS, null, "/tmp", false, null)), List.of("/data", "/tmp", "/www/"),
                KNOWS_CARRIED);
        assertEquals(List.of("/data/", "/tmp", "/www"), resolved.stream().map(MountSpec::target).toList());
        assertFalse(resolved.get(0).isAnonymousVolume());
        assertTrue(resolved.get(2).source().matches("[0-9a-f]{64}"));
        assertEquals("true", resolved.get(2).options().get(MountSpec.ANONYMOUS));
    }

    @Test
    void aCarriedOverAnonymousVolumeStaysMarkedAnonymous() {
        List<MountSpec> resolved = ContainerMounts.resolveVolumes(List.of(volume("carried", "/cache"),
                volume(null, "/fresh")), null, KNOWS_CARRIED);
        assertEquals("carried", resolved.get(0).source());
        assertTrue(resolved.get(0).isAnonymousVolume());
        assertTrue(resolved.get(1).isAnonymousVolume());
        assertFalse(resolved.get(1).source().equals(resolved.get(0).source()));
    }

    @Test
    void volumesFromCopiesBindsAndVolumesWithTheModeAndLetsOwnMountsWin() {
        ContainerRecord source = record("src", List.of(
                new MountSpec(MountSpec.Type.VOLUME, "v1", "/a", false, Map.of(MountSpec.ANONYMOUS, "true")),
                new MountSpec(MountSpec.Type.BIND, "/host", "/b", true, null),
                new MountSpec(MountSpec.Type.TMPFS, null, "/t", false, null),
                volume("v2", "/mine")));
        List<MountSpec> own = List.of(MountSpec.volumesFrom("src", "rw"), volume("own", "/mine"));
        List<MountSpec> expanded = ContainerMounts.expandVolumesFrom("new", own, List.of(source));
        assertEquals(List.of("v1", "/host", "own"), expanded.stream().map(MountSpec::source).toList());
        assertFalse(expanded.get(1).readOnly(), ":rw makes a read-only bind writable, as Docker");
        assertEquals("true", expanded.get(0).options().get("nocopy"), "the shared volume is not copied into again");
        assertTrue(expanded.get(0).isAnonymousVolume());

        List<MountSpec> readOnly = ContainerMounts.expandVolumesFrom("new",
                List.of(MountSpec.volumesFrom("src", "ro")), List.of(source));
        assertTrue(readOnly.stream().allMatch(MountSpec::readOnly));
        List<MountSpec> asThere = ContainerMounts.expandVolumesFrom("new",
                List.of(MountSpec.volumesFrom("src", null)), List.of(source));
        assertEquals(List.of(false, true, false), asThere.stream().map(MountSpec::readOnly).toList());
    }

    private static ContainerRecord record(String name, List<MountSpec> mounts) {
        ContainerSpec spec = ContainerSpec.simple(name, ImageReference.parse("busybox:local"), List.of("true"))
                .withMounts(mounts);
        return new ContainerRecord(ContainerRecord.CURRENT_VERSION, ContainerId.random(), name, spec, null,
                ContainerState.CREATED, null, false, 0, 0, (Path) null, null, false, false, Instant.now(), null, null,
                0, false, null, Map.of(), List.of(), List.of(), null);
    }
}
