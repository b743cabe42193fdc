package dev.opstub.standalone;

import static org.assertj.core.api.Assertions.assertThat;

import dev.opstub.testing.Http;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.concurrent.TimeUnit;
import java.util.function.UnaryOperator;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Stream;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/**
 * The README's first two ways in, typed by a user outside this repository: a Maven project of its
 * own made of the README's {@code pom.xml} lines and test class, and a folder filled by the
 * README's {@code mvn ... copy} lines and served by its {@code java} line. Both resolve
 * {@code dev.opstub:opstub} from a local repository holding what {@code mvn install} installs
 * ({@code target/it-repo}, filled by maven-invoker-plugin's install goal), so a wrong version, a
 * wrong classifier or a missing import fails this build. Everything else comes from the user's
 * local repository through a {@code file:} mirror: no network.
 */
class ConsumerProjectIT {
  private static final Path WORK = StandaloneServer.repositoryRoot().resolve("target/consumer-it");
  private static Path settings;

  @BeforeAll
  static void emptyWorkFolderAndOfflineSettings() throws IOException {
    if (Files.exists(WORK)) {
      try (Stream<Path> files = Files.walk(WORK)) {
        for (Path file : files.sorted(Comparator.reverseOrder()).toList()) {
          Files.delete(file);
        }
      }
    }
    Files.createDirectories(WORK);
    settings = WORK.resolve("settings.xml");
    Files.writeString(settings, """
        <settings>
          <mirrors>
            <mirror>
              <id>this-machine</id>
              <mirrorOf>*</mirrorOf>
              <url>%s</url>
            </mirror>
          </mirrors>
        </settings>
        """.formatted(Path.of(System.getProperty("opstub.user.repo")).toUri()));
  }

  @Test
  void theReadmesJUnitBlocksBuildAndPassInAProjectOfTheirOwnWithoutAnSlf4jWarning() throws Exception {
    assertThat(Docs.fencedBlocks(Docs.readme(), "xml").get(0))
        .contains("<version>" + System.getProperty("opstub.version") + "</version>");

    Path project = readmeProject("lro-client-tests", UnaryOperator.identity());

    String output = mvn(project, "test");

    assertThat(output).as(output).contains("Tests run: 1, Failures: 0, Errors: 0, Skipped: 0", "BUILD SUCCESS");
    assertThat(output).doesNotContain("No SLF4J providers");
  }

  /**
   * Issue 30: at equal depth Maven takes the first declared, so an Azure SDK listed before OpStub
   * used to bring its older jackson-annotations and jackson-core under OpStub's jackson-databind
   * ({@code NoSuchMethodError: JsonProperty.isRequired()} in every test).
   */
  @Test
  void theReadmesJUnitBlocksPassWithTheAzureSdkListedBeforeOpStub() throws Exception {
    UnaryOperator<String> azureFirst = pomLines -> pomLines.replaceFirst("<dependencies>\n", """
        <dependencies>
          <dependency>
            <groupId>com.azure</groupId>
            <artifactId>azure-ai-documentintelligence</artifactId>
            <version>1.0.5</version>
          </dependency>
        """);

    Path project = readmeProject("azure-sdk-first", azureFirst);
    assertThat(Files.readString(project.resolve("pom.xml"))).contains("azure-ai-documentintelligence");

    // The SDK's own dependencies come into the user's repository with this build (the pom's
    // consumer-it-azure-sdk execution); -U: a miss an earlier run cached in target/it-repo is asked again.
    String output = mvn(project, "-U", "org.apache.maven.plugins:maven-dependency-plugin:3.8.1:tree",
        "-Dincludes=com.fasterxml.jackson.core", "test");

    assertThat(output).as(output)
        .contains("com.fasterxml.jackson.core:jackson-annotations:jar:" + jacksonAnnotationsVersion() + ":")
        .contains("Tests run: 1, Failures: 0, Errors: 0, Skipped: 0", "BUILD SUCCESS")
        .doesNotContain("NoSuchMethodError");
  }

