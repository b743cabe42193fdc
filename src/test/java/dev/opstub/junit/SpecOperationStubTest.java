package dev.opstub.junit;

import static dev.opstub.junit.OpStubAssertions.assertThatPolls;
import static org.assertj.core.api.Assertions.assertThat;
import static org.junit.platform.engine.discovery.DiscoverySelectors.selectClass;

import com.azure.ai.documentintelligence.models.AnalyzeDocumentOptions;
import com.azure.ai.documentintelligence.models.AnalyzeResult;
import dev.opstub.testing.AzureClients;
import dev.opstub.testing.Http;
import java.net.http.HttpResponse;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtensionConfigurationException;
import org.junit.platform.engine.TestExecutionResult;
import org.junit.platform.testkit.engine.EngineTestKit;
import org.junit.platform.testkit.engine.Event;

/**
 * {@code @OperationStub(spec = ..., operationId = ...)}: one long-running operation of a spec,
 * scripted on the test's server as the importer would stub it, without {@code with} method and
 * path; misuse names the annotation and what is allowed.
 */
@OperationStub(spec = SpecOperationStubTest.RESOURCES, operationId = "ResourceGroups_Delete", name = "delete",
    timeline = "Deleting x2, Succeeded")
class SpecOperationStubTest {
  static final String RESOURCES = "src/test/resources/specs/resources/resources.json";
  static final String DOCUMENT_INTELLIGENCE = "src/test/resources/specs/documentintelligence/DocumentIntelligence.json";

  @Test
  void theResourceGroupDeleteOfTheSpecEndsWithItsDeclaredTwoHundred(OpStubServer server) {
    AzureClients.resourceManager(server.baseUrl()).resourceGroups().deleteByName("rg-from-spec");

    assertThatPolls(server, "delete").wasServed("Deleting", "Deleting", "Succeeded").stoppedPollingOnceTerminal();
    assertThat(server.pollsOf("delete")).extracting(RecordedPoll::httpStatus).containsExactly(202, 202, 200);
  }

  @Test
  @OperationStub(spec = DOCUMENT_INTELLIGENCE, operationId = "DocumentModels_AnalyzeDocument", name = "analyze",
      timeline = "notStarted, running, succeeded", retryAfter = "10ms")
  void documentIntelligencePollsTheMonitorTheSpecDeclaresAndReadsTheExamplesResult(OpStubServer server) {
    AnalyzeResult result = AzureClients.documentIntelligence(server.baseUrl())
        .beginAnalyzeDocument("prebuilt-invoice", new AnalyzeDocumentOptions("https://example.com/invoice.pdf"))
        .getFinalResult();

    assertThat(result.getContent()).isEqualTo("Invoice INV-100 Total 42.00");
    assertThatPolls(server, "analyze").wasServed("notStarted", "running", "succeeded").stoppedPollingOnceTerminal();
  }

  @Test
  @OperationStub(spec = DOCUMENT_INTELLIGENCE, operationId = "DocumentModels_AnalyzeDocument", name = "analyze",
      timeline = "running, skipped, running, succeeded", retryAfter = "10ms", with = "result={\"content\": \"from the test\"}")
  void theTimelineSpeaksTheSpecsVocabularyAndWithReplacesTheExamplesResult(OpStubServer server) {
    HttpResponse<String> started = Http.send("POST", server.baseUrl()
        + "/documentintelligence/documentModels/m1:analyze?api-version=2024-11-30", "{\"urlSource\": \"https://x/a.pdf\"}",
        "Content-Type", "application/json");
    String monitor = started.headers().firstValue("Operation-Location").orElseThrow();

    List<String> bodies = List.of(Http.get(monitor).body(), Http.get(monitor).body(), Http.get(monitor).body(),
        Http.get(monitor).body());

    assertThat(monitor).startsWith(server.baseUrl() + "/documentintelligence/documentModels/m1/analyzeResults/");
    assertThat(bodies.get(1)).contains("\"status\":\"skipped\"");
    assertThat(bodies.get(3)).contains("\"status\":\"succeeded\"", "from the test");
  }

  // --- misuse

  private static Throwable failureOf(Class<?> testClass) {
    List<Event> failed = EngineTestKit.engine("junit-jupiter").selectors(selectClass(testClass)).execute()
        .allEvents().failed().list();
    assertThat(failed).as("a failure of %s", testClass.getSimpleName()).isNotEmpty();
    return failed.get(0).getPayload(TestExecutionResult.class).orElseThrow().getThrowable().orElseThrow();
  }

  static class SpecWithoutOperationId {
    @Test
    @OperationStub(spec = RESOURCES, timeline = "Deleting, Succeeded")
    void test() {}
  }

  static class UnknownOperationId {
    @Test
    @OperationStub(spec = RESOURCES, operationId = "ResourceGroups_Nuke", timeline = "Deleting, Succeeded")
    void test() {}
  }

  static class NotLongRunning {
    @Test
    @OperationStub(spec = RESOURCES, operationId = "ResourceGroups_Get", timeline = "Running, Succeeded")
    void test() {}
  }

  static class SpecWithFaceId {
    @Test
    @OperationStub(spec = RESOURCES, operationId = "ResourceGroups_Delete", id = "a63a3bdd-a1db-4d05-87b8-dbad6850062a",
        timeline = "Deleting, Succeeded")
    void test() {}
  }

  static class MissingSpec {
    @Test
    @OperationStub(spec = "src/test/resources/specs/nowhere.json", operationId = "ResourceGroups_Delete",
        timeline = "Deleting, Succeeded")
    void test() {}
  }

  static class SpecWithPath {
    @Test
    @OperationStub(spec = RESOURCES, operationId = "ResourceGroups_Delete", timeline = "Deleting, Succeeded",
        with = "path=/somewhere/else")
    void test() {}
  }

  static class WordOutsideTheSpecsVocabulary {
    @Test
    @OperationStub(spec = DOCUMENT_INTELLIGENCE, operationId = "DocumentModels_BuildModel", timeline = "running, completed")
    void test() {}
  }

  @Test
  void misuseNamesTheAnnotationTheElementAndWhatIsAllowed() {
    assertThat(failureOf(SpecWithoutOperationId.class)).isInstanceOf(ExtensionConfigurationException.class)
        .hasMessageContaining("@OperationStub(spec = \"" + RESOURCES + "\", operationId = \"\", timeline = \"Deleting, "
            + "Succeeded\") on method SpecWithoutOperationId.test: spec is given without operationId; give both");
    assertThat(failureOf(UnknownOperationId.class)).hasMessageContaining("operationId ResourceGroups_Nuke is no operation of "
        + RESOURCES + "; its long-running operations: ResourceGroups_Delete, ResourceGroups_ExportTemplate, "
        + "Deployments_CreateOrUpdate, Resources_DeleteById");
    assertThat(failureOf(NotLongRunning.class)).hasMessageContaining("operationId ResourceGroups_Get cannot be stubbed: "
        + "it is not long-running (no \"x-ms-long-running-operation\": true)");
    assertThat(failureOf(SpecWithFaceId.class)).hasMessageContaining("id is the runtime id of one operation of an API named by apiName");
    assertThat(failureOf(MissingSpec.class)).hasMessageContaining("spec src/test/resources/specs/nowhere.json does not exist");
    assertThat(failureOf(SpecWithPath.class)).hasMessageContaining("with names path, which the spec (or the timeline "
        + "attribute) gives");
    assertThat(failureOf(WordOutsideTheSpecsVocabulary.class)).isInstanceOf(ExtensionConfigurationException.class)
        .hasMessageContaining("completed");
  }
}
