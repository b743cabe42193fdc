package dev.opstub.testing;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.azure.ai.documentintelligence.models.AnalyzeDocumentOptions;
import com.azure.ai.documentintelligence.models.AnalyzeOperationDetails;
import com.azure.ai.documentintelligence.models.AnalyzeResult;
import com.azure.ai.documentintelligence.models.BuildDocumentModelOptions;
import com.azure.ai.documentintelligence.models.ClassifyDocumentOptions;
import com.azure.ai.documentintelligence.models.DocumentBuildMode;
import com.azure.ai.documentintelligence.models.DocumentModelBuildOperationDetails;
import com.azure.ai.documentintelligence.models.DocumentModelDetails;
import com.azure.ai.formrecognizer.documentanalysis.models.OperationResult;
import com.azure.core.exception.HttpResponseException;
import com.azure.core.models.ResponseError;
import com.azure.core.http.HttpMethod;
import com.azure.core.management.exception.ManagementException;
import com.azure.core.util.BinaryData;
import com.azure.core.util.polling.AsyncPollResponse;
import com.azure.core.util.polling.LongRunningOperationStatus;
import com.azure.core.util.polling.PollResponse;
import com.azure.core.util.polling.SyncPoller;
import com.azure.resourcemanager.resources.ResourceManager;
import com.azure.resourcemanager.resources.fluent.models.DeploymentExtendedInner;
import com.azure.resourcemanager.resources.fluent.models.DeploymentInner;
import com.azure.resourcemanager.resources.models.DeploymentMode;
import com.azure.resourcemanager.resources.models.DeploymentProperties;
import com.jayway.jsonpath.JsonPath;
import java.net.http.HttpResponse;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.concurrent.CyclicBarrier;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import java.util.function.IntFunction;

/**
 * The real Azure clients against a server serving the repository's mappings (in process or the
 * standalone jar): azure-core's generic pollers, Document Intelligence 1.0.5, Form Recognizer 4.1.13
 * and ARM resources 2.53.0, each as the Azure LRO reference says it must behave. Mappings of a
 * scenario's own are added through WireMock's admin API, so the same scenario runs against either
 * server.
 */
public final class AzureClientScenarios {
  private final String baseUrl;

  public AzureClientScenarios(String baseUrl) {
    this.baseUrl = baseUrl;
  }

  /** A start mapping of the test's own: {@code method path} starts operations with these parameters. */
  public void addStart(String method, String path, String transformerParametersJson) {
    String mapping = "{\"request\":{\"method\":\"" + method + "\",\"urlPath\":\"" + path + "\"},"
        + "\"response\":{\"status\":202,\"transformers\":[\"opstub-azure-start\"],"
        + "\"transformerParameters\":" + transformerParametersJson + "}}";
    HttpResponse<String> added = Http.send("POST", baseUrl + "/__admin/mappings", mapping, "Content-Type", "application/json");
    assertThat(added.statusCode()).as(added.body()).isEqualTo(201);
  }

  /** The statuses served to the polls of one operation, from the admin API's history. */
  public List<String> servedStatuses(String id) {
    return JsonPath.read(history(id), "$.history[*].status");
  }

  public String history(String id) {
    HttpResponse<String> reply = Http.get(baseUrl + "/__admin/opstub/operations/azure/" + id);
    assertThat(reply.statusCode()).as(reply.body()).isEqualTo(200);
    return reply.body();
  }

  private static String idOf(String monitorUrl) {
    String path = monitorUrl.replaceFirst("\\?.*", "");
    return path.substring(path.lastIndexOf('/') + 1);
  }

