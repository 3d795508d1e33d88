package io.berth.cli.volume;

import io.berth.cli.network.LocalState;
import io.berth.runtime.VolumeSpec;
import java.security.SecureRandom;
import java.util.HexFormat;
import java.util.List;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;

/** {@code berth volume create [NAME]}: a named volume (a random 64-hex name when none is given). */
@Command(name = "create", description = "Create a volume.")
final class VolumeCreateCommand implements Callable<Integer> {
    @Parameters(index = "0", arity = "0..1", paramLabel = "VOLUME")
    String name;

    @Option(names = {"-d", "--driver"}, defaultValue = "local", description = "Driver (only local).")
    String driver;

    @Option(names = "--label", description = "KEY=VALUE metadata.")
    List<String> labels;

    @Option(names = {"-o", "--opt"}, description = "Driver options: type=, device=, o= (a mount, like Docker's local driver).")
    List<String> options;

    @Override
    public Integer call() {
        return LocalState.run(() -> {
            String volumeName = name;
            if (volumeName == null) {
                byte[] bytes = new byte[32];
                new SecureRandom().nextBytes(bytes);
                volumeName = HexFormat.of().formatHex(bytes);
            }
            LocalState.volumes().create(new VolumeSpec(volumeName, driver, LocalState.keyValues(labels),
                    LocalState.keyValues(options)));
            System.out.println(volumeName);
            return 0;
        });
    }
}
