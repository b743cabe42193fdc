package dev.opstub.internal.importer;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.networknt.schema.JsonSchema;
import com.networknt.schema.JsonSchemaFactory;
import com.networknt.schema.SpecVersion;
import dev.opstub.internal.validate.MappingValidator;
import dev.opstub.testing.ImportedSpecs;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The command: what it writes from the fixture specs, the table it prints, reruns, and its arguments. */
class ImportCommandTest {
  private static final ObjectMapper JSON = new ObjectMapper();

  @TempDir
  Path root;

  @Test
  void theFixtureSpecsBecomeMappingsThatPassTheValidator() throws IOException {
    ImportedSpecs.importInto(root, ImportedSpecs.ALL.toArray(Path[]::new));

    assertThat(MappingValidator.validate(List.of(root))).isEmpty();
    assertThat(files(root).keySet()).contains(
        "documentintelligence/document-models-analyze-document.json",
        "documentintelligence/document-models-analyze-document-opstub-invalid-content-fails.json",
        "documentintelligence/monitor-document-models-get-analyze-result.json",
        "resources/resource-groups-delete.json", "resources/deployments-create-or-update-get.json",
        "grafana/grafana-create.json", "opstub-arm/operation-statuses.json", "opstub-arm/operation-results.json");
  }

  @Test
  void theGeneratedMappingsFollowThePublishedSchema() throws IOException {
    ImportedSpecs.importInto(root, ImportedSpecs.ALL.toArray(Path[]::new));
    JsonSchema schema = JsonSchemaFactory.getInstance(SpecVersion.VersionFlag.V202012)
        .getSchema(JSON.readTree(Path.of("schema/opstub-mapping.schema.json").toFile()));

    for (String file : files(root).keySet()) {
      assertThat(schema.validate(mapping(file))).as(file).isEmpty();
    }
  }

  @Test
  void theResourceGroupDeleteEndsWithTheTwoHundredItDeclaresAndTheAnalyzeMonitorHasTheServicesShape() throws IOException {
    ImportedSpecs.importInto(root, ImportedSpecs.ALL.toArray(Path[]::new));

    JsonNode delete = mapping("resources/resource-groups-delete.json").path("response").path("transformerParameters");
    assertThat(delete.path("pattern").asText()).isEqualTo("location");
    assertThat(delete.path("startStatus").asInt()).isEqualTo(202);
    assertThat(delete.path("finalStatus").asInt()).isEqualTo(200);
    JsonNode analyze = mapping("documentintelligence/document-models-analyze-document.json");
    assertThat(analyze.path("request").path("urlPathPattern").asText())
        .isEqualTo("/documentintelligence/documentModels/[^/:]+:analyze");
    JsonNode parameters = analyze.path("response").path("transformerParameters");
    assertThat(parameters.path("monitorPath").asText())
        .isEqualTo("/documentintelligence/documentModels/{modelId}/analyzeResults/{id}");
    assertThat(parameters.path("startPath").asText()).isEqualTo("/documentintelligence/documentModels/{modelId}:analyze");
    assertThat(parameters.path("statuses").fieldNames()).toIterable()
        .containsExactly("notStarted", "running", "failed", "succeeded", "canceled", "skipped");
    assertThat(parameters.path("timeline").asText()).isEqualTo("notStarted, running, succeeded");
    assertThat(parameters.path("result").path("content").asText()).isEqualTo("Invoice INV-100 Total 42.00");
    JsonNode fails = mapping("documentintelligence/document-models-analyze-document-opstub-invalid-content-fails.json")
        .path("response").path("transformerParameters");
    assertThat(fails.path("timeline").asText()).isEqualTo("running, failed(InvalidRequest: Invalid request.)");
    assertThat(fails.path("error").path("innererror").path("code").asText()).isEqualTo("InvalidContent");
  }

  @Test
  void theTwoOverloadsOfOnePathAreToldApartByTheirContentType() throws IOException {
    ImportedSpecs.importInto(root, ImportedSpecs.DOCUMENT_INTELLIGENCE);

    assertThat(mapping("documentintelligence/document-models-analyze-document.json").path("request").path("headers")
        .path("Content-Type").has("matches")).isTrue();
    assertThat(mapping("documentintelligence/document-models-analyze-document-from-stream.json").path("request")
        .path("headers").path("Content-Type").has("doesNotMatch")).isTrue();
  }

  @Test
  void theTablePrintsOneRowPerLongRunningOperationWithItsCallPatternMonitorAndTimeline() {
    ImportedSpecs.Run run = ImportedSpecs.importInto(root, ImportedSpecs.RESOURCES);

    assertThat(run.out()).contains("resources.json (ResourceManagementClient (OpStub fixture) 2025-04-01): "
        + "4 long-running operations stubbed of 7 operations");
    assertThat(run.out().lines().filter(l -> l.contains("ResourceGroups_Delete")).findFirst().orElseThrow())
        .contains("DELETE /subscriptions/{subscriptionId}/resourcegroups/{resourceGroupName}", "location", "202, then 200",
            "Deleting, Succeeded", "{resourceGroupName} = opstub-fails");
  }