  /**
   * Sixteen threads poll one Azure operation ten times each, round robin over the servers {@code
   * url} knows: the operation is started on server 0 through a start stub added there, and its
   * {@code Running x150, Succeeded} is served exactly 150 + 10 times, whatever server answers.
   *
   * @param url the base URL of server {@code i % servers}
   */
  public static void sixteenThreadsPollingOneOperationSeeEachStepExactlyAsOftenAsTheTimelineSays(
      java.util.function.IntFunction<String> url, int servers) throws Exception {
    AzureClientScenarios first = new AzureClientScenarios(url.apply(0));
    String path = "/svc/jobs/" + UUID.randomUUID() + ":run";
    first.addStart("POST", path, "{\"timeline\":\"Running x150, Succeeded\",\"retryAfter\":\"100ms\"}");
    HttpResponse<String> started = Http.send("POST", url.apply(0) + path + "?api-version=2024-01-01", "{}");
    assertThat(started.statusCode()).as(started.body()).isEqualTo(202);
    String monitor = started.headers().firstValue("Operation-Location").orElseThrow();
    String monitorPath = monitor.substring(url.apply(0).length());
    java.util.concurrent.ExecutorService pool = java.util.concurrent.Executors.newFixedThreadPool(16);
    try {
      List<java.util.concurrent.Future<List<String>>> futures = new java.util.ArrayList<>();
      for (int t = 0; t < 16; t++) {
        int thread = t;
        futures.add(pool.submit(() -> {
          List<String> seen = new java.util.ArrayList<>();
          for (int i = 0; i < 10; i++) {
            HttpResponse<String> poll = Http.get(url.apply((thread + i) % servers) + monitorPath);
            assertThat(poll.statusCode()).as(poll.body()).isEqualTo(200);
            seen.add(JsonPath.read(poll.body(), "$.status"));
          }
          return seen;
        }));
      }
      List<String> all = new java.util.ArrayList<>();
      for (java.util.concurrent.Future<List<String>> future : futures) {
        all.addAll(future.get());
      }
      assertThat(java.util.Collections.frequency(all, "Running")).isEqualTo(150);
      assertThat(java.util.Collections.frequency(all, "Succeeded")).isEqualTo(10);
      assertThat((Integer) JsonPath.read(new AzureClientScenarios(url.apply(servers - 1)).history(idOf(monitor)), "$.polls"))
          .isEqualTo(160);
    } finally {
      pool.shutdownNow();
    }
  }

  /** A start mapping of the test's own on every path {@code pathPattern} (a regex) matches. */
  public void addStartMatching(String method, String pathPattern, String transformerParametersJson) {
    String mapping = "{\"request\":{\"method\":\"" + method + "\",\"urlPathPattern\":\"" + pathPattern + "\"},"
        + "\"response\":{\"status\":202,\"transformers\":[\"opstub-azure-start\"],"
        + "\"transformerParameters\":" + transformerParametersJson + "}}";
    HttpResponse<String> added = Http.send("POST", baseUrl + "/__admin/mappings", mapping, "Content-Type", "application/json");
    assertThat(added.statusCode()).as(added.body()).isEqualTo(201);
  }

  /**
   * Twenty rounds of sixteen POSTs at once, each to a call of its own (servers round robin), all
   * with one {@code operation-id}: every round exactly one is started (202), the fifteen others
   * are 409 {@code OperationIdConflict} in Azure's error shape, and one operation is live.
   */
  public static void sixteenCallsWithOneOperationIdAtOnceStartOneOperationAndTheOthersAre409(IntFunction<String> url,
      int servers) throws Exception {
    String calls = "/svc/" + UUID.randomUUID() + "/calls/";
    for (int server = 0; server < servers; server++) {
      new AzureClientScenarios(url.apply(server)).addStartMatching("POST", calls + "[0-9]+:run",
          "{\"timeline\":\"Running, Succeeded\"}");
    }
    ExecutorService pool = Executors.newFixedThreadPool(16);
    try {
      for (int round = 0; round < 20; round++) {
        String id = "race-" + UUID.randomUUID();
        List<HttpResponse<String>> answers = atOnce(pool, 16, t -> Http.send("POST",
            url.apply(t % servers) + calls + t + ":run?api-version=2024-01-01", "{}", "operation-id", id));

        assertThat(answers).extracting(HttpResponse::statusCode).as("round %d", round)
            .containsOnly(202, 409).filteredOn(status -> status == 202).hasSize(1);
        answers.stream().filter(answer -> answer.statusCode() == 409).forEach(conflict -> {
          assertThat(conflict.headers().firstValue("x-ms-error-code")).hasValue("OperationIdConflict");
          assertThat((String) JsonPath.read(conflict.body(), "$.error.code")).isEqualTo("OperationIdConflict");
          assertThat((String) JsonPath.read(conflict.body(), "$.error.message")).contains(id);
        });
        assertThat(liveOperations(url.apply(round % servers), id)).as("round %d", round).isEqualTo(1);
      }
    } finally {
      pool.shutdownNow();
    }
  }

