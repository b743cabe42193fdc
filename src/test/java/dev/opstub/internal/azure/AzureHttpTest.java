package dev.opstub.internal.azure;

import static org.assertj.core.api.Assertions.assertThat;

import com.github.tomakehurst.wiremock.WireMockServer;
import com.jayway.jsonpath.JsonPath;
import dev.opstub.testing.AzureClientScenarios;
import dev.opstub.testing.Http;
import dev.opstub.testing.RepositoryServer;
import java.net.http.HttpResponse;
import java.util.ArrayList;
import java.util.List;
import java.util.UUID;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/** The Azure LRO answers on the wire, as a client without an SDK sees them. */
class AzureHttpTest {
  private static WireMockServer server;
  private static AzureClientScenarios scenarios;

  @BeforeAll
  static void start() {
    server = RepositoryServer.start();
    scenarios = new AzureClientScenarios(server.baseUrl());
  }

  @AfterAll
  static void stop() {
    server.stop();
  }

  private static String newPath() {
    return "/svc/jobs/" + UUID.randomUUID() + ":run";
  }

  @Test
  void retryWithForgedHostDoesNotLeakIntoOtherClientsUrls() {
    scenarios.retryWithForgedHostDoesNotLeakIntoOtherClientsUrls();
  }

  @Test
  void forgedHostOnAnArmDeleteDoesNotReachTheVictimsLocationPoll() {
    scenarios.forgedHostOnAnArmDeleteDoesNotReachTheVictimsLocationPoll();
  }

  @Test
  void aHostWithoutPortGetsAMonitorUrlOnThePortTheRequestArrivedOn() {
    scenarios.aHostWithoutPortGetsAMonitorUrlOnThePortTheRequestArrivedOn();
  }

  @Test
  void theAdminApiTakesAResultAsAMappingDoesAndServesIt() {
    String id = "admin-" + UUID.randomUUID();

    HttpResponse<String> created = Http.send("POST", server.baseUrl() + "/__admin/opstub/operations",
        "{\"api\":\"azure\",\"id\":\"" + id + "\",\"timeline\":\"Succeeded\",\"result\":{\"a\":1}}");
    HttpResponse<String> polled = Http.get(server.baseUrl() + "/svc/operations/" + id);

    assertThat(created.statusCode()).as(created.body()).isEqualTo(201);
    assertThat((Integer) JsonPath.read(created.body(), "$.result.a")).isEqualTo(1);
    assertThat(polled.body()).contains("\"result\":{\"a\":1}");
  }

  @Test
  void theAdminApiRefusesAResultThatIsNoJsonObjectInsteadOfServingAnEmptyOne() {
    for (String result : java.util.List.of("\"nope\"", "[1,2]", "42")) {
      HttpResponse<String> refused = Http.send("POST", server.baseUrl() + "/__admin/opstub/operations",
          "{\"api\":\"azure\",\"id\":\"refused-1\",\"timeline\":\"Succeeded\",\"result\":" + result + "}");

      assertThat(refused.statusCode()).as(result).isEqualTo(400);
      assertThat((String) JsonPath.read(refused.body(), "$.error")).as(result).startsWith("result must be a JSON object");
    }
    assertThat(Http.get(server.baseUrl() + "/__admin/opstub/operations/azure/refused-1").statusCode()).isEqualTo(404);
  }

