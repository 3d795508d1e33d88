package io.berth.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The benchmark harness runs: one round of one scenario with Berth alone ({@code bench/run
 * --smoke}) finishes and prints its table. Figures are not judged here; the benchmark is not part
 * of the suite's pass or fail. Phases Berth cannot do yet show in the table, they fail nothing.
 */
@Tag("root")
class BenchSmokeTest {

  @TempDir Path tmp;

  @Test
  void harnessRunsOneRoundOfOneScenario() throws IOException, InterruptedException {
    Path repo = repositoryRoot();
    assumeTrue(isRoot(), "the benchmark starts containers and needs root");
    assumeTrue(Files.isRegularFile(repo.resolve("cli/target/berth.jar")),
        "the berth launcher is not built yet (mvn package before the suite, as scripts/test does)");
    Path report = tmp.resolve("report.md");
    Process run = new ProcessBuilder("bash", "bench/run", "--smoke", "--out", report.toString())
        .directory(repo.toFile())
        .redirectErrorStream(true)
        .redirectOutput(tmp.resolve("bench.log").toFile())
        .start();
    boolean finished = run.waitFor(10, TimeUnit.MINUTES);
    if (!finished) {
      run.destroyForcibly();
    }
    String log = Files.readString(tmp.resolve("bench.log"));
    assertTrue(finished, "bench/run --smoke did not finish in 10 minutes:\n" + log);
    assertEquals(0, run.exitValue(), "bench/run --smoke failed:\n" + log);
    String table = Files.readString(report);
    assertTrue(table.contains("### scale") && table.contains("| up -d (s) |"),
        "no scale table in the report:\n" + table);
  }

  private static boolean isRoot() throws IOException {
    return Files.readAllLines(Path.of("/proc/self/status")).stream()
        .anyMatch(line -> line.matches("Uid:\\s+0\\s.*"));
  }

  private static Path repositoryRoot() {
    Path dir = Path.of("").toAbsolutePath();
    while (dir != null && !Files.isRegularFile(dir.resolve("bench/run"))) {
      dir = dir.getParent();
    }
    assumeTrue(dir != null, "bench/run not found above " + Path.of("").toAbsolutePath());
    return dir;
  }
}
