package dev.opstub.internal.importer;

import static org.assertj.core.api.Assertions.assertThat;

import dev.opstub.testing.ImportedSpecs;
import java.io.IOException;
import java.io.RandomAccessFile;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Specs the importer cannot stub faithfully: a clear message naming the file, the JSON pointer and
 * the operation, exit 1, nothing written, never a stack trace.
 */
class ImportBadSpecsTest {
  @TempDir
  Path folder;

  private static String spec(String responses, String extra) {
    return """
        {
          "swagger": "2.0",
          "info": {"title": "Bad", "version": "2025-01-01"},
          "host": "management.azure.com",
          "paths": {
            "/subscriptions/{subscriptionId}/resourcegroups/{resourceGroupName}": {
              "delete": {
                "operationId": "ResourceGroups_Delete",
                "parameters": [{"$ref": "../common-types/resource-management/v9/types.json#/parameters/SubscriptionIdParameter"}],
                "responses": %s,
                "x-ms-long-running-operation": true%s
              }
            }
          }
        }
        """.formatted(responses, extra);
  }

  private ImportedSpecs.Run importing(String name, String text) throws IOException {
    Path spec = folder.resolve("specs").resolve(name);
    Files.createDirectories(spec.getParent());
    Files.writeString(spec, text);
    return ImportedSpecs.run(List.of("--out", folder.resolve("out").toString(), spec.toString()));
  }

  private void refusedWithoutAStackTrace(ImportedSpecs.Run run) {
    assertThat(run.status()).isEqualTo(1);
    assertThat(run.err()).contains("nothing was written").doesNotContain("Exception", "\tat ");
    assertThat(folder.resolve("out")).doesNotExist();
  }

  @Test
  void aMissingRefOfTheStartAnswerNamesTheOperationThePointerAndTheFile() throws IOException {
    ImportedSpecs.Run run = importing("bad.json", spec("""
        {"200": {"description": "OK"}, "202": {"$ref": "../common-types/resource-management/v9/types.json#/responses/Accepted"}}
        """, ""));

    refusedWithoutAStackTrace(run);
    assertThat(run.err()).contains("bad.json: /paths/~1subscriptions~1{subscriptionId}~1resourcegroups~1{resourceGroupName}"
        + "/delete/responses/202: operation ResourceGroups_Delete: $ref ../common-types/resource-management/v9/types.json"
        + "#/responses/Accepted: ../common-types/resource-management/v9/types.json does not exist");
  }

  @Test
  void aMissingRefTheImporterCanDoWithoutIsANoteAndTheMappingsAreWritten() throws IOException {
    ImportedSpecs.Run run = importing("noted.json", spec("{\"200\": {\"description\": \"OK\"}, \"202\": {\"description\": "
        + "\"Accepted\"}}", ""));

    assertThat(run.status()).as(run.err()).isZero();
    assertThat(run.out()).contains("note: ", "/parameters/0: operation ResourceGroups_Delete: $ref ../common-types/"
        + "resource-management/v9/types.json#/parameters/SubscriptionIdParameter: ../common-types/resource-management/"
        + "v9/types.json does not exist; read without it");
    assertThat(folder.resolve("out/mappings/noted/resource-groups-delete.json")).exists();
  }

  @Test
  void anUnknownFinalStateViaNamesTheAllowedValues() throws IOException {
    ImportedSpecs.Run run = importing("via.json", spec("{\"202\": {\"description\": \"Accepted\"}}",
        ",\n\"x-ms-long-running-operation-options\": {\"final-state-via\": \"last-poll\"}"));

    refusedWithoutAStackTrace(run);
    assertThat(run.err()).contains("/delete/x-ms-long-running-operation-options/final-state-via: operation "
        + "ResourceGroups_Delete: is \"last-poll\"; allowed: azure-async-operation, location, original-uri, operation-location");
  }

  @Test
  void aLongRunningOperationWithoutATwoHundredIsRefused() throws IOException {
    ImportedSpecs.Run run = importing("no2xx.json", spec("{\"default\": {\"description\": \"Error\"}, \"404\": "
        + "{\"description\": \"Not Found\"}}", ""));

    refusedWithoutAStackTrace(run);
    assertThat(run.err()).contains("/delete/responses: operation ResourceGroups_Delete: declares no 2xx answer ([404]); "
        + "a long-running operation starts with 200, 201 or 202");
  }