  @Test
  void aResultThatLooksLikeInternalSettingsIsServedAsTheResultItIs() {
    String id = "admin-" + UUID.randomUUID();
    String lookalike = "{\"pattern\":\"location\",\"method\":\"DELETE\",\"baseUrl\":\"http://evil.example.com\","
        + "\"path\":\"/x\",\"locationPath\":\"/x\",\"result\":null}";

    HttpResponse<String> created = Http.send("POST", server.baseUrl() + "/__admin/opstub/operations",
        "{\"api\":\"azure\",\"id\":\"" + id + "\",\"timeline\":\"Succeeded\",\"result\":"
            + com.fasterxml.jackson.databind.node.TextNode.valueOf(lookalike) + "}");
    HttpResponse<String> polled = Http.get(server.baseUrl() + "/svc/operations/" + id);

    assertThat(created.statusCode()).as(created.body()).isEqualTo(201);
    assertThat(polled.statusCode()).isEqualTo(200);
    assertThat(polled.headers().firstValue("Location")).isEmpty();
    assertThat((String) JsonPath.read(polled.body(), "$.status")).isEqualTo("Succeeded");
    assertThat((String) JsonPath.read(polled.body(), "$.result.baseUrl")).isEqualTo("http://evil.example.com");
  }

  @Test
  void aDataPlanePutServesItsResourceWithTheTimelinesStatusUntilItSucceeded() {
    String path = "/svc/things/" + UUID.randomUUID();
    scenarios.addStart("PUT", path, "{\"timeline\":\"NotStarted, Running, Succeeded\","
        + "\"result\":{\"name\":\"t\",\"status\":\"ready\"}}");
    assertThat(Http.send("POST", server.baseUrl() + "/__admin/mappings", "{\"request\":{\"method\":\"GET\",\"urlPath\":\""
        + path + "\"},\"response\":{\"status\":200,\"transformers\":[\"opstub-azure-resource\"]}}").statusCode())
        .isEqualTo(201);

    HttpResponse<String> created = Http.send("PUT", server.baseUrl() + path, "{}");
    String monitor = created.headers().firstValue("Operation-Location").orElseThrow();
    HttpResponse<String> early = Http.get(server.baseUrl() + path);
    Http.get(monitor); // NotStarted
    Http.get(monitor); // Running
    HttpResponse<String> running = Http.get(server.baseUrl() + path);
    Http.get(monitor);
    HttpResponse<String> done = Http.get(server.baseUrl() + path);

    assertThat(created.statusCode()).isEqualTo(201);
    assertThat((String) JsonPath.read(created.body(), "$.status")).isEqualTo("NotStarted");
    assertThat((String) JsonPath.read(created.body(), "$.name")).isEqualTo("t");
    assertThat((String) JsonPath.read(early.body(), "$.status")).isEqualTo("NotStarted");
    assertThat((String) JsonPath.read(running.body(), "$.status")).isEqualTo("Running");
    assertThat((String) JsonPath.read(done.body(), "$.status")).isEqualTo("ready");
  }

  @Test
  void anArmProvisioningStatePutsResourcePollsCarryRetryAfterUntilTheOperationEnds() {
    // ARM's clients wait their 30 s default before each poll that carries no Retry-After.
    String path = "/subscriptions/sub1/resourcegroups/rg1/providers/Microsoft.Resources/deployments/d-"
        + UUID.randomUUID();
    scenarios.addStart("PUT", path, "{\"pattern\":\"provisioning-state\",\"timeline\":\"Accepted, Running, Succeeded\","
        + "\"retryAfter\":\"2s\"}");

    HttpResponse<String> created = Http.send("PUT", server.baseUrl() + path + "?api-version=2024-03-01", "{}");
    List<HttpResponse<String>> polls = new ArrayList<>();
    for (int i = 0; i < 3; i++) {
      polls.add(Http.get(server.baseUrl() + path + "?api-version=2024-03-01"));
    }

    assertThat(created.headers().firstValue("Retry-After")).hasValue("2");
    assertThat(polls).extracting(poll -> (String) JsonPath.read(poll.body(), "$.properties.provisioningState"))
        .containsExactly("Accepted", "Running", "Succeeded");
    assertThat(polls).extracting(poll -> poll.headers().firstValue("Retry-After").orElse("none"))
        .containsExactly("2", "2", "none");
  }