  /**
   * Twenty rounds of sixteen identical POSTs at once (one call, one {@code operation-id}; servers
   * round robin): every one is a 202 showing the same operation (its {@code createdDateTime}), and
   * one operation is live, polled by none of them.
   */
  public static void sixteenIdenticalRetriesAtOnceSeeOneOperation(IntFunction<String> url, int servers)
      throws Exception {
    String path = "/svc/jobs/" + UUID.randomUUID() + ":run";
    for (int server = 0; server < servers; server++) {
      new AzureClientScenarios(url.apply(server)).addStart("POST", path, "{\"timeline\":\"Running, Succeeded\"}");
    }
    ExecutorService pool = Executors.newFixedThreadPool(16);
    try {
      for (int round = 0; round < 20; round++) {
        String id = "retry-" + UUID.randomUUID();
        List<HttpResponse<String>> answers = atOnce(pool, 16, t -> Http.send("POST",
            url.apply(t % servers) + path + "?api-version=2024-01-01", "{}", "operation-id", id));

        assertThat(answers).extracting(HttpResponse::statusCode).as("round %d", round).containsOnly(202);
        assertThat(answers).extracting(answer -> answer.headers().firstValue("operation-id").orElseThrow())
            .containsOnly(id);
        String created = JsonPath.read(answers.get(0).body(), "$.createdDateTime");
        assertThat(answers).extracting(answer -> (String) JsonPath.read(answer.body(), "$.createdDateTime"))
            .as("round %d: one operation", round).containsOnly(created);
        assertThat(liveOperations(url.apply(round % servers), id)).as("round %d", round).isEqualTo(1);
        assertThat((Integer) JsonPath.read(new AzureClientScenarios(url.apply(0)).history(id), "$.polls")).isZero();
      }
    } finally {
      pool.shutdownNow();
    }
  }

  /**
   * Twenty rounds of two clients polling an operation (three polls each, on two servers) while a
   * third cancels it on another server and then polls it once: whatever the order, no client sees
   * the end and then another status, every client sees one end (Canceled, or Succeeded when the
   * cancel came after it), and the operation keeps its createdDateTime, counts every poll and
   * lists each in its history; canceled, the admin API shows its timeline as scripted and when it
   * was canceled.
   */
  public static void aCancelRacingPollsOnOtherServersNeverShowsAnEndAndThenAnotherStatus(IntFunction<String> url,
      int servers) throws Exception {
    String calls = "/svc/" + UUID.randomUUID() + "/runs/";
    for (int polls = 1; polls <= 4; polls++) {
      new AzureClientScenarios(url.apply(0)).addStart("POST", calls + "x" + polls + ":run",
          "{\"timeline\":\"Running x" + polls + ", Succeeded\"}");
    }
    ExecutorService pool = Executors.newFixedThreadPool(3);
    try {
      for (int round = 0; round < 20; round++) {
        // Running for one to four polls: the cancel meets the operation before, at or after its end.
        String timeline = round % 4 == 0 ? "Running, Succeeded" : "Running x" + (1 + round % 4) + ", Succeeded";
        HttpResponse<String> started = Http.send("POST", url.apply(0) + calls + "x" + (1 + round % 4)
            + ":run?api-version=2024-01-01", "{}");
        assertThat(started.statusCode()).as(started.body()).isEqualTo(202);
        String created = JsonPath.read(started.body(), "$.createdDateTime");
        String id = started.headers().firstValue("operation-id").orElseThrow();
        String monitor = started.headers().firstValue("Operation-Location").orElseThrow();
        String monitorPath = monitor.substring(monitor.indexOf('/', monitor.indexOf("//") + 2));
        String cancelPath = monitorPath.replaceFirst("\\?.*", "") + ":cancel";

        List<List<HttpResponse<String>>> clients = atOnce(pool, 3, client -> {
          List<HttpResponse<String>> seen = new ArrayList<>();
          if (client == 2) {
            seen.add(Http.send("POST", url.apply(2 % servers) + cancelPath, null));
            seen.add(Http.get(url.apply(2 % servers) + monitorPath));
          } else {
            for (int i = 0; i < 3; i++) {
              seen.add(Http.get(url.apply(client % servers) + monitorPath));
            }
          }
          return seen;
        });

        String end = JsonPath.read(clients.get(2).get(0).body(), "$.status");
        assertThat(end).as("round %d: the cancel's answer", round).isIn("Canceled", "Succeeded");
        List<String> polled = new ArrayList<>();
        for (int client = 0; client < clients.size(); client++) {
          List<String> statuses = new ArrayList<>();
          for (HttpResponse<String> answer : clients.get(client)) {
            assertThat(answer.statusCode()).as(answer.body()).isEqualTo(200);
            assertThat((String) JsonPath.read(answer.body(), "$.createdDateTime")).isEqualTo(created);
            statuses.add(JsonPath.read(answer.body(), "$.status"));
          }
          assertThat(statuses).as("round %d: what one client saw", round).allSatisfy(status ->
              assertThat(status).isIn("Running", end));
          int firstEnd = statuses.indexOf(end);
          if (firstEnd >= 0) {
            assertThat(statuses.subList(firstEnd, statuses.size())).as("round %d: after the end", round).containsOnly(end);
          }
          polled.addAll(client == 2 ? statuses.subList(1, 2) : statuses); // the cancel is no poll
        }
        assertThat(polled).as("round %d: the canceler's poll after its cancel", round).last().isEqualTo(end);

        String operation = new AzureClientScenarios(url.apply(1 % servers)).history(id);
        assertThat((Integer) JsonPath.read(operation, "$.polls")).as("round %d", round).isEqualTo(7);
        assertThat((String) JsonPath.read(operation, "$.createdTime")).isEqualTo(created);
        assertThat((String) JsonPath.read(operation, "$.timeline")).isEqualTo(timeline);
        assertThat((String) JsonPath.read(operation, "$.status")).isEqualTo(end);
        assertThat(JsonPath.<List<String>>read(operation, "$.history[*].status"))
            .as("round %d: the history", round).containsExactlyInAnyOrderElementsOf(polled);
        assertThat(JsonPath.<List<Object>>read(operation, "$..canceledTime")).as("round %d", round)
            .hasSize(end.equals("Canceled") ? 1 : 0);
      }
    } finally {
      pool.shutdownNow();
    }
  }

