package dev.opstub.standalone;

import static org.assertj.core.api.Assertions.assertThat;

import dev.opstub.testing.Http;
import java.io.File;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;

/**
 * What the README tells a user to type works: its run command starts the standalone server, and
 * each {@code curl} line of the README and the reference pages answers what its {@code # ->} line
 * says, on the newest and on the oldest WireMock the README claims (the same OpStub jar on both).
 */
class ReadmeIT {
  private static final String PACKAGE_STEP = "mvn -q -B package -DskipTests && ";
  private static final String README_CLASSPATH = "-cp \"target/standalone/*\"";

  @Test
  void theTopOfTheReadmeShowsTheRunAndTestCommands() throws IOException {
    List<String> top = Docs.readme().subList(0, 25);

    assertThat(top).anyMatch(line -> line.startsWith(PACKAGE_STEP) && line.contains("wiremock.Run"));
    assertThat(top).contains("mvn -B verify");
    assertThat(Files.readString(StandaloneServer.repositoryRoot().resolve(".ci/run"))).contains("mvn -B verify");
  }

  @Test
  void theReadmeNamesTheWireMockVersionsTheTourRunsOn() throws IOException {
    String readme = String.join("\n", Docs.readme());

    assertThat(readme).contains("WireMock " + StandaloneServer.oldestWireMockVersion() + " to "
        + StandaloneServer.wireMockVersion());
  }

  static Stream<Arguments> wireMockVersions() {
    return Stream.of(
        Arguments.of(StandaloneServer.wireMockVersion(), null),
        Arguments.of(StandaloneServer.oldestWireMockVersion(), String.join(File.pathSeparator, StandaloneServer.oldestClasspath())));
  }

  /** @param classpath in place of the README's {@code target/standalone/*}, or null for the README's own */
  @ParameterizedTest(name = "WireMock {0}")
  @MethodSource("wireMockVersions")
  void theRunCommandServesTheTourAsTheReadmeSays(String wireMockVersion, String classpath) throws Exception {
    String runLine = Docs.readme().stream().filter(l -> l.startsWith(PACKAGE_STEP) && l.contains("wiremock.Run"))
        .findFirst().orElseThrow();
    // `mvn verify` has just packaged target/standalone: run what follows the package step.
    String run = runLine.substring(PACKAGE_STEP.length());
    assertThat(run).contains("--bind-address 127.0.0.1", "--port 8080", README_CLASSPATH);
    if (classpath != null) {
      run = run.replace(README_CLASSPATH, "-cp \"" + classpath + "\"");
    }

    List<String[]> tour = new ArrayList<>();
    for (String page : Docs.TOUR_PAGES) {
      tour.addAll(Docs.commandsWithExpectations(Docs.page(page)));
    }
    assertThat(tour).hasSizeGreaterThanOrEqualTo(25);
    try (StandaloneServer server = StandaloneServer.startShell(StandaloneServer.repositoryRoot(), run)) {
      assertThat(Http.get(server.baseUrl() + "/__admin/health").body()).contains("\"" + wireMockVersion + "\"");
      for (String[] step : tour) {
        String command = step[0].replace("8080", Integer.toString(server.port));
        String out = Docs.run(command);
        assertThat(out).as("README: %s", step[0]).contains(step[1]);
      }
    }
  }

  @Test
  void everyPageWithExpectedAnswersIsPartOfTheTour() {
    for (String page : Docs.allPages()) {
      if (!Docs.commandsWithExpectations(Docs.page(page)).isEmpty() && !Docs.PAGES_WITH_THEIR_OWN_TOUR.containsKey(page)) {
        assertThat(Docs.TOUR_PAGES).as("%s has # -> lines, so the tour must run it", page).contains(page);
      }
    }
  }
}