  @Test
  void theStartHandsOutAnAbsoluteMonitorOnTheRequestsBaseUrlKeepingItsApiVersion() {
    String path = newPath();
    scenarios.addStart("POST", path, "{\"timeline\":\"Running, Succeeded\"}");

    HttpResponse<String> started = Http.send("POST", server.baseUrl() + path + "?api-version=2024-05-01", "{}");

    assertThat(started.statusCode()).isEqualTo(202);
    String id = started.headers().firstValue("operation-id").orElseThrow();
    assertThat(started.headers().firstValue("Operation-Location"))
        .hasValue(server.baseUrl() + "/svc/operations/" + id + "?api-version=2024-05-01");
    assertThat(started.headers().firstValue("Retry-After")).hasValue("1");
    assertThat((String) JsonPath.read(started.body(), "$.status")).isEqualTo("Running");
  }

  @Test
  void theMonitorAnswersAnyApiVersionAndTheStartCountsNoPoll() {
    String path = newPath();
    scenarios.addStart("POST", path, "{\"timeline\":\"Running, Succeeded\",\"result\":{\"n\":1}}");
    String monitor = Http.send("POST", server.baseUrl() + path + "?api-version=2024-05-01", "{}")
        .headers().firstValue("Operation-Location").orElseThrow();

    HttpResponse<String> first = Http.get(monitor.replace("2024-05-01", "2099-01-01"));
    HttpResponse<String> second = Http.get(monitor.replaceFirst("\\?.*", ""));

    assertThat((String) JsonPath.read(first.body(), "$.status")).isEqualTo("Running");
    assertThat((String) JsonPath.read(second.body(), "$.status")).isEqualTo("Succeeded");
    assertThat((Integer) JsonPath.read(second.body(), "$.result.n")).isEqualTo(1);
    assertThat(second.headers().firstValue("Retry-After")).isEmpty();
  }

  @Test
  void aMappingCanServeTheWaitInMillisecondsAsXMsRetryAfterMs() {
    String path = newPath();
    scenarios.addStart("POST", path, "{\"timeline\":\"Running x2, Succeeded\",\"retryAfter\":\"300ms\","
        + "\"retryAfterHeader\":\"x-ms-retry-after-ms\"}");

    HttpResponse<String> started = Http.send("POST", server.baseUrl() + path, "{}");
    HttpResponse<String> polled = Http.get(started.headers().firstValue("Operation-Location").orElseThrow());

    for (HttpResponse<String> answer : java.util.List.of(started, polled)) {
      assertThat(answer.headers().firstValue("Retry-After")).hasValue("1");
      assertThat(answer.headers().firstValue("x-ms-retry-after-ms")).hasValue("300");
      assertThat(answer.headers().firstValue("retry-after-ms")).isEmpty();
    }
  }

  @Test
  void aFaultStepIsAnErrorInAzuresShapeAndTheTimelineGoesOn() {
    String path = newPath();
    scenarios.addStart("POST", path, "{\"timeline\":\"Running, http(429, Retry-After=2), Succeeded\"}");
    String monitor = Http.send("POST", server.baseUrl() + path, "{}").headers().firstValue("Operation-Location").orElseThrow();

    Http.get(monitor);
    HttpResponse<String> throttled = Http.get(monitor);
    HttpResponse<String> after = Http.get(monitor);

    assertThat(throttled.statusCode()).isEqualTo(429);
    assertThat(throttled.headers().firstValue("Retry-After")).hasValue("2");
    assertThat(throttled.headers().firstValue("x-ms-error-code")).hasValue("TooManyRequests");
    assertThat((String) JsonPath.read(throttled.body(), "$.error.code")).isEqualTo("TooManyRequests");
    assertThat((String) JsonPath.read(after.body(), "$.status")).isEqualTo("Succeeded");
  }

