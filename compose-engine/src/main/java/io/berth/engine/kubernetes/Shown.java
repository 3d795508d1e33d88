package io.berth.engine.kubernetes;

import io.berth.model.Project;
import java.nio.file.Path;

/** Host paths as a user wrote them in warnings: relative to the project ({@code ./db}) or to home ({@code ~/data}). */
final class Shown {
    private Shown() {
    }

    static String path(Project project, String text) {
        Path path = Path.of(text);
        if (path.startsWith(project.workingDir())) {
            return "./" + project.workingDir().relativize(path);
        }
        Path home = Path.of(System.getProperty("user.home"));
        if (path.startsWith(home) && !home.toString().equals("/")) {
            return "~/" + home.relativize(path);
        }
        return text;
    }
}
