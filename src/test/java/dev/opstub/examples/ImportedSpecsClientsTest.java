package dev.opstub.examples;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.azure.ai.documentintelligence.DocumentIntelligenceClient;
import com.azure.ai.documentintelligence.models.AnalyzeDocumentOptions;
import com.azure.ai.documentintelligence.models.AnalyzeOperationDetails;
import com.azure.ai.documentintelligence.models.AnalyzeResult;
import com.azure.ai.documentintelligence.models.BuildDocumentModelOptions;
import com.azure.ai.documentintelligence.models.ClassifyDocumentOptions;
import com.azure.ai.documentintelligence.models.DocumentBuildMode;
import com.azure.ai.documentintelligence.models.DocumentModelDetails;
import com.azure.core.management.exception.ManagementException;
import com.azure.core.util.polling.LongRunningOperationStatus;
import com.azure.core.util.polling.PollResponse;
import com.azure.resourcemanager.resources.ResourceManager;
import com.azure.resourcemanager.resources.fluent.models.DeploymentExtendedInner;
import com.azure.resourcemanager.resources.fluent.models.DeploymentInner;
import com.azure.resourcemanager.resources.models.DeploymentMode;
import com.azure.resourcemanager.resources.models.DeploymentProperties;
import com.github.tomakehurst.wiremock.WireMockServer;
import com.github.tomakehurst.wiremock.stubbing.ServeEvent;
import dev.opstub.testing.AzureClients;
import dev.opstub.testing.ImportedSpecs;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The fixture specs imported, then the real clients against a server of the imported mappings
 * alone (no shipped mapping): Document Intelligence 1.0.5 analyze, classify and build, ARM
 * resources 2.53.0 group delete and deployment create, each as its spec declares it.
 */
class ImportedSpecsClientsTest {
  @TempDir
  static Path root;

  private static WireMockServer server;

  @BeforeAll
  static void importAndServe() {
    ImportedSpecs.importInto(root, ImportedSpecs.ALL.toArray(Path[]::new));
    server = ImportedSpecs.serve(root);
  }

  @AfterAll
  static void stop() {
    server.stop();
  }

  private static String baseUrl() {
    return server.baseUrl();
  }

  /** The GETs the server answered whose URL has {@code pathPart}, oldest first. */
  private static List<ServeEvent> gets(String pathPart) {
    List<ServeEvent> newestFirst = new ArrayList<>(server.getAllServeEvents().stream()
        .filter(e -> e.getRequest().getMethod().getName().equals("GET"))
        .filter(e -> e.getRequest().getUrl().contains(pathPart)).toList());
    Collections.reverse(newestFirst);
    return newestFirst;
  }

  @Test
  void documentIntelligenceAnalyzePollsTheServicesMonitorUrlAndReadsTheExamplesResult() {
    DocumentIntelligenceClient di = AzureClients.documentIntelligence(baseUrl());

    AnalyzeResult result = di.beginAnalyzeDocument("prebuilt-invoice", new AnalyzeDocumentOptions(
        "https://example.com/invoice.pdf")).getFinalResult();

    assertThat(result.getContent()).isEqualTo("Invoice INV-100 Total 42.00");
    assertThat(result.getDocuments().get(0).getFields().get("InvoiceId").getValueString()).isEqualTo("INV-100");
    assertThat(gets("/documentintelligence/documentModels/prebuilt-invoice/analyzeResults/"))
        .extracting(e -> e.getResponse().getStatus()).containsOnly(200).hasSizeGreaterThanOrEqualTo(3);
  }

  @Test
  void documentIntelligenceAnalyzeOfTheWellKnownFailingInputFailsWithTheFailingExamplesError() {
    DocumentIntelligenceClient di = AzureClients.documentIntelligence(baseUrl());

    PollResponse<AnalyzeOperationDetails> done = di.beginAnalyzeDocument("opstub-invalid-content",
        new AnalyzeDocumentOptions("https://example.com/broken.pdf")).waitForCompletion(Duration.ofSeconds(30));

    assertThat(done.getStatus()).isEqualTo(LongRunningOperationStatus.FAILED);
    assertThat(done.getValue().getError().getCode()).isEqualTo("InvalidRequest");
    assertThat(done.getValue().getError().getInnerError().getCode()).isEqualTo("InvalidContent");
  }

  @Test
  void documentIntelligenceClassifyPollsTheClassifiersMonitorAndReadsTheDocumentType() {
    DocumentIntelligenceClient di = AzureClients.documentIntelligence(baseUrl());

    AnalyzeResult result = di.beginClassifyDocument("myClassifier", new ClassifyDocumentOptions(
        "https://example.com/forms.pdf")).getFinalResult();

    assertThat(result.getDocuments().get(0).getDocumentType()).isEqualTo("formA");
    assertThat(gets("/documentintelligence/documentClassifiers/myClassifier/analyzeResults/")).isNotEmpty();
  }

  @Test
  void documentIntelligenceBuildEndsWithTheModelOfTheExample() {
    DocumentModelDetails model = AzureClients.documentIntelligenceAdministration(baseUrl())
        .beginBuildDocumentModel(new BuildDocumentModelOptions("myCustomModel", DocumentBuildMode.TEMPLATE))
        .getFinalResult();

    assertThat(model.getModelId()).isEqualTo("myCustomModel");
    assertThat(gets("/documentintelligence/operations/")).isNotEmpty();
  }

  @Test
  void documentIntelligenceBuildOfTheWellKnownFailingModelIdFails() {
    var done = AzureClients.documentIntelligenceAdministration(baseUrl())
        .beginBuildDocumentModel(new BuildDocumentModelOptions("opstub-fails", DocumentBuildMode.TEMPLATE))
        .waitForCompletion(Duration.ofSeconds(30));

    assertThat(done.getStatus()).isEqualTo(LongRunningOperationStatus.FAILED);
  }

  @Test
  void armResourceGroupDeleteEndsWithTheTwoHundredTheSpecDeclares() {
    ResourceManager rm = AzureClients.resourceManager(baseUrl());

    rm.resourceGroups().deleteByName("imported-rg");

    List<ServeEvent> locations = gets("/providers/Microsoft.Resources/operationResults/");
    assertThat(locations).isNotEmpty();
    assertThat(locations.get(locations.size() - 1).getResponse().getStatus()).isEqualTo(200);
  }

  @Test
  void armResourceGroupDeleteOfTheWellKnownFailingGroupFails() {
    ResourceManager rm = AzureClients.resourceManager(baseUrl());

    assertThatThrownBy(() -> rm.resourceGroups().deleteByName("opstub-fails"))
        .isInstanceOfSatisfying(ManagementException.class, e -> assertThat(e.getValue().getCode()).isEqualTo("OperationFailed"));
  }

  @Test
  void armDeploymentCreatePollsAzureAsyncOperationAndEndsWithTheDeploymentSucceeded() {
    ResourceManager rm = AzureClients.resourceManager(baseUrl());

    DeploymentExtendedInner deployment = rm.deploymentClient().getDeployments().createOrUpdate("rg1", "imported-dep",
        new DeploymentInner().withProperties(new DeploymentProperties().withMode(DeploymentMode.INCREMENTAL)
            .withTemplate(Map.of("resources", List.of()))));

    assertThat(deployment.properties().provisioningState().toString()).isEqualTo("Succeeded");
    assertThat(deployment.name()).isEqualTo("imported-dep");
    assertThat(gets("/providers/Microsoft.Resources/operationStatuses/")).isNotEmpty();
  }
}