  @Test
  void aTimeDrivenStepEndsWhenItsSpanHasPassedOnTheServersClock() {
    String path = newPath();
    scenarios.addStart("POST", path, "{\"timeline\":\"Running 2s, Succeeded\"}");
    Http.send("POST", server.baseUrl() + "/__admin/opstub/clock/freeze", null);
    try {
      String monitor = Http.send("POST", server.baseUrl() + path, "{}").headers().firstValue("Operation-Location")
          .orElseThrow();

      String before = JsonPath.read(Http.get(monitor).body(), "$.status");
      Http.send("POST", server.baseUrl() + "/__admin/opstub/clock/advance", "{\"by\": \"2s\"}");
      String after = JsonPath.read(Http.get(monitor).body(), "$.status");

      assertThat(before).isEqualTo("Running");
      assertThat(after).isEqualTo("Succeeded");
    } finally {
      Http.send("POST", server.baseUrl() + "/__admin/opstub/clock/resume", null);
    }
  }

  @Test
  void aRetryWithTheSameOperationIdSeesItsOperationAndAnotherCallWithItIsAConflict() {
    String path = newPath();
    String other = newPath();
    scenarios.addStart("POST", path, "{\"timeline\":\"Running x3, Succeeded\"}");
    scenarios.addStart("POST", other, "{\"timeline\":\"Running x3, Succeeded\"}");
    String id = "retry-" + UUID.randomUUID();

    HttpResponse<String> first = Http.send("POST", server.baseUrl() + path, "{}", "operation-id", id);
    Http.get(first.headers().firstValue("Operation-Location").orElseThrow());
    HttpResponse<String> retried = Http.send("POST", server.baseUrl() + path, "{}", "operation-id", id);
    HttpResponse<String> conflict = Http.send("POST", server.baseUrl() + other, "{}", "operation-id", id);

    assertThat(first.headers().firstValue("operation-id")).hasValue(id);
    assertThat(retried.statusCode()).isEqualTo(202);
    assertThat(scenarios.servedStatuses(id)).containsExactly("Running");
    assertThat(conflict.statusCode()).isEqualTo(409);
    assertThat(conflict.headers().firstValue("x-ms-error-code")).hasValue("OperationIdConflict");
  }

  @Test
  void cancelStopsAnOperationThatHasNotFinished() {
    String path = newPath();
    scenarios.addStart("POST", path, "{\"timeline\":\"Running x5, Succeeded\"}");
    String monitor = Http.send("POST", server.baseUrl() + path, "{}").headers().firstValue("Operation-Location").orElseThrow();
    String monitorUrl = monitor.replaceFirst("\\?.*", "");

    HttpResponse<String> canceled = Http.send("POST", monitorUrl + ":cancel", null);
    HttpResponse<String> after = Http.get(monitor);

    assertThat(canceled.statusCode()).isEqualTo(200);
    assertThat((String) JsonPath.read(canceled.body(), "$.status")).isEqualTo("Canceled");
    assertThat((String) JsonPath.read(after.body(), "$.status")).isEqualTo("Canceled");
  }

  @Test
  void aCanceledOperationKeepsItsCreationTimeItsPollsAndItsScriptedTimeline() {
    String path = newPath();
    scenarios.addStart("POST", path, "{\"timeline\":\"NotStarted, Running x5, Succeeded\"}");
    HttpResponse<String> started = Http.send("POST", server.baseUrl() + path, "{}");
    String monitor = started.headers().firstValue("Operation-Location").orElseThrow();
    String id = started.headers().firstValue("operation-id").orElseThrow();
    Http.get(monitor);
    Http.get(monitor);

    HttpResponse<String> canceled = Http.send("POST", monitor.replaceFirst("\\?.*", "") + ":cancel", null);
    HttpResponse<String> after = Http.get(monitor);
    HttpResponse<String> again = Http.send("POST", monitor.replaceFirst("\\?.*", "") + ":cancel", null);

    String created = JsonPath.read(started.body(), "$.createdDateTime");
    for (HttpResponse<String> answer : List.of(canceled, after, again)) {
      assertThat((String) JsonPath.read(answer.body(), "$.status")).isEqualTo("Canceled");
      assertThat((String) JsonPath.read(answer.body(), "$.createdDateTime")).isEqualTo(created);
    }
    String operation = scenarios.history(id);
    assertThat((Integer) JsonPath.read(operation, "$.polls")).isEqualTo(3);
    assertThat((String) JsonPath.read(operation, "$.timeline")).isEqualTo("NotStarted, Running x5, Succeeded");
    assertThat((Integer) JsonPath.read(operation, "$.step")).as("canceled while running").isEqualTo(2);
    assertThat((String) JsonPath.read(operation, "$.status")).isEqualTo("Canceled");
    assertThat((String) JsonPath.read(operation, "$.canceledTime"))
        .isEqualTo(JsonPath.read(canceled.body(), "$.lastUpdatedDateTime"));
    assertThat(scenarios.servedStatuses(id)).containsExactly("NotStarted", "Running", "Canceled");
  }

