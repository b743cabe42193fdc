package dev.opstub.standalone;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;

/**
 * What the README tells a user to type works: its run command starts the standalone server, and
 * each {@code curl} line of the tour answers what its {@code # ->} line says.
 */
class ReadmeIT {
  private static final String PACKAGE_STEP = "mvn -q -B package -DskipTests && ";

  private static List<String> readme() throws IOException {
    return Files.readAllLines(StandaloneServer.repositoryRoot().resolve("README.md"));
  }

  @Test
  void theTopOfTheReadmeShowsTheRunAndTestCommands() throws IOException {
    List<String> top = readme().subList(0, 25);

    assertThat(top).anyMatch(line -> line.startsWith(PACKAGE_STEP) && line.contains("wiremock.Run"));
    assertThat(top).contains("mvn -B verify");
    assertThat(Files.readString(StandaloneServer.repositoryRoot().resolve(".ci/run"))).contains("mvn -B verify");
  }

  @Test
  void theRunCommandServesTheTourAsTheReadmeSays() throws Exception {
    String runLine = readme().stream().filter(l -> l.startsWith(PACKAGE_STEP) && l.contains("wiremock.Run"))
        .findFirst().orElseThrow();
    // `mvn verify` has just packaged target/standalone: run what follows the package step.
    String run = runLine.substring(PACKAGE_STEP.length());
    assertThat(run).contains("--bind-address 127.0.0.1", "--port 8080");

    List<String[]> tour = curlLinesWithExpectations(readme());
    assertThat(tour).hasSizeGreaterThanOrEqualTo(14);
    try (StandaloneServer server = StandaloneServer.startShell(StandaloneServer.repositoryRoot(), run)) {
      for (String[] step : tour) {
        String command = step[0].replace("8080", Integer.toString(server.port));
        Process curl = new ProcessBuilder("bash", "-c", command).redirectErrorStream(true).start();
        assertThat(curl.waitFor(30, TimeUnit.SECONDS)).isTrue();
        String out = new String(curl.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
        assertThat(out).as("README: %s", step[0]).contains(step[1]);
      }
    }
  }

  /** Each command line of the README followed by a {@code # -> } line, with the text that line expects. */
  private static List<String[]> curlLinesWithExpectations(List<String> lines) {
    List<String[]> steps = new ArrayList<>();
    for (int i = 0; i + 1 < lines.size(); i++) {
      if (lines.get(i + 1).startsWith("# -> ")) {
        steps.add(new String[] {lines.get(i), lines.get(i + 1).substring("# -> ".length())});
      }
    }
    return steps;
  }
}
