package dev.opstub.internal.validate;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.OutputStream;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import java.util.zip.ZipEntry;
import java.util.zip.ZipOutputStream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The command line ({@code dev.opstub.Validate}) in-process, and the sources it reads. */
class MappingValidatorTest {
  private final ByteArrayOutputStream out = new ByteArrayOutputStream();
  private final ByteArrayOutputStream err = new ByteArrayOutputStream();

  private int run(String... args) {
    return MappingValidator.run(List.of(args), new PrintStream(out, true, StandardCharsets.UTF_8),
        new PrintStream(err, true, StandardCharsets.UTF_8));
  }

  private String out() {
    return out.toString(StandardCharsets.UTF_8);
  }

  private String err() {
    return err.toString(StandardCharsets.UTF_8);
  }

  @Test
  void aCleanSetExitsZeroWithOneSummaryLine() {
    assertThat(run(".")).isEqualTo(0);

    assertThat(out().lines()).singleElement().asString().startsWith("OK: ").contains(" mappings in ", "1 source",
        "no problems");
    assertThat(err()).isEmpty();
  }

  @Test
  void problemsArePrintedOneALineAndExitOne() {
    Path broken = BrokenMappingsTest.CORPUS.resolve("several-broken-files");

    assertThat(run(broken.toString())).isEqualTo(1);

    assertThat(out().lines()).hasSize(3).allSatisfy(line -> assertThat(line).startsWith(broken + "/mappings/"))
        .anySatisfy(line -> assertThat(line).isEqualTo(broken + "/mappings/b.json: /response/transformers/0: "
            + "unknown OpStub transformer \"opstub-media-operations\" (did you mean \"opstub-media-operation\"?); "
            + "allowed: opstub-azure-location, opstub-azure-monitor, opstub-azure-resource, opstub-azure-start, "
            + "opstub-face-operation, "
            + "opstub-face-snapshots, opstub-google-operation, opstub-google-operations, opstub-google-start, opstub-media-action, opstub-media-operation"));
    assertThat(err()).isEqualTo("3 problems in 2 mappings in 3 files of 1 source\n");
  }

  @Test
  void helpPrintsTheUsageAndExitsZero() {
    assertThat(run("--help")).isEqualTo(0);

    assertThat(out()).isEqualTo(MappingValidator.USAGE).contains("Usage: java -cp \"target/standalone/*\" dev.opstub.Validate");
  }

  @Test
  void wrongArgumentsExitTwoWithTheUsage() {
    assertThat(run()).isEqualTo(2);
    assertThat(err()).contains("name at least one mapping source", "Usage:");

    err.reset();
    assertThat(run("--strict", ".")).isEqualTo(2);
    assertThat(err()).contains("unknown option --strict", "Usage:");

    err.reset();
    assertThat(run("no/such/folder")).isEqualTo(2);
    assertThat(err()).contains("no/such/folder does not exist", "Usage:");
    assertThat(out()).isEmpty();
  }

  @Test
  void aTimelineOfMoreThanTheDocumentedStepsIsAProblemOfItsMapping(@TempDir Path dir) throws IOException {
    Path mappings = Files.createDirectories(dir.resolve("mappings"));
    Files.writeString(mappings.resolve("long.json"), "{\"request\": {\"method\": \"GET\", \"urlPathPattern\": "
        + "\"/face/v1.0-preview/operations/.*\"}, \"response\": {\"transformers\": [\"opstub-face-operation\"], "
        + "\"transformerParameters\": {\"timeline\": \"" + "running, ".repeat(1000) + "succeeded\"}}}");

    assertThat(run(dir.toString())).isEqualTo(1);

    assertThat(out()).startsWith(mappings.resolve("long.json") + ": /response/transformerParameters/timeline: ")
        .contains("a timeline may have at most 1000 steps");
  }

  @Test
  void aJarIsReadAtItsPrefixOrAtEveryFolderHoldingMappings(@TempDir Path dir) throws IOException {
    Path jar = dir.resolve("team-c-mappings.jar");
    writeJar(jar, Map.of(
        "team-c/mappings/face/ok.json", "{\"request\": {\"method\": \"GET\", \"url\": \"/ok\"}, \"response\": {\"status\": 200}}",
        "team-c/mappings/face/bad.json", "{\"request\": {\"method\": \"GET\", \"url\": \"/bad\"}, \"response\": {"
            + "\"transformers\": [\"opstub-face-operation\"], \"transformerParameters\": {\"timeline\": \"runing\"}}}"));

    List<Problem> atPrefix = MappingValidator.validateSources(List.of(MappingSource.jar(jar, "team-c")));
    assertThat(atPrefix).singleElement().satisfies(p -> {
      assertThat(p.file()).isEqualTo(jar + "!/team-c/mappings/face/bad.json");
      assertThat(p.pointer()).isEqualTo("/response/transformerParameters/timeline");
      assertThat(p.message()).contains("unknown status 'runing' for the Face API");
    });

    assertThat(run(jar.toString())).isEqualTo(1);
    assertThat(out()).startsWith(jar + "!/team-c/mappings/face/bad.json: /response/transformerParameters/timeline: ");
  }

  @Test
  void aClasspathPrefixIsReadWhereWireMockWouldFindIt() {
    assertThat(MappingSource.classpath("mapping-sets/team-b").toString()).endsWith("mapping-sets/team-b");

    assertThat(run("classpath:mapping-sets/team-b")).isEqualTo(0);
    assertThat(out()).startsWith("OK: 2 mappings in 2 files of 1 source");

    err.reset();
    assertThat(run("classpath:no-such-set")).isEqualTo(2);
    assertThat(err()).contains("nothing on the classpath holds no-such-set/mappings/");
  }

  @Test
  void aMappingFileHoldingSeveralMappingsIsCheckedMappingByMapping() {
    List<Problem> problems = MappingValidator.validate(List.of(BrokenMappingsTest.CORPUS.resolve("bad-mapping-in-a-collection")));

    assertThat(problems).singleElement().extracting(Problem::pointer)
        .isEqualTo("/mappings/1/response/transformerParameters/timeline");
  }

  private static void writeJar(Path jar, Map<String, String> entries) throws IOException {
    try (OutputStream file = Files.newOutputStream(jar); ZipOutputStream zip = new ZipOutputStream(file)) {
      for (Map.Entry<String, String> entry : entries.entrySet()) {
        zip.putNextEntry(new ZipEntry(entry.getKey()));
        zip.write(entry.getValue().getBytes(StandardCharsets.UTF_8));
        zip.closeEntry();
      }
    }
  }
}