  /** The answers of {@code count} calls started at the same moment on {@code pool}, in call order. */
  private static <T> List<T> atOnce(ExecutorService pool, int count, IntFunction<T> call) throws Exception {
    CyclicBarrier together = new CyclicBarrier(count);
    List<Future<T>> futures = new ArrayList<>();
    for (int i = 0; i < count; i++) {
      int which = i;
      futures.add(pool.submit(() -> {
        together.await(30, TimeUnit.SECONDS);
        return call.apply(which);
      }));
    }
    List<T> out = new ArrayList<>();
    for (Future<T> future : futures) {
      out.add(future.get(60, TimeUnit.SECONDS));
    }
    return out;
  }

  /** How many operations with this id the admin API lists. */
  private static int liveOperations(String baseUrl, String id) {
    HttpResponse<String> list = Http.get(baseUrl + "/__admin/opstub/operations?limit=1000");
    assertThat(list.statusCode()).as(list.body()).isEqualTo(200);
    return JsonPath.<List<String>>read(list.body(), "$.operations[?(@.id == '" + id + "')].id").size();
  }

  // --- azure-core's generic pollers (DefaultPollingStrategy, SyncDefaultPollingStrategy)

  /** A sync poller (SyncDefaultPollingStrategy) of a POST a new start stub with these parameters answers. */
  private SyncPoller<BinaryData, BinaryData> syncPollerOfANewStart(String transformerParametersJson) {
    String path = "/jobs/" + UUID.randomUUID() + ":run";
    addStart("POST", path, transformerParametersJson);
    return AzureClients.syncPoller(baseUrl, HttpMethod.POST, path + "?api-version=2024-01-01", "{}");
  }

