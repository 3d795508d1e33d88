package io.berth.cli.volume;

import io.berth.cli.network.LocalState;
import io.berth.runtime.VolumeInfo;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Parameters;

/** {@code berth volume inspect NAME...}: a JSON array shaped like Docker's. */
@Command(name = "inspect", description = "Display detailed information on one or more volumes.")
final class VolumeInspectCommand implements Callable<Integer> {
    @Parameters(arity = "1..*", paramLabel = "VOLUME")
    List<String> names;

    @Override
    public Integer call() {
        return LocalState.inspectEach(names, "volume", name -> LocalState.volumes().inspect(name),
                VolumeInspectCommand::docker);
    }

    static Map<String, Object> docker(VolumeInfo volume) {
        Map<String, Object> json = new LinkedHashMap<>();
        json.put("CreatedAt", volume.createdAt().toString());
        json.put("Driver", volume.driver());
        json.put("Labels", volume.labels());
        json.put("Mountpoint", volume.mountpoint().toString());
        json.put("Name", volume.name());
        json.put("Options", volume.driverOptions());
        json.put("Scope", "local");
        return json;
    }
}
