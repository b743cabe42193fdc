package dev.opstub.junit;

import static dev.opstub.junit.OpStubAssertions.assertThatPolls;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.azure.ai.documentintelligence.models.AnalyzeDocumentOptions;
import com.azure.ai.documentintelligence.models.AnalyzeOperationDetails;
import com.azure.ai.documentintelligence.models.AnalyzeResult;
import com.azure.core.util.polling.LongRunningOperationStatus;
import com.azure.core.util.polling.PollResponse;
import com.azure.core.util.polling.SyncPoller;
import com.jayway.jsonpath.JsonPath;
import dev.opstub.testing.AzureClients;
import dev.opstub.testing.Http;
import java.net.http.HttpResponse;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

/** {@code @OperationStub(apiName = "azure", ...)} scripts Azure operations by method and path; PollAssert reads their polls. */
@OperationStub(apiName = "azure", name = "analyze", timeline = "NotStarted, Running x2, Succeeded", retryAfter = "10ms",
    with = {"method=POST", "path=/documentintelligence/documentModels/[^/:]+:analyze", "statusCase=camelCase",
        "resultProperty=analyzeResult", "result={\"content\": \"scripted in the test\"}"})
class AzureOperationStubTest {

  @Test
  void documentIntelligenceSeesTheTimelineTheAnnotationScripts(OpStubServer server) {
    AnalyzeResult result = AzureClients.documentIntelligence(server.baseUrl())
        .beginAnalyzeDocument("any-model", new AnalyzeDocumentOptions("https://example.com/a.pdf")).getFinalResult();

    assertThat(result.getContent()).isEqualTo("scripted in the test");
    assertThatPolls(server, "analyze").wasServed("notStarted", "running", "running", "succeeded")
        .stoppedPollingOnceTerminal().sentSubscriptionKeyOnEveryPoll();
  }

  @Test
  @OperationStub(apiName = "azure", name = "analyze", timeline = "Running, Failed(InvalidRequest: Invalid request.)",
      retryAfter = "10ms", with = {"method=POST", "path=/documentintelligence/documentModels/[^/:]+:analyze",
          "statusCase=camelCase", "resultProperty=analyzeResult", "error={\"target\": \"urlSource\"}"})
  void aMethodLevelStubReplacesTheClassLevelOneForTheSameCall(OpStubServer server) {
    SyncPoller<AnalyzeOperationDetails, AnalyzeResult> analyze = AzureClients.documentIntelligence(server.baseUrl())
        .beginAnalyzeDocument("any-model", new AnalyzeDocumentOptions("https://example.com/a.pdf"));

    PollResponse<AnalyzeOperationDetails> done = analyze.waitForCompletion(Duration.ofSeconds(30));

    assertThat(done.getStatus()).isEqualTo(LongRunningOperationStatus.FAILED);
    assertThat(done.getValue().getError().getCode()).isEqualTo("InvalidRequest");
    assertThat(done.getValue().getError().getTarget()).isEqualTo("urlSource");
    assertThatPolls(server, "analyze").wasServed("running", "failed").stoppedPollingOnceTerminal();
  }

  @Test
  @OperationStub(apiName = "azure", name = "job", id = "job-7", timeline = "Running, Canceled")
  void aStubWithAnIdMakesThatOperationOnItsFirstPoll(OpStubServer server) {
    String monitor = server.baseUrl() + "/jobs/operations/job-7?api-version=2024-01-01";

    HttpResponse<String> first = Http.get(monitor);
    HttpResponse<String> second = Http.get(monitor);

    assertThat((String) JsonPath.read(first.body(), "$.status")).isEqualTo("Running");
    assertThat(first.headers().firstValue("Retry-After")).hasValue("1");
    assertThat((String) JsonPath.read(second.body(), "$.status")).isEqualTo("Canceled");
    assertThat(second.headers().firstValue("Retry-After")).isEmpty();
    assertThatPolls(server, "job").wasPolledExactly(2).wasServed("Running", "Canceled");
    assertThatPolls(server, "azure", "job-7").wasPolledExactly(2);
  }

