package dev.opstub.standalone;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.jar.JarEntry;
import java.util.jar.JarOutputStream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * What a user sees when the standalone server cannot start because of OpStub: one paragraph on
 * standard error naming the file, the field and what is allowed, every value as it was typed, and
 * exit status 1; the stack trace only with {@code -Dopstub.stackTrace=true}. On the real jar, in a
 * JVM of its own, as the README's run command starts it.
 */
class StartupErrorsIT {
  private static final Path TYPO = StandaloneServer.repositoryRoot()
      .resolve("src/test/resources/broken-mappings/timeline-status-typo");
  private static final List<String> ARGS = List.of("--root-dir", ".", "--port", "0", "--bind-address", "127.0.0.1");

  private static ChildJvm.Result start(Path root, String... jvmOptions) {
    ChildJvm.Result result = ChildJvm.run(root, Duration.ofSeconds(90), List.of(jvmOptions), StandaloneServer.classpath(),
        "wiremock.Run", ARGS);
    assertThat(result.timedOut()).as("the server went on running:\n%s", result.output()).isFalse();
    assertThat(result.stdout()).as("it never started serving").doesNotContain("port:");
    return result;
  }

  @Test
  void aTimelineTypoStopsTheServerWithOneParagraphNamingTheFileTheFieldAndTheStatusesAllowed() {
    ChildJvm.Result result = start(TYPO);

    assertThat(result.exitCode()).isEqualTo(1);
    assertThat(result.stderr()).isEqualTo("""
        OpStub: the server cannot start: 1 problem in 1 mapping file (all of them, one a line):
        ./mappings/face/typo.json: /response/transformerParameters/timeline: bad timeline "running x2, runing, \
        succeeded" at column 13: unknown status 'runing' for the Face API; expected one of notStarted, running, \
        succeeded, failed
        Fix it and start again (dev.opstub.Validate checks a mapping set without starting a server: see docs/sharing.md).
        (For the stack trace, start java with -Dopstub.stackTrace=true.)
        """);
    assertThat(String.join("\n", Docs.page("docs/standalone.md"))).as("docs/standalone.md shows it as printed")
        .contains(result.stderr().strip());
  }

  @Test
  void aTimelineTypoInAMappingsJarOnTheClasspathIsOneParagraphToo(@TempDir Path dir) throws IOException {
    Path jar = dir.resolve("team-mappings.jar");
    try (JarOutputStream out = new JarOutputStream(Files.newOutputStream(jar))) {
      for (String folder : List.of("team/", "team/mappings/", "team/mappings/face/")) {
        out.putNextEntry(new JarEntry(folder)); // WireMock finds a classpath root by its folder entries
        out.closeEntry();
      }
      out.putNextEntry(new JarEntry("team/mappings/face/typo.json"));
      out.write(Files.readAllBytes(TYPO.resolve("mappings/face/typo.json")));
      out.closeEntry();
    }
    List<String> classpath = new ArrayList<>(StandaloneServer.classpath());
    classpath.add(jar.toString());

    ChildJvm.Result result = ChildJvm.run(dir, Duration.ofSeconds(60), List.of(), classpath, "wiremock.Run",
        List.of("--load-resources-from-classpath", "team", "--port", "0", "--bind-address", "127.0.0.1"));

    assertThat(result.timedOut()).as("the server went on running:\n%s", result.output()).isFalse();
    assertThat(result.exitCode()).isEqualTo(1);
    assertThat(result.stderr()).startsWith("OpStub: the server cannot start: 1 problem in 1 mapping file")
        .contains("team-mappings.jar!/team/mappings/face/typo.json: /response/transformerParameters/timeline: "
            + "bad timeline \"running x2, runing, succeeded\" at column 13")
        .doesNotContain("Exception", "\tat ");
  }

  @Test
  void theStackTraceFollowsTheParagraphWhenAskedFor() {
    ChildJvm.Result result = start(TYPO, "-Dopstub.stackTrace=true");

    assertThat(result.exitCode()).isEqualTo(1);
    assertThat(result.stderr()).startsWith("OpStub: the server cannot start: 1 problem in 1 mapping file")
        .contains("com.github.tomakehurst.wiremock.standalone.MappingFileException", "\tat dev.opstub.")
        .doesNotContain("-Dopstub.stackTrace=true.)");
  }

  @Test
  void aMistypedStoreIsEchoedAsTypedWithTheUrlMeant() {
    ChildJvm.Result result = start(StandaloneServer.repositoryRoot(), "-Dopstub.store=redis:/127.0.0.1:18090");

    assertThat(result.exitCode()).isEqualTo(1);
    assertThat(result.stderr()).isEqualTo("OpStub: the server cannot start: -Dopstub.store=redis:/127.0.0.1:18090 is "
        + "not allowed (did you mean redis://127.0.0.1:18090?): give redis://host:port[/db] or rediss://host:port[/db] "
        + "(a password as redis://:password@host:port), or leave it unset to keep the state in memory\n"
        + "(For the stack trace, start java with -Dopstub.stackTrace=true.)\n");
  }

  @Test
  void aStoreFromTheEnvironmentIsEchoedAsTheVariableItCameFrom() {
    ChildJvm.Result result = ChildJvm.run(StandaloneServer.repositoryRoot(), Duration.ofSeconds(90), List.of(),
        Map.of("OPSTUB_STORE", "localhost:6379"), StandaloneServer.classpath(), "wiremock.Run", ARGS);

    assertThat(result.timedOut()).as("the server went on running:\n%s", result.output()).isFalse();
    assertThat(result.exitCode()).isEqualTo(1);
    assertThat(result.stderr()).startsWith("OpStub: the server cannot start: OPSTUB_STORE=localhost:6379 is not allowed: "
        + "give redis://host:port[/db]").doesNotContain("ServiceConfigurationError");
  }

  @Test
  void aStoresPasswordIsNeverEchoed() {
    ChildJvm.Result result = start(StandaloneServer.repositoryRoot(), "-Dopstub.store=redis//:s3cret@127.0.0.1:18090");

    assertThat(result.exitCode()).isEqualTo(1);
    assertThat(result.stderr()).startsWith("OpStub: the server cannot start: -Dopstub.store=redis//***@127.0.0.1:18090 "
        + "is not allowed").doesNotContain("s3cret", "Exception");
  }

  @Test
  void aBadCapacityIsOneParagraphToo() {
    ChildJvm.Result result = start(StandaloneServer.repositoryRoot(), "-Dopstub.capacity=lots");

    assertThat(result.exitCode()).isEqualTo(1);
    assertThat(result.stderr()).startsWith("OpStub: the server cannot start: -Dopstub.capacity=lots is not allowed: "
        + "give a whole number of live operations").doesNotContain("Exception", "\tat ");
  }
}
