package io.berth.runtime.build.plan;

import java.util.ArrayList;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;

/** The image settings while a stage is evaluated; {@link #snapshot()} gives the immutable record. */
final class MutableSettings {
    List<String> env;
    String workingDir;
    String user;
    List<String> entrypoint;
    List<String> cmd;
    final Map<String, String> labels;
    final Set<String> exposedPorts;
    final Set<String> volumes;
    List<String> shell;
    Healthcheck healthcheck;
    String stopSignal;
    final List<String> onBuild = new ArrayList<>();
    boolean argsEscaped;

    MutableSettings(ImageSettings base) {
        env = new ArrayList<>(base.env());
        workingDir = base.workingDir();
        user = base.user();
        entrypoint = base.entrypoint();
        cmd = base.cmd();
        labels = new TreeMap<>(base.labels());
        exposedPorts = new LinkedHashSet<>(base.exposedPorts());
        volumes = new LinkedHashSet<>(base.volumes());
        shell = base.shell();
        healthcheck = base.healthcheck();
        stopSignal = base.stopSignal();
        argsEscaped = base.argsEscaped();
        // ONBUILD triggers of the base run in this stage and are not inherited
    }

    List<String> effectiveShell() {
        return shell == null || shell.isEmpty() ? ImageSettings.DEFAULT_SHELL : shell;
    }

    ImageSettings snapshot() {
        return new ImageSettings(env, workingDir, user, entrypoint, cmd, labels, exposedPorts, volumes, shell,
                healthcheck, stopSignal, onBuild, argsEscaped);
    }
}