  @Test
  void aCancelOfAFinishedOperationAnswersItAsTheClientSawIt() {
    String path = newPath();
    scenarios.addStart("POST", path, "{\"timeline\":\"Running, Failed(Conflict: Busy.)\"}");
    String monitor = Http.send("POST", server.baseUrl() + path, "{}").headers().firstValue("Operation-Location")
        .orElseThrow();
    Http.get(monitor);
    HttpResponse<String> failed = Http.get(monitor);

    HttpResponse<String> canceled = Http.send("POST", monitor.replaceFirst("\\?.*", "") + ":cancel", null);

    assertThat(canceled.statusCode()).isEqualTo(200);
    assertThat(canceled.body()).isEqualTo(failed.body());
    assertThat((String) JsonPath.read(Http.get(monitor).body(), "$.status")).isEqualTo("Failed");
  }

  @Test
  void anOperationTheAdminApiCreatesIsServedOnAnyMonitorPathWithItsResult() {
    String id = "admin-" + UUID.randomUUID();
    HttpResponse<String> created = Http.send("POST", server.baseUrl() + "/__admin/opstub/operations", "{\"api\":\"azure\","
        + "\"id\":\"" + id + "\",\"timeline\":\"Running, Succeeded\",\"result\":\"{\\\"x\\\": 1}\"}");

    String first = Http.get(server.baseUrl() + "/reports/operations/" + id).body();
    String second = Http.get(server.baseUrl() + "/reports/operations/" + id).body();

    assertThat(created.statusCode()).as(created.body()).isEqualTo(201);
    assertThat((String) JsonPath.read(first, "$.status")).isEqualTo("Running");
    assertThat((String) JsonPath.read(second, "$.status")).isEqualTo("Succeeded");
    assertThat((Integer) JsonPath.read(second, "$.result.x")).isEqualTo(1);
    assertThat(scenarios.servedStatuses(id)).containsExactly("Running", "Succeeded");
  }

  @Test
  void anIdNoCallHandedOutIsA404InAzuresErrorShape() {
    HttpResponse<String> unknown = Http.get(server.baseUrl() + "/svc/operations/never-started");

    assertThat(unknown.statusCode()).isEqualTo(404);
    assertThat(unknown.headers().firstValue("x-ms-error-code")).hasValue("NotFound");
    assertThat((String) JsonPath.read(unknown.body(), "$.error.message")).isEqualTo("Operation 'never-started' is not found.");
  }

  @Test
  void aServerRefusesAStubWithAStatusAzureCoreWouldPollForEver() {
    String mapping = "{\"request\":{\"method\":\"POST\",\"urlPath\":\"/svc/x:run\"},\"response\":{\"status\":202,"
        + "\"transformers\":[\"opstub-azure-start\"],\"transformerParameters\":{\"timeline\":\"Running, Cancelled\"}}}";

    HttpResponse<String> added = Http.send("POST", server.baseUrl() + "/__admin/mappings", mapping);

    assertThat(added.statusCode()).isEqualTo(422);
    assertThat(added.body()).contains("spelled with one 'l', Canceled");
  }

