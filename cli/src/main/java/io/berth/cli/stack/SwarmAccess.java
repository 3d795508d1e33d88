package io.berth.cli.stack;

import io.berth.cli.Invocation;
import io.berth.engine.swarm.DockerHost;
import io.berth.engine.swarm.EngineClient;
import io.berth.engine.swarm.SwarmException;
import java.util.List;

/** The Engine the stack commands talk to, and their tables. */
final class SwarmAccess {
    private SwarmAccess() {
    }

    static EngineClient engine(String registryAuth) throws SwarmException {
        return new EngineClient(DockerHost.fromEnvironment(Invocation.env()), registryAuth);
    }

    /** Columns padded to their widest cell, three spaces apart, as the docker CLI prints tables. */
    static void print(List<List<String>> rows) {
        int columns = rows.get(0).size();
        int[] widths = new int[columns];
        for (List<String> row : rows) {
            for (int i = 0; i < columns; i++) {
                widths[i] = Math.max(widths[i], row.get(i).length());
            }
        }
        StringBuilder text = new StringBuilder();
        for (List<String> row : rows) {
            StringBuilder line = new StringBuilder();
            for (int i = 0; i < columns; i++) {
                line.append(i == columns - 1 ? row.get(i) : String.format("%-" + (widths[i] + 3) + "s", row.get(i)));
            }
            text.append(line.toString().stripTrailing()).append('\n');
        }
        System.out.print(text);
        System.out.flush();
    }
}
