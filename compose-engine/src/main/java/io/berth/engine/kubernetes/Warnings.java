package io.berth.engine.kubernetes;

import java.util.ArrayList;
import java.util.List;
import java.util.TreeSet;

/** What the conversion could not carry over ({@code services.web.ipc: ...}) and what it must refuse. */
final class Warnings {
    private final TreeSet<String> warnings = new TreeSet<>();
    private final TreeSet<String> problems = new TreeSet<>();

    void service(String service, String key, String message) {
        warnings.add("services." + service + "." + key + ": " + message);
    }

    void project(String path, String message) {
        warnings.add(path + ": " + message);
    }

    void problem(String path, String message) {
        problems.add(path + ": " + message);
    }

    List<String> warnings() {
        return new ArrayList<>(warnings);
    }

    List<String> problems() {
        return new ArrayList<>(problems);
    }
}