  @Test
  void aServerRefusesAnArmStubWhoseRetryAfterIsNotWholeSeconds() {
    String mapping = "{\"request\":{\"method\":\"DELETE\",\"urlPath\":\"/subscriptions/s/resourcegroups/g\"},"
        + "\"response\":{\"status\":202,\"transformers\":[\"opstub-azure-start\"],"
        + "\"transformerParameters\":{\"pattern\":\"location\",\"retryAfter\":\"1500ms\"}}}";

    HttpResponse<String> added = Http.send("POST", server.baseUrl() + "/__admin/mappings", mapping);

    assertThat(added.statusCode()).isEqualTo(422);
    assertThat(added.body()).contains("retryAfter must be whole seconds for the location pattern");
  }

  @Test
  void percentCompletedIsServedStepByStepAndTheLastValueOnceTerminal() {
    String path = newPath();
    scenarios.addStart("POST", path, "{\"timeline\":\"NotStarted, Running x2, Succeeded\","
        + "\"percentCompleted\":[0, 40, 90]}");
    String monitor = Http.send("POST", server.baseUrl() + path, "{}").headers().firstValue("Operation-Location").orElseThrow();

    java.util.List<Integer> served = new java.util.ArrayList<>();
    for (int i = 0; i < 5; i++) {
      served.add(JsonPath.read(Http.get(monitor).body(), "$.percentCompleted"));
    }

    assertThat(served).as("PascalCase statuses, served because the mapping says so").containsExactly(0, 40, 40, 90, 90);
  }

  @Test
  void percentCompletedFalseServesNoneEvenWithCamelCaseStatuses() {
    String path = newPath();
    scenarios.addStart("POST", path, "{\"timeline\":\"Running, Succeeded\",\"statusCase\":\"camelCase\","
        + "\"percentCompleted\":false}");
    String monitor = Http.send("POST", server.baseUrl() + path, "{}").headers().firstValue("Operation-Location").orElseThrow();

    HttpResponse<String> polled = Http.get(monitor);

    assertThat(polled.body()).contains("\"status\":\"running\"").doesNotContain("percentCompleted");
  }

  @Test
  void aServerRefusesPercentCompletedThatIsNotOneNumberPerStep() {
    for (String[] bad : new String[][] {
        {"{\"timeline\":\"Running, Succeeded\",\"percentCompleted\":[0, 50, 100]}",
            "percentCompleted has 3 number(s) and the timeline 2 step(s)"},
        {"{\"percentCompleted\":[0, 150]}", "percentCompleted must be an array of whole numbers from 0 to 100"},
        {"{\"percentCompleted\":true}", "percentCompleted must be an array"}}) {
      String mapping = "{\"request\":{\"method\":\"POST\",\"urlPath\":\"/svc/x:run\"},\"response\":{\"status\":202,"
          + "\"transformers\":[\"opstub-azure-start\"],\"transformerParameters\":" + bad[0] + "}}";

      HttpResponse<String> added = Http.send("POST", server.baseUrl() + "/__admin/mappings", mapping);

      assertThat(added.statusCode()).as(bad[0]).isEqualTo(422);
      assertThat(added.body()).as(bad[0]).contains(bad[1]);
    }
  }

  @Test
  void aServerRefusingPercentCompletedAlsoListsTheArmProblemsOfTheSameMapping() {
    String mapping = "{\"request\":{\"method\":\"DELETE\",\"urlPath\":\"/subscriptions/s/resourcegroups/rg\"},"
        + "\"response\":{\"status\":202,\"transformers\":[\"opstub-azure-start\"],\"transformerParameters\":"
        + "{\"pattern\":\"location\",\"retryAfter\":\"500ms\",\"percentCompleted\":[0, 50, 100]}}}";

    HttpResponse<String> added = Http.send("POST", server.baseUrl() + "/__admin/mappings", mapping);

    assertThat(added.statusCode()).isEqualTo(422);
    assertThat(added.body()).contains("percentCompleted has 3 number(s) and the default timeline (Running, Succeeded) 2 step(s)")
        .contains("retryAfter must be whole seconds");
  }
}