  @Test
  @OperationStub(apiName = "azure", name = "delete", timeline = "Deleting x2, Succeeded",
      with = {"method=DELETE", "path=/subscriptions/[^/]+/resourcegroups/[^/]+", "pattern=location"})
  void aLocationPollIsRecordedWithTheStatusAndWaitItWasAnswered(OpStubServer server) {
    HttpResponse<String> started = Http.send("DELETE", server.baseUrl()
        + "/subscriptions/sub1/resourcegroups/rg1?api-version=2025-04-01", null);
    String location = started.headers().firstValue("Location").orElseThrow();

    List<Integer> answered = List.of(Http.get(location).statusCode(), Http.get(location).statusCode(),
        Http.get(location).statusCode());

    assertThat(answered).containsExactly(202, 202, 204);
    assertThat(server.pollsOf("delete")).extracting(RecordedPoll::httpStatus).containsExactlyElementsOf(answered);
    assertThat(server.pollsOf("delete")).extracting(RecordedPoll::retryAfter)
        .containsExactly(Duration.ofSeconds(1), Duration.ofSeconds(1), null);
    assertThatPolls(server, "delete").stoppedPollingOnceTerminal();
  }

  @Test
  @OperationStub(apiName = "azure", name = "certificate", timeline = "inProgress x2, completed", retryAfter = "10ms",
      with = {"method=POST", "path=/certificates/[^/]+/create", "startPath=/certificates/{name}/create",
          "monitorPath=/certificates/{id}/pending", "operationId={name}",
          "statuses={\"inProgress\": \"running\", \"completed\": \"succeeded\"}"})
  void aStubWhoseMonitorIdIsNotTheLastSegmentRoutesItsPollsToTheMonitor(OpStubServer server) {
    HttpResponse<String> started = Http.send("POST", server.baseUrl() + "/certificates/web/create?api-version=7.5",
        "{}");
    String monitor = started.headers().firstValue("Operation-Location").orElseThrow();

    assertThat(monitor).isEqualTo(server.baseUrl() + "/certificates/web/pending?api-version=7.5");
    List<String> served = List.of(Http.get(monitor), Http.get(monitor), Http.get(monitor)).stream()
        .map(reply -> (String) JsonPath.read(reply.body(), "$.status")).toList();
    assertThat(served).containsExactly("inProgress", "inProgress", "completed");
    assertThatPolls(server, "certificate").wasServed("inProgress", "inProgress", "completed")
        .stoppedPollingOnceTerminal();
  }

  @Test
  @OperationStub(apiName = "azure", name = "status", id = "job-9", timeline = "Running, Succeeded",
      with = {"monitorPath=/jobs/{id}/status"})
  void aStubWithAnIdServesItsMonitorWhereTheTemplateHasTheId(OpStubServer server) {
    String monitor = server.baseUrl() + "/jobs/job-9/status";

    assertThat((String) JsonPath.read(Http.get(monitor).body(), "$.status")).isEqualTo("Running");
    assertThat((String) JsonPath.read(Http.get(monitor).body(), "$.status")).isEqualTo("Succeeded");
    assertThatPolls(server, "azure", "job-9").wasPolledExactly(2);
  }

  @Test
  void anOperationAddedWithDeclaredStatusesServesAndReportsTheDeclaredWords(OpStubServer server) {
    server.addOperationWith("azure", "cert-1", "inProgress, completed",
        Map.of("statuses", Map.of("inProgress", "running", "completed", "succeeded")));
    String monitor = server.baseUrl() + "/documentintelligence/operations/cert-1";

    assertThat(server.currentStatus("azure", "cert-1")).isEqualTo("inProgress");
    assertThat((String) JsonPath.read(Http.get(monitor).body(), "$.status")).isEqualTo("inProgress");
    assertThat((String) JsonPath.read(Http.get(monitor).body(), "$.status")).isEqualTo("completed");
    assertThat(server.currentStatus("azure", "cert-1")).isEqualTo("completed");
    assertThatPolls(server, "azure", "cert-1").wasServed("inProgress", "completed");
    assertThatThrownBy(() -> server.addOperationWith("azure", "cert-2", "Running", Map.of("colour", "red")))
        .hasMessage("colour is not a field of an Azure LRO operation; it takes result, statusCase, statuses");
  }
}