  @Test
  void yamlIsRefusedAsYaml() throws IOException {
    ImportedSpecs.Run run = importing("spec.yaml", "swagger: \"2.0\"\ninfo:\n  title: Bad\n  version: \"1\"\npaths: {}\n");

    refusedWithoutAStackTrace(run);
    assertThat(run.err()).contains("spec.yaml: (the file): is YAML; the importer reads OpenAPI 2.0 in JSON");
  }

  @Test
  void openApiThreeIsRefusedNamingItsVersion() throws IOException {
    ImportedSpecs.Run run = importing("v3.json", "{\"openapi\": \"3.0.1\", \"info\": {\"title\": \"t\", \"version\": \"1\"}, "
        + "\"paths\": {}}");

    refusedWithoutAStackTrace(run);
    assertThat(run.err()).contains("v3.json: /openapi: is OpenAPI 3.0.1; the importer reads OpenAPI 2.0");
  }

  @Test
  void brokenJsonNamesTheLineAndColumn() throws IOException {
    ImportedSpecs.Run run = importing("broken.json", "{\n  \"swagger\": \"2.0\",\n  \"paths\": {,}\n}\n");

    refusedWithoutAStackTrace(run);
    assertThat(run.err()).contains("broken.json: (the file): is not valid JSON: ", "(line 3, column");
  }

  @Test
  void aFiftyMegabyteFileIsRefusedBeforeItIsRead() throws IOException {
    Path spec = folder.resolve("specs/huge.json");
    Files.createDirectories(spec.getParent());
    try (RandomAccessFile file = new RandomAccessFile(spec.toFile(), "rw")) {
      file.setLength(50_000_000L); // sparse: the size is what is checked
    }

    ImportedSpecs.Run run = ImportedSpecs.run(List.of("--out", folder.resolve("out").toString(), spec.toString()));

    refusedWithoutAStackTrace(run);
    assertThat(run.err()).contains("huge.json: (the file): is 50.0 MB; the importer reads files up to 16 MB");
  }

  @Test
  void aSpecThatDoesNotExistIsNamed() {
    ImportedSpecs.Run run = ImportedSpecs.run(List.of("--out", folder.resolve("out").toString(),
        folder.resolve("nowhere.json").toString()));

    refusedWithoutAStackTrace(run);
    assertThat(run.err()).contains("nowhere.json: (the file): does not exist");
  }

  @Test
  void aStatusEnumWithoutRunningOrFailedWordsOrWithWordsNoTimelineNamesStillImports() throws IOException {
    Path specs = folder.resolve("di");
    Path original = ImportedSpecs.DOCUMENT_INTELLIGENCE.getParent();
    try (var files = Files.walk(original)) {
      for (Path file : files.filter(Files::isRegularFile).toList()) {
        Path copy = specs.resolve(original.relativize(file).toString());
        Files.createDirectories(copy.getParent());
        Files.copy(file, copy);
      }
    }
    Path spec = specs.resolve(ImportedSpecs.DOCUMENT_INTELLIGENCE.getFileName().toString());
    String text = Files.readString(spec);
    String enumeration = "\"notStarted\",\n        \"running\",\n        \"failed\",\n        \"succeeded\",\n        "
        + "\"canceled\",\n        \"skipped\"";
    assertThat(text).contains(enumeration);
    Files.writeString(spec, text.replace(enumeration, "\"Not_Started\", \"succeeded\", \"Succeeded\", \"canceled\""));

    ImportedSpecs.Run run = ImportedSpecs.run(List.of("--out", folder.resolve("out").toString(), spec.toString()));

    assertThat(run.status()).as(run.err()).isZero();
    assertThat(run.out()).contains("the status \"Not_Started\" is left out of statuses",
        "the status \"Succeeded\" is left out of statuses", "\"Running\" is declared for the generated timelines",
        "\"Failed\" is declared for the generated timelines");
    try (var written = Files.walk(folder.resolve("out/mappings"))) {
      String all = String.join("\n", written.filter(Files::isRegularFile).map(file -> {
        try {
          return Files.readString(file);
        } catch (IOException e) {
          throw new java.io.UncheckedIOException(e);
        }
      }).toList());
      assertThat(all).contains("\"Running\": \"running\"", "\"Failed\": \"failed\"").doesNotContain("Not_Started");
    }
  }
}
