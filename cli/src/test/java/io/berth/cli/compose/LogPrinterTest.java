package io.berth.cli.compose;

import static org.junit.jupiter.api.Assertions.assertEquals;

import io.berth.engine.Labels;
import io.berth.runtime.ContainerId;
import io.berth.runtime.ContainerInfo;
import io.berth.runtime.ContainerSpec;
import io.berth.runtime.ContainerState;
import io.berth.runtime.ImageReference;
import io.berth.runtime.LogLine;
import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

class LogPrinterTest {
    private static ContainerInfo container(String service, int number) {
        ContainerSpec spec = ContainerSpec.simple("demo-" + service + "-" + number, ImageReference.parse("busybox"),
                List.of("true"));
        ContainerSpec labelled = new ContainerSpec(spec.name(), Map.of(Labels.SERVICE, service), spec.image(),
                spec.entrypoint(), spec.command(), spec.environment(), spec.user(), spec.groupAdd(), spec.workingDir(),
                spec.hostname(), spec.domainname(), spec.tty(), spec.stdinOpen(), spec.stopSignal(),
                spec.stopGracePeriod(), spec.mounts(), spec.networkMode(), spec.networks(), spec.ports(),
                spec.extraHosts(), spec.dns(), spec.dnsSearch(), spec.dnsOptions(), spec.readOnlyRootfs(),
                spec.capAdd(), spec.capDrop(), spec.privileged(), spec.resources(), spec.restartPolicy(),
                spec.sysctls(), spec.ulimits(), spec.shmSizeBytes(), spec.ipcMode(), spec.pidMode(), spec.links());
        return new ContainerInfo(ContainerId.random(), spec.name(), labelled, null, ContainerState.RUNNING, 1, null,
                false, Instant.EPOCH, Instant.EPOCH, null, 0, Map.of(), List.of(), null);
    }

    @Test
    void prefixesArePaddedToTheLongestAndColouredPerService() {
        ContainerInfo web = container("web", 1);
        ContainerInfo worker = container("worker", 12);
        ByteArrayOutputStream bytes = new ByteArrayOutputStream();
        PrintStream out = new PrintStream(bytes, true, StandardCharsets.UTF_8);
        new LogPrinter(null, out, false, true, false).prepare(List.of(web, worker))
                .print(new LogLine(web.id(), Instant.EPOCH, "stdout", "hello"));
        assertEquals("web-1      | hello\n", bytes.toString(StandardCharsets.UTF_8));
        bytes.reset();
        new LogPrinter(null, out, true, true, false).prepare(List.of(web, worker))
                .print(new LogLine(worker.id(), Instant.EPOCH, "stdout", "hi"));
        assertEquals("\u001b[33mworker-12  | \u001b[0mhi\n", bytes.toString(StandardCharsets.UTF_8));
    }
}