  public void genericSyncPollerCompletesWithTheScriptedResult() {
    SyncPoller<BinaryData, BinaryData> poller =
        syncPollerOfANewStart("{\"timeline\":\"Running x2, Succeeded\",\"retryAfter\":\"50ms\",\"result\":{\"answer\":42}}");

    PollResponse<BinaryData> done = poller.waitForCompletion(Duration.ofSeconds(30));

    assertThat(done.getStatus()).isEqualTo(LongRunningOperationStatus.SUCCESSFULLY_COMPLETED);
    String monitor = poller.getFinalResult().toString();
    assertThat((Integer) JsonPath.read(monitor, "$.result.answer")).isEqualTo(42);
    assertThat(servedStatuses(JsonPath.read(monitor, "$.id"))).containsExactly("Running", "Running", "Succeeded");
  }

  public void genericSyncPollerFailsAsScripted() {
    SyncPoller<BinaryData, BinaryData> poller =
        syncPollerOfANewStart("{\"timeline\":\"Running, Failed(InvalidRequest: Invalid request.)\",\"retryAfter\":\"50ms\"}");

    PollResponse<BinaryData> done = poller.waitForCompletion(Duration.ofSeconds(30));

    assertThat(done.getStatus()).isEqualTo(LongRunningOperationStatus.FAILED);
    assertThat((String) JsonPath.read(done.getValue().toString(), "$.error.code")).isEqualTo("InvalidRequest");
    assertThat((String) JsonPath.read(done.getValue().toString(), "$.error.message")).isEqualTo("Invalid request.");
  }

  public void genericSyncPollerIsCanceledAsScripted() {
    SyncPoller<BinaryData, BinaryData> poller = syncPollerOfANewStart("{\"timeline\":\"Running, Canceled\",\"retryAfter\":\"50ms\"}");

    PollResponse<BinaryData> done = poller.waitForCompletion(Duration.ofSeconds(30));

    assertThat(done.getStatus()).isEqualTo(LongRunningOperationStatus.USER_CANCELLED);
    assertThat((String) JsonPath.read(done.getValue().toString(), "$.status")).isEqualTo("Canceled");
  }

  public void genericAsyncPollerCompletesFailsAndIsCanceledAsScripted() {
    String ok = "/jobs/" + UUID.randomUUID() + ":run";
    String failing = "/jobs/" + UUID.randomUUID() + ":run";
    String canceled = "/jobs/" + UUID.randomUUID() + ":run";
    addStart("POST", ok, "{\"timeline\":\"NotStarted, Running, Succeeded\",\"retryAfter\":\"50ms\",\"result\":{\"n\":1}}");
    addStart("POST", failing, "{\"timeline\":\"Running, Failed(Conflict: Busy.)\",\"retryAfter\":\"50ms\"}");
    addStart("POST", canceled, "{\"timeline\":\"Running, Canceled\",\"retryAfter\":\"50ms\"}");

    AsyncPollResponse<BinaryData, BinaryData> succeeded =
        AzureClients.pollerFlux(baseUrl, HttpMethod.POST, ok, "{}").last().block(Duration.ofSeconds(30));
    AsyncPollResponse<BinaryData, BinaryData> failed =
        AzureClients.pollerFlux(baseUrl, HttpMethod.POST, failing, "{}").last().block(Duration.ofSeconds(30));
    AsyncPollResponse<BinaryData, BinaryData> cancelled =
        AzureClients.pollerFlux(baseUrl, HttpMethod.POST, canceled, "{}").last().block(Duration.ofSeconds(30));

    assertThat(succeeded.getStatus()).isEqualTo(LongRunningOperationStatus.SUCCESSFULLY_COMPLETED);
    assertThat((Integer) JsonPath.read(succeeded.getFinalResult().block().toString(), "$.result.n")).isEqualTo(1);
    assertThat(failed.getStatus()).isEqualTo(LongRunningOperationStatus.FAILED);
    assertThat((String) JsonPath.read(failed.getValue().toString(), "$.error.code")).isEqualTo("Conflict");
    assertThat(cancelled.getStatus()).isEqualTo(LongRunningOperationStatus.USER_CANCELLED);
  }

  // --- Document Intelligence 1.0.5, against the shipped mappings

  public void documentIntelligenceAnalyzeSucceedsWithTheShippedResult() {
    SyncPoller<AnalyzeOperationDetails, AnalyzeResult> analyze = AzureClients.documentIntelligence(baseUrl)
        .beginAnalyzeDocument("prebuilt-read", new AnalyzeDocumentOptions("https://example.com/invoice.pdf"));

    AnalyzeResult result = analyze.getFinalResult();

    assertThat(result.getContent()).isEqualTo("Hello from OpStub.");
    assertThat(analyze.poll().getValue().getStatus().toString()).isEqualTo("succeeded");
  }