  /**
   * A pom that still mixes Jackson versions (here an old jackson-annotations of its own, which no
   * order of OpStub's can outweigh) gets, instead of a {@code NoSuchMethodError}, the versions and the fix.
   */
  @Test
  void aPomThatPinsAnOlderJacksonAnnotationsIsToldTheVersionsAndTheFix() throws Exception {
    Path project = readmeProject("old-jackson-annotations", pomLines -> pomLines.replaceFirst("<dependencies>\n", """
        <dependencies>
          <dependency>
            <groupId>com.fasterxml.jackson.core</groupId>
            <artifactId>jackson-annotations</artifactId>
            <version>2.18.4</version>
          </dependency>
        """));

    String output = mvnFailing(project, "-U", "test");

    assertThat(output).as(output).contains("but the classpath has jackson-annotations 2.18.4",
        "import com.fasterxml.jackson:jackson-bom:", "Tests run: 1, Failures: 0, Errors: 1")
        .doesNotContain("NoSuchMethodError:");
  }

  /** The jackson-annotations this build compiles against: the one its jackson-databind needs. */
  private static String jacksonAnnotationsVersion() {
    return com.fasterxml.jackson.annotation.JsonProperty.class.getPackage().getImplementationVersion();
  }

  /**
   * Issue 23: where a user sees the missing-annotation hint when Surefire runs the test. JUnit
   * notifies "test finished" to the listeners a build tool hands the launcher (Surefire's) before
   * the ones the launcher loads itself (the pack's), so Surefire has written the failure before the
   * hint can be added to it; the hint is on the console just above the failure. docs/junit.md says so.
   */
  @Test
  void aForgottenAnnotationIsNamedOnTheConsoleJustAboveTheFailureMvnTestPrints() throws Exception {
    Path project = projectWithOneTest("forgot-the-annotation", Docs.fencedBlocks(Docs.readme(), "xml").get(0),
        "ForgotTheAnnotationTest", """
        import dev.opstub.junit.Api;
        import dev.opstub.junit.OpStubServer;
        import org.junit.jupiter.api.Test;

        class ForgotTheAnnotationTest {
          @Test
          void pollsTheSeedOperation(OpStubServer server) {
            server.currentStatus(Api.FACE, "a63a3bdd-a1db-4d05-87b8-dbad6850062a");
          }
        }
        """);

    String output = mvnFailing(project, "test");

    String hint = "OpStub: pollsTheSeedOperation(OpStubServer) takes an OpStubServer, but its class has no OpStub "
        + "annotation: add @OpStubTest to the class";
    assertThat(output).as(output).contains(hint, "Tests run: 1, Failures: 0, Errors: 1", "BUILD FAILURE");
    assertThat(output.indexOf(hint)).as("the hint is printed just above the failure")
        .isLessThan(output.indexOf("ForgotTheAnnotationTest.pollsTheSeedOperation(OpStubServer) -- Time elapsed"));
    String report = Files.readString(project.resolve("target/surefire-reports/TEST-ForgotTheAnnotationTest.xml"));
    assertThat(report).as("the report holds JUnit's failure as JUnit wrote it (docs/junit.md says why)")
        .contains("type=\"org.junit.jupiter.api.extension.ParameterResolutionException\"", "No ParameterResolver registered")
        .doesNotContain(hint);
  }

