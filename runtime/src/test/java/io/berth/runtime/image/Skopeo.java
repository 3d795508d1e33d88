package io.berth.runtime.image;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;

/** skopeo inspect of a plain-HTTP registry on 127.0.0.1: an independent reader of what Berth pushed. */
final class Skopeo {
    private Skopeo() {
    }

    static String inspect(String reference, String userColonPassword) throws IOException, InterruptedException {
        List<String> command = new ArrayList<>(List.of("skopeo", "inspect", "--tls-verify=false"));
        if (userColonPassword != null) {
            command.add("--creds=" + userColonPassword);
        }
        command.add("docker://" + reference);
        Process process = new ProcessBuilder(command).redirectError(ProcessBuilder.Redirect.DISCARD).start();
        String output = new String(process.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
        if (!process.waitFor(1, TimeUnit.MINUTES) || process.exitValue() != 0) {
            process.destroyForcibly();
            throw new IOException("skopeo inspect " + reference + " failed");
        }
        return output;
    }
}
