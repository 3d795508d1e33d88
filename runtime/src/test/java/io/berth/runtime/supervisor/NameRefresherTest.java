package io.berth.runtime.supervisor;

import static org.junit.jupiter.api.Assertions.assertEquals;

import io.berth.runtime.ContainerId;
import io.berth.runtime.ContainerSpec;
import io.berth.runtime.ContainerState;
import io.berth.runtime.ImageReference;
import io.berth.runtime.launch.NetworkAccess;
import io.berth.runtime.state.ContainerRecord;
import java.nio.file.Path;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Collection;
import java.util.List;
import java.util.Map;
import java.util.TreeSet;
import java.util.concurrent.ConcurrentHashMap;
import org.junit.jupiter.api.Test;

/** Which containers a hosts refresh lists: running ones and every one still starting. */
class NameRefresherTest {
    private final Map<ContainerId, ContainerRecord> records = new ConcurrentHashMap<>();
    private final List<TreeSet<String>> refreshes = new ArrayList<>();
    private final NameRefresher names = new NameRefresher(records::values, new NetworkAccess() {
        @Override
        public Attached attach(ContainerId id, String name, ContainerSpec spec, ContainerId sharedWith) {
            throw new UnsupportedOperationException();
        }

        @Override
        public void detach(ContainerId id, String name, ContainerSpec spec) {
        }

        @Override
        public void refreshNames(Collection<ContainerRecord> visible) {
            refreshes.add(new TreeSet<>(visible.stream().map(ContainerRecord::name).toList()));
        }
    });

    private ContainerRecord record(String name, ContainerState state) {
        ContainerRecord record = new ContainerRecord(ContainerRecord.CURRENT_VERSION, ContainerId.random(), name,
                ContainerSpec.simple(name, ImageReference.parse("busybox:local"), List.of("true")), null, state, null,
                false, 0, 0, (Path) null, null, false, false, Instant.now(), null, null, 0, false, null,
                Map.of("back", "172.18.0.9"), List.of(), List.of(), null);
        records.put(record.id(), record);
        return record;
    }

    @Test
    void twoReplicasStartingTogetherBothStayListed() {
        record("web-1", ContainerState.RUNNING);
        ContainerRecord four = record("client-4", ContainerState.CREATED);
        ContainerRecord five = record("client-5", ContainerState.CREATED);
        names.refreshWithStarting(four);
        names.refreshWithStarting(five);
        assertEquals(new TreeSet<>(List.of("web-1", "client-4", "client-5")), refreshes.get(1),
                "the second start's refresh must not drop the first, still starting");
        records.put(four.id(), four.toBuilder().state(ContainerState.RUNNING).build());
        names.startEnded(four.id(), false);
        names.refresh();
        assertEquals(new TreeSet<>(List.of("web-1", "client-4", "client-5")), refreshes.get(2));
    }

    @Test
    void aFailedStartIsDroppedAtOnce() {
        record("web-1", ContainerState.RUNNING);
        ContainerRecord broken = record("client-1", ContainerState.CREATED);
        names.refreshWithStarting(broken);
        names.startEnded(broken.id(), true);
        assertEquals(List.of(new TreeSet<>(List.of("web-1", "client-1")), new TreeSet<>(List.of("web-1"))), refreshes);
    }
}