  @Test
  void aRerunWritesTheSameBytesReplacesOnlyWhatTheImporterWroteAndKeepsTheUsersFiles() throws IOException {
    ImportedSpecs.importInto(root, ImportedSpecs.ALL.toArray(Path[]::new));
    Map<String, String> first = files(root);
    Path mine = root.resolve("mappings/resources/my-own.json");
    Files.writeString(mine, "{\"request\": {\"method\": \"GET\", \"urlPath\": \"/mine\"}, \"response\": {\"status\": 200}}");
    Path stale = root.resolve("mappings/resources/renamed-since.json");
    Files.copy(root.resolve("mappings/resources/resource-groups-delete.json"), stale);

    ImportedSpecs.Run again = ImportedSpecs.importInto(root, ImportedSpecs.ALL.toArray(Path[]::new));

    Map<String, String> second = files(root);
    second.remove("resources/my-own.json");
    assertThat(second).isEqualTo(first);
    assertThat(mine).exists();
    assertThat(stale).doesNotExist();
    assertThat(again.out()).contains("1 earlier ones removed");
  }

  @Test
  void aFileOfTheUsersWithAGeneratedFilesNameIsKept() throws IOException {
    Path mine = root.resolve("mappings/resources/resource-groups-delete.json");
    Files.createDirectories(mine.getParent());
    Files.writeString(mine, "{\"request\": {\"method\": \"GET\", \"urlPath\": \"/mine\"}, \"response\": {\"status\": 200}}");

    ImportedSpecs.Run run = ImportedSpecs.importInto(root, ImportedSpecs.RESOURCES);

    assertThat(Files.readString(mine)).contains("/mine");
    assertThat(run.out()).contains("kept your resources/resource-groups-delete.json");
  }

  @Test
  void aTimelineGivenForAnOperationReplacesItsDefault() throws IOException {
    ImportedSpecs.Run run = ImportedSpecs.run(List.of("--out", root.toString(), "--timeline",
        "ResourceGroups_Delete=Deleting x3, Succeeded", ImportedSpecs.RESOURCES.toString()));

    assertThat(run.status()).as(run.err()).isZero();
    assertThat(mapping("resources/resource-groups-delete.json").path("response").path("transformerParameters")
        .path("timeline").asText()).isEqualTo("Deleting x3, Succeeded");
  }

  @Test
  void aTimelineTheValidatorRefusesWritesNothingAndSaysWhy() {
    ImportedSpecs.Run run = ImportedSpecs.run(List.of("--out", root.toString(), "--timeline",
        "DocumentModels_BuildModel=running, completed", ImportedSpecs.DOCUMENT_INTELLIGENCE.toString()));

    assertThat(run.status()).isEqualTo(1);
    assertThat(run.err()).contains("document-models-build-model.json", "/response/transformerParameters/timeline",
        "nothing was written");
    assertThat(root.resolve("mappings")).doesNotExist();
  }

  @Test
  void wrongArgumentsExitTwoWithTheUsage() {
    assertThat(ImportedSpecs.run(List.of(ImportedSpecs.RESOURCES.toString())).err()).contains("--out <root> is missing",
        "Usage: java -cp");
    assertThat(ImportedSpecs.run(List.of("--out", root.toString())).status()).isEqualTo(2);
    ImportedSpecs.Run unknown = ImportedSpecs.run(List.of("--out", root.toString(), "--timeline", "Nope_Nope=Running, Succeeded",
        ImportedSpecs.RESOURCES.toString()));
    assertThat(unknown.status()).isEqualTo(2);
    assertThat(unknown.err()).contains("--timeline names Nope_Nope, which is no long-running operation of the specs; "
        + "they have: Deployments_CreateOrUpdate, ResourceGroups_Delete, ResourceGroups_ExportTemplate, Resources_DeleteById");
    assertThat(ImportedSpecs.run(List.of("--help")).out()).contains("--timeline <OperationId>=<timeline>");
  }

  private JsonNode mapping(String file) throws IOException {
    return JSON.readTree(root.resolve("mappings").resolve(file).toFile());
  }

  /** Every file under mappings/, by its path there, with its text. */
  static Map<String, String> files(Path root) throws IOException {
    Map<String, String> files = new TreeMap<>();
    Path mappings = root.resolve("mappings");
    try (Stream<Path> walk = Files.walk(mappings)) {
      for (Path file : walk.filter(Files::isRegularFile).toList()) {
        files.put(mappings.relativize(file).toString().replace('\\', '/'), Files.readString(file));
      }
    }
    return files;
  }
}
