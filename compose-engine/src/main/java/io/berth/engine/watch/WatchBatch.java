package io.berth.engine.watch;

import io.berth.model.WatchRule;
import io.berth.runtime.ContainerFileSync;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Collection;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.SortedMap;
import java.util.SortedSet;
import java.util.TreeMap;
import java.util.TreeSet;

/**
 * What one debounced batch of changed paths asks for, per service, decided without touching
 * anything: the services to rebuild, the files to sync, the services to restart and the exec hooks
 * to run, done in that order (as Docker Compose v2 does). A hook runs once per batch however many
 * files matched its rule.
 */
public record WatchBatch(SortedSet<String> rebuild, SortedMap<String, List<ContainerFileSync.Mapping>> sync,
                         SortedSet<String> restart, SortedMap<String, List<WatchRule.Exec>> exec) {

    public static WatchBatch plan(Collection<Path> changed, List<CompiledRule> rules) {
        SortedSet<String> rebuild = new TreeSet<>();
        SortedMap<String, Map<String, ContainerFileSync.Mapping>> sync = new TreeMap<>();
        SortedSet<String> restart = new TreeSet<>();
        SortedMap<String, Map<Integer, WatchRule.Exec>> exec = new TreeMap<>();
        List<Path> sorted = new ArrayList<>(changed);
        Collections.sort(sorted);
        for (Path path : sorted) {
            for (int index = 0; index < rules.size(); index++) {
                CompiledRule rule = rules.get(index);
                var match = rule.match(path);
                if (match.isEmpty()) {
                    continue;
                }
                String service = rule.service();
                WatchRule.Action action = rule.rule().action();
                if (action.syncs() && match.get().containerPath() != null) {
                    sync.computeIfAbsent(service, name -> new LinkedHashMap<>())
                            .putIfAbsent(match.get().containerPath(), match.get());
                }
                switch (action) {
                    case REBUILD -> rebuild.add(service);
                    case RESTART, SYNC_RESTART -> restart.add(service);
                    case SYNC_EXEC -> {
                        if (rule.rule().exec() != null) {
                            exec.computeIfAbsent(service, name -> new TreeMap<>()).putIfAbsent(index, rule.rule().exec());
                        }
                    }
                    case SYNC -> {
                    }
                }
            }
        }
        SortedMap<String, List<ContainerFileSync.Mapping>> syncLists = new TreeMap<>();
        sync.forEach((service, mappings) -> syncLists.put(service, List.copyOf(mappings.values())));
        SortedMap<String, List<WatchRule.Exec>> execLists = new TreeMap<>();
        exec.forEach((service, hooks) -> execLists.put(service, List.copyOf(hooks.values())));
        return new WatchBatch(Collections.unmodifiableSortedSet(rebuild), Collections.unmodifiableSortedMap(syncLists),
                Collections.unmodifiableSortedSet(restart), Collections.unmodifiableSortedMap(execLists));
    }

    public boolean isEmpty() {
        return rebuild.isEmpty() && sync.isEmpty() && restart.isEmpty() && exec.isEmpty();
    }
}