  public void documentIntelligenceAnalyzeFailsWithTheScriptedErrorOnThePollValue() {
    SyncPoller<AnalyzeOperationDetails, AnalyzeResult> analyze = AzureClients.documentIntelligence(baseUrl)
        .beginAnalyzeDocument("opstub-invalid-content", new AnalyzeDocumentOptions("https://example.com/broken.pdf"));

    PollResponse<AnalyzeOperationDetails> done = analyze.waitForCompletion(Duration.ofSeconds(30));

    assertThat(done.getStatus()).isEqualTo(LongRunningOperationStatus.FAILED);
    assertThat(done.getValue().getError().getCode()).isEqualTo("InvalidRequest");
    assertThat(done.getValue().getError().getMessage()).isEqualTo("Invalid request.");
    assertThat(done.getValue().getError().getInnerError().getCode()).isEqualTo("InvalidContent");
  }

  /** Each poll after the first comes no sooner than the Retry-After of the answer before it. */
  public void documentIntelligenceAnalyzeHonoursRetryAfter() {
    addStart("POST", "/documentintelligence/documentModels/slow-model:analyze", "{\"timeline\":\"Running x2, Succeeded\","
        + "\"statusCase\":\"camelCase\",\"resultProperty\":\"analyzeResult\",\"retryAfter\":\"1200ms\","
        + "\"result\":{\"content\":\"slow\"}}");
    SyncPoller<AnalyzeOperationDetails, AnalyzeResult> analyze = AzureClients.documentIntelligence(baseUrl)
        .beginAnalyzeDocument("slow-model", new AnalyzeDocumentOptions("https://example.com/a.pdf"));

    assertThat(analyze.getFinalResult().getContent()).isEqualTo("slow");
    String history = history(analyze.poll().getValue().getResultId());
    List<String> times = JsonPath.read(history, "$.history[*].time");
    List<Integer> waits = JsonPath.read(history, "$.history[*].retryAfterMs");
    assertThat(times).hasSizeGreaterThanOrEqualTo(3);
    assertThat(waits.get(0)).isEqualTo(1200);
    for (int i = 1; i < 3; i++) {
      assertThat(Duration.between(Instant.parse(times.get(i - 1)), Instant.parse(times.get(i))))
          .as("wait before poll %d", i + 1).isGreaterThanOrEqualTo(Duration.ofMillis(waits.get(i - 1)));
    }
  }

  public void documentIntelligenceClassifyCompletesWithTheShippedResult() {
    SyncPoller<AnalyzeOperationDetails, AnalyzeResult> classify = AzureClients.documentIntelligence(baseUrl)
        .beginClassifyDocument("my-classifier", new ClassifyDocumentOptions("https://example.com/forms.pdf"));

    AnalyzeResult result = classify.getFinalResult();

    assertThat(result.getDocuments()).singleElement()
        .satisfies(document -> assertThat(document.getDocumentType()).isEqualTo("opstub-document"));
    assertThat(servedStatuses(classify.poll().getValue().getResultId())).startsWith("notStarted", "running",
        "succeeded");
  }

  public void documentIntelligenceBuildCompletesWithItsResult() {
    SyncPoller<DocumentModelBuildOperationDetails, DocumentModelDetails> build =
        AzureClients.documentIntelligenceAdministration(baseUrl)
            .beginBuildDocumentModel(new BuildDocumentModelOptions("my-model", DocumentBuildMode.TEMPLATE));

    DocumentModelDetails model = build.getFinalResult();

    assertThat(model.getModelId()).isEqualTo("opstub-model");
  }

  // --- Form Recognizer 4.1.13 (api-version 2023-07-31), against the shipped mappings: it polls
  // /formrecognizer/documentModels/<model>/analyzeResults/<id>, a URL it builds itself from the
  // model id and the last segment of Operation-Location, and ignores Retry-After (5 s by default).

  private SyncPoller<OperationResult, com.azure.ai.formrecognizer.documentanalysis.models.AnalyzeResult>
      formRecognizerAnalyze(String modelId) {
    return AzureClients.formRecognizer(baseUrl).beginAnalyzeDocumentFromUrl(modelId, "https://example.com/invoice.pdf")
        .setPollInterval(Duration.ofMillis(50));
  }

