package dev.opstub.standalone;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * docs/import.md's {@code java -cp "target/standalone/*" dev.opstub.Import ...}, in a JVM of its
 * own on what {@code mvn package} built: it writes mappings the standalone {@code dev.opstub.Validate}
 * finds clean, and refuses a bad spec with exit 1 and no stack trace.
 */
class ImportCommandIT {
  private static final Path ROOT = StandaloneServer.repositoryRoot();
  private static final Duration TIMEOUT = Duration.ofSeconds(120);
  private static final String COMMAND = "java -cp \"target/standalone/*\" dev.opstub.Import ";

  @TempDir
  Path out;

  /** The arguments of the page's import command, with {@code --out} in a folder of the test's. */
  private List<String> documentedArguments() {
    String line = Docs.page("docs/import.md").stream().filter(l -> l.contains(COMMAND + "--out imported")).findFirst()
        .orElseThrow(() -> new AssertionError("docs/import.md has no `" + COMMAND + "--out imported ...` line"));
    List<String> args = new ArrayList<>(Arrays.asList(line.substring(line.indexOf(COMMAND) + COMMAND.length()).split(" ")));
    args.set(args.indexOf("imported"), out.toString());
    return args;
  }

  @Test
  void theDocumentedImportWritesMappingsTheValidatorFindsClean() {
    ChildJvm.Result imported = ChildJvm.run(ROOT, TIMEOUT, "dev.opstub.Import", documentedArguments());

    assertThat(imported.exitCode()).as(imported.output()).isZero();
    assertThat(imported.stdout()).contains("DocumentModels_AnalyzeDocument", "ResourceGroups_Delete", "202, then 200");
    assertThat(out.resolve("mappings/documentintelligence/document-models-analyze-document.json")).exists();
    ChildJvm.Result validated = ChildJvm.run(ROOT, TIMEOUT, "dev.opstub.Validate", List.of(out.toString()));
    assertThat(validated.exitCode()).as(validated.output()).isZero();
  }

  @Test
  void aBadSpecExitsOneWithTheFileAndNoStackTrace() throws IOException {
    Path spec = Files.writeString(out.resolve("v3.json"), "{\"openapi\": \"3.0.1\", \"paths\": {}}");

    ChildJvm.Result result = ChildJvm.run(ROOT, TIMEOUT, "dev.opstub.Import", List.of("--out",
        out.resolve("written").toString(), spec.toString()));

    assertThat(result.exitCode()).as(result.output()).isEqualTo(1);
    assertThat(result.stderr()).contains("v3.json: /openapi: is OpenAPI 3.0.1").doesNotContain("Exception", "\tat ");
    assertThat(out.resolve("written")).doesNotExist();
  }
}
