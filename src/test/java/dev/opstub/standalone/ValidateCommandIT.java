package dev.opstub.standalone;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;

/**
 * The README's {@code java -cp "target/standalone/*" dev.opstub.Validate <root-dir>...}, in a JVM
 * of its own, on what {@code mvn package} built.
 */
class ValidateCommandIT {
  private static final Path ROOT = StandaloneServer.repositoryRoot();
  private static final Duration TIMEOUT = Duration.ofSeconds(60);

  private static ChildJvm.Result validate(String... args) {
    return ChildJvm.run(ROOT, TIMEOUT, "dev.opstub.Validate", List.of(args));
  }

  @Test
  void theRepositorysMappingsAreCleanExitZeroWithASummary() {
    ChildJvm.Result result = validate(".");

    assertThat(result.exitCode()).as(result.output()).isEqualTo(0);
    assertThat(result.stdout()).startsWith("OK: ").contains("no problems");
  }

  @Test
  void aBrokenSetPrintsOneLinePerProblemAndExitsOne() {
    ChildJvm.Result result = validate("src/test/resources/broken-mappings/several-problems-in-one-mapping");

    assertThat(result.exitCode()).as(result.output()).isEqualTo(1);
    assertThat(result.stdout().lines()).hasSize(5).allSatisfy(line -> assertThat(line)
        .startsWith("src/test/resources/broken-mappings/several-problems-in-one-mapping/mappings/face/everything.json: /"))
        .anySatisfy(line -> assertThat(line).endsWith(": /response/transformerParameters/timeline: bad timeline "
            + "\"running x0\" at column 10: a count must be at least 1 (x1, x2, ...); x0 would be a step that never happens"));
    assertThat(result.stderr()).isEqualTo("5 problems in 1 mapping in 1 file of 1 source\n");
  }

  @Test
  void twoSetsThatClashAreReportedNamingBothFiles() {
    String dir = "src/test/resources/broken-mappings/two-sets-that-clash/";
    ChildJvm.Result result = validate(dir + "a-shipped", dir + "b-team");

    assertThat(result.exitCode()).as(result.output()).isEqualTo(1);
    assertThat(result.stdout()).contains(dir + "b-team/mappings/face/slow-too.json: /request/urlPathPattern: operation id "
        + "0c0c0c0c-0000-4000-8000-000000000001 (face) is also claimed by " + dir + "a-shipped/mappings/face/slow.json");
  }

  @Test
  void thePublishedMappingsJarIsClean() throws IOException {
    Path jar = mappingsJar();
    ChildJvm.Result result = validate(jar + "!/opstub");

    assertThat(result.exitCode()).as(result.output()).isEqualTo(0);
    assertThat(result.stdout()).startsWith("OK: ");
  }

  @Test
  void noArgumentsIsAUsageErrorAndHelpPrintsTheUsage() {
    ChildJvm.Result none = validate();
    ChildJvm.Result help = validate("--help");

    assertThat(none.exitCode()).isEqualTo(2);
    assertThat(none.stderr()).contains("name at least one mapping source", "Usage: java -cp \"target/standalone/*\" dev.opstub.Validate");
    assertThat(help.exitCode()).isEqualTo(0);
    assertThat(help.stdout()).contains("Usage:", "Exit status: 0 no problems");
  }

  /** {@code target/opstub-<version>-mappings.jar}. */
  static Path mappingsJar() throws IOException {
    try (Stream<Path> files = Files.list(ROOT.resolve("target"))) {
      return files.filter(p -> p.getFileName().toString().matches("opstub-.*-mappings\\.jar")).findFirst()
          .orElseThrow(() -> new IllegalStateException("target/opstub-<version>-mappings.jar is missing: run mvn package"));
    }
  }
}