  public void formRecognizerAnalyzeFromUrlCompletesWithTheShippedResult() {
    var analyze = formRecognizerAnalyze("prebuilt-read");

    var result = analyze.getFinalResult();

    assertThat(result.getContent()).isEqualTo("Hello from OpStub.");
    assertThat(result.getModelId()).isEqualTo("prebuilt-read");
    String id = analyze.poll().getValue().getOperationId();
    assertThat(servedStatuses(id)).as("its polls, then the GET of the result").startsWith("notStarted", "running",
        "succeeded");
  }

  public void formRecognizerAnalyzeFromUrlFailsWithTheScriptedError() {
    var analyze = formRecognizerAnalyze("opstub-invalid-content");

    // Form Recognizer throws the monitor's error out of the poll that sees "failed" (the poller wraps it).
    assertThatThrownBy(analyze::getFinalResult).rootCause().isInstanceOfSatisfying(HttpResponseException.class, e -> {
      ResponseError error = (ResponseError) e.getValue();
      assertThat(error.getCode()).isEqualTo("InvalidRequest");
      assertThat(error.getMessage()).isEqualTo("Invalid request., errorCode: [InvalidContent], message: The file is "
          + "corrupted or format is unsupported.");
    });
  }

  // --- ARM resources 2.53.0, against the shipped mappings

  public void armResourceGroupDeleteThroughLocation() {
    ResourceManager rm = AzureClients.resourceManager(baseUrl);

    rm.resourceGroups().deleteByName("rg-location");

    String id = UUID.nameUUIDFromBytes("/subscriptions/sub1/resourcegroups/rg-location".getBytes()).toString();
    assertThat(servedStatuses(id)).containsExactly("Deleting", "Succeeded");
  }

  public void armResourceGroupDeleteThroughAzureAsyncOperation() {
    ResourceManager rm = AzureClients.resourceManager(baseUrl);

    rm.resourceGroups().deleteByName("opstub-async");

    String id = UUID.nameUUIDFromBytes("/subscriptions/sub1/resourcegroups/opstub-async".getBytes()).toString();
    assertThat(servedStatuses(id)).containsExactly("InProgress", "Succeeded");
  }

  public void armDeploymentPutPollsToSucceeded() {
    ResourceManager rm = AzureClients.resourceManager(baseUrl);

    DeploymentExtendedInner deployment = deploy(rm, "dep1");

    assertThat(deployment.properties().provisioningState().toString()).isEqualTo("Succeeded");
    assertThat(deployment.name()).isEqualTo("dep1");
  }

  /** A PUT answering 201 with a provisioningState and no Azure-AsyncOperation: the client polls the deployment itself. */
  public void armDeploymentPutPollsTheResourcesProvisioningStateToSucceeded() {
    addStart("PUT", "/subscriptions/sub1/resourcegroups/rg1/providers/Microsoft.Resources/deployments/dep-provisioning",
        "{\"pattern\":\"provisioning-state\",\"timeline\":\"Accepted, Running, Succeeded\",\"retryAfter\":\"1s\"}");
    ResourceManager rm = AzureClients.resourceManager(baseUrl);

    DeploymentExtendedInner deployment = deploy(rm, "dep-provisioning");

    assertThat(deployment.properties().provisioningState().toString()).isEqualTo("Succeeded");
    String id = UUID.nameUUIDFromBytes(
        "/subscriptions/sub1/resourcegroups/rg1/providers/microsoft.resources/deployments/dep-provisioning".getBytes())
        .toString();
    assertThat(servedStatuses(id)).containsExactly("Accepted", "Running", "Succeeded");
  }

  /** Creates (or updates) deployment {@code name} of an empty template in resource group rg1, and waits for it. */
  private static DeploymentExtendedInner deploy(ResourceManager rm, String name) {
    return rm.deploymentClient().getDeployments().createOrUpdate("rg1", name, new DeploymentInner()
        .withProperties(new DeploymentProperties().withMode(DeploymentMode.INCREMENTAL)
            .withTemplate(Map.of("resources", List.of()))));
  }