  @Test
  void theReadmesStandaloneBlockServesTheTourFromTheStockJarAndTheInstalledJars() throws Exception {
    List<String> block = Docs.fencedBlocks(Docs.readme(), "sh").stream()
        .filter(b -> b.contains("maven-dependency-plugin")).findFirst().orElseThrow().lines().toList();
    Path folder = Files.createDirectories(WORK.resolve("standalone-consumer"));
    List<String> copies = block.stream().filter(l -> l.startsWith("mvn ")).toList();
    assertThat(copies).hasSize(3);
    for (String copy : copies) {
      mvn(folder, copy.substring("mvn ".length()).split(" "));
    }
    try (Stream<Path> jars = Files.list(folder.resolve("opstub-server"))) {
      assertThat(jars.map(j -> j.getFileName().toString())).containsExactlyInAnyOrder(
          "wiremock-standalone-" + StandaloneServer.wireMockVersion() + ".jar",
          "opstub-" + System.getProperty("opstub.version") + "-standalone.jar",
          "opstub-" + System.getProperty("opstub.version") + "-mappings.jar");
    }
    String run = block.stream().filter(l -> l.startsWith("java ")).findFirst().orElseThrow();

    List<String[]> tour = Docs.commandsWithExpectations(Docs.readme()).stream()
        .filter(step -> step[0].contains("a63a3bdd-a1db-4d05-87b8-dbad6850062a")).toList();
    assertThat(tour).hasSize(3);
    try (StandaloneServer server = StandaloneServer.startShell(folder, run)) {
      for (String[] step : tour) {
        String command = step[0].replace("8080", Integer.toString(server.port));
        String out = Docs.run(command);
        assertThat(out).as("README: %s\nserver log:\n%s", step[0], server.log()).contains(step[1]);
      }
      assertThat(Http.get(server.baseUrl() + "/__admin/health").body())
          .contains("\"" + StandaloneServer.wireMockVersion() + "\"");
    }
  }

  /** A project of the README's {@code pom.xml} lines (as {@code pom} changes them) and its test class. */
  private static Path readmeProject(String artifactId, UnaryOperator<String> pom) throws IOException {
    List<String> readme = Docs.readme();
    String testClass = Docs.fencedBlocks(readme, "java").get(0);
    Matcher name = Pattern.compile("class (\\w+)").matcher(testClass);
    assertThat(name.find()).as(testClass).isTrue();
    return projectWithOneTest(artifactId, pom.apply(Docs.fencedBlocks(readme, "xml").get(0)), name.group(1), testClass);
  }

  /** A Maven project of a user's own: the README's {@code pom.xml} lines and one test class. */
  private static Path projectWithOneTest(String artifactId, String pomLines, String testClassName, String testClass)
      throws IOException {
    Path project = Files.createDirectories(WORK.resolve(artifactId));
    Files.writeString(project.resolve("pom.xml"), """
        <project xmlns="http://maven.apache.org/POM/4.0.0">
          <modelVersion>4.0.0</modelVersion>
          <groupId>com.example</groupId>
          <artifactId>%s</artifactId>
          <version>1.0</version>
        %s</project>
        """.formatted(artifactId, pomLines));
    Path tests = Files.createDirectories(project.resolve("src/test/java"));
    Files.writeString(tests.resolve(testClassName + ".java"), testClass);
    return project;
  }

  /** Runs Maven as a user would, with this build's install as the local repository; returns its output. */
  private static String mvn(Path directory, String... arguments) throws Exception {
    return mvn(directory, true, arguments);
  }

  /** As {@link #mvn(Path, String...)}, for a build that must fail. */
  private static String mvnFailing(Path directory, String... arguments) throws Exception {
    return mvn(directory, false, arguments);
  }

  private static String mvn(Path directory, boolean succeeds, String... arguments) throws Exception {
    List<String> command = new ArrayList<>(List.of(
        Path.of(System.getProperty("opstub.maven.home"), "bin", "mvn").toString(), "-B",
        "-s", settings.toString(), "-Dmaven.repo.local=" + System.getProperty("opstub.consumer.repo")));
    command.addAll(List.of(arguments));
    Path log = directory.resolve("mvn-" + System.nanoTime() + ".log");
    Process maven = new ProcessBuilder(command).directory(directory.toFile())
        .redirectErrorStream(true).redirectOutput(log.toFile()).start();
    assertThat(maven.waitFor(5, TimeUnit.MINUTES)).as("mvn %s within 5 minutes", arguments).isTrue();
    String output = Files.readString(log);
    assertThat(maven.exitValue() == 0).as("mvn %s succeeds:\n%s", String.join(" ", arguments), output).isEqualTo(succeeds);
    return output;
  }
}