  public void armFailuresCarryTheScriptedCodeAndMessage() {
    ResourceManager rm = AzureClients.resourceManager(baseUrl);

    assertThatThrownBy(() -> deploy(rm, "opstub-invalid-template"))
        .isInstanceOfSatisfying(ManagementException.class, e -> {
          assertThat(e.getValue().getCode()).isEqualTo("InvalidTemplate");
          assertThat(e.getValue().getMessage()).isEqualTo("Deployment template validation failed.");
        });
    assertThatThrownBy(() -> rm.resourceGroups().deleteByName("opstub-locked"))
        .isInstanceOfSatisfying(ManagementException.class, e -> {
          assertThat(e.getValue().getCode()).isEqualTo("ResourceGroupDeletionBlocked");
          assertThat(e.getResponse().getStatusCode()).isEqualTo(409);
        });
  }

  private int port() {
    return java.net.URI.create(baseUrl).getPort();
  }

  /**
   * A start with a forged {@code Host} and an {@code operation-id} takes the id first; the honest
   * retry of the same call is handed URLs on its own host, not the forger's.
   */
  public void retryWithForgedHostDoesNotLeakIntoOtherClientsUrls() {
    String path = "/svc/jobs/" + UUID.randomUUID() + ":run";
    addStart("POST", path, "{\"timeline\":\"Running, Succeeded\"}");
    String operationId = "shared-" + UUID.randomUUID();

    Http.Exchange forged = Http.exchange(port(), "POST", path + "?api-version=2024-05-01", "{}",
        "Host", "evil.example.com", "operation-id", operationId, "Connection", "close");
    Http.Exchange honest = Http.exchange(port(), "POST", path + "?api-version=2024-05-01", "{}",
        "operation-id", operationId, "Connection", "close");

    assertThat(forged.status()).isEqualTo(202);
    assertThat(honest.status()).isEqualTo(202);
    assertThat(honest.header("Operation-Location"))
        .isEqualTo("http://127.0.0.1:" + port() + "/svc/operations/" + operationId + "?api-version=2024-05-01");
    assertThat(Http.get(honest.header("Operation-Location")).statusCode()).isEqualTo(200);
  }

  /**
   * An ARM DELETE of a resource group (its operation id comes from the path) sent with a forged
   * {@code Host}: the victim's own poll of the Location is answered with a Location on its host.
   */
  public void forgedHostOnAnArmDeleteDoesNotReachTheVictimsLocationPoll() {
    String group = "VICTIM-RG-" + UUID.randomUUID();
    String path = "/subscriptions/sub1/resourcegroups/" + group + "?api-version=2021-04-01";

    Http.Exchange forged = Http.exchange(port(), "DELETE", path, null, "Host", "evil.example.com",
        "Connection", "close");
    java.net.URI location = java.net.URI.create(forged.header("Location"));
    String target = location.getRawPath() + "?" + location.getRawQuery();
    Http.Exchange victim = Http.exchange(port(), "GET", target, null, "Connection", "close");

    assertThat(forged.status()).isEqualTo(202);
    assertThat(location.getHost()).isEqualTo("evil.example.com");
    assertThat(target).startsWith("/subscriptions/sub1/providers/Microsoft.Resources/operationResults/");
    assertThat(victim.status()).isEqualTo(202);
    assertThat(victim.header("Location")).isEqualTo("http://127.0.0.1:" + port() + target);
  }

  /**
   * A {@code Host} without its port (App Configuration's signing policy sends {@code Host:
   * 127.0.0.1}) to a server on another port still gets a monitor URL the client can follow.
   */
  public void aHostWithoutPortGetsAMonitorUrlOnThePortTheRequestArrivedOn() {
    String path = "/svc/jobs/" + UUID.randomUUID() + ":run";
    addStart("POST", path, "{\"timeline\":\"Running, Succeeded\"}");

    Http.Exchange started = Http.exchange(port(), "POST", path, "{}", "Host", "127.0.0.1", "Connection", "close");

    assertThat(started.header("Operation-Location")).startsWith("http://127.0.0.1:" + port() + "/svc/operations/");
    HttpResponse<String> polled = Http.get(started.header("Operation-Location"));
    assertThat(polled.statusCode()).isEqualTo(200);
    assertThat((String) JsonPath.read(polled.body(), "$.status")).isEqualTo("Running");
  }
}
