package dev.opstub.junit;

import static dev.opstub.junit.OpStubAssertions.assertThatClient;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.azure.ai.documentintelligence.models.AnalyzeDocumentOptions;
import com.azure.ai.documentintelligence.models.AnalyzeResult;
import com.azure.core.http.HttpMethod;
import com.azure.core.util.polling.LongRunningOperationStatus;
import com.azure.resourcemanager.resources.ResourceManager;
import dev.opstub.examples.MediaChannelClient;
import dev.opstub.internal.conformance.Judgement;
import dev.opstub.internal.conformance.Outcome;
import dev.opstub.internal.conformance.Rules;
import dev.opstub.internal.conformance.Verdict;
import dev.opstub.testing.AzureClients;
import dev.opstub.testing.Http;
import java.net.http.HttpResponse;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.stream.Collectors;
import org.junit.jupiter.api.Test;

/**
 * The real clients of the suite are judged conforming on their normal runs; a client of the test's
 * own that breaks three rules is caught by exactly those; a 429 with Retry-After shows the retry.
 */
class ClientConformanceTest {

  /** The outcome of each rule of the test's one judged operation. */
  private static Map<String, Outcome> outcomes(OpStubServer server, String stubName) {
    List<Judgement> judgements = server.judgements(stubName);
    assertThat(judgements).hasSize(1);
    return judgements.get(0).verdicts().stream().collect(Collectors.toMap(Verdict::rule, Verdict::outcome));
  }

  @Test
  @OperationStub(apiName = "azure", name = "analyze", timeline = "NotStarted, Running x2, Succeeded", retryAfter = "100ms",
      with = {"method=POST", "path=/documentintelligence/documentModels/[^/:]+:analyze", "statusCase=camelCase",
          "resultProperty=analyzeResult", "result={\"content\": \"judged\"}"})
  void documentIntelligenceFollowsTheGuidelinesOnANormalRun(OpStubServer server) {
    AnalyzeResult result = AzureClients.documentIntelligence(server.baseUrl())
        .beginAnalyzeDocument("any-model", new AnalyzeDocumentOptions("https://example.com/a.pdf")).getFinalResult();

    assertThat(result.getContent()).isEqualTo("judged");
    assertThatClient(server).followsTheGuidelines();
    assertThatClient(server, "analyze").waitedAtLeastRetryAfter().sentItsCredentialOnEveryPoll()
        .followedTheUrlItWasHanded();
    assertThat(outcomes(server, "analyze")).containsEntry(Rules.WAITED_RETRY_AFTER, Outcome.PASSED)
        .containsEntry(Rules.SENT_CREDENTIAL, Outcome.PASSED).containsEntry(Rules.FOLLOWED_HANDED_URL, Outcome.PASSED);
  }

  @Test
  @OperationStub(apiName = "azure", name = "job", timeline = "Running x2, Succeeded", retryAfter = "50ms",
      with = {"method=POST", "path=/jobs/[^/:]+:run", "result={\"answer\": 42}"})
  void azureCoresDefaultPollerFollowsTheGuidelines(OpStubServer server) {
    var poller = AzureClients.syncPoller(server.baseUrl(), HttpMethod.POST, "/jobs/j1:run?api-version=2024-01-01", "{}");

    assertThat(poller.waitForCompletion(Duration.ofSeconds(30)).getStatus())
        .isEqualTo(LongRunningOperationStatus.SUCCESSFULLY_COMPLETED);
    poller.getFinalResult();
    assertThatClient(server, "job").followsTheGuidelines();
  }

  @Test
  @OperationStub(apiName = "azure", name = "delete", timeline = "Deleting, Succeeded",
      with = {"method=DELETE", "path=/subscriptions/[^/]+/resourcegroups/[^/]+", "pattern=location"})
  void armResourcesFollowTheLocationPattern(OpStubServer server) {
    ResourceManager arm = AzureClients.resourceManager(server.baseUrl());

    arm.resourceGroups().deleteByName("rg-judged");

    assertThatClient(server, "delete").followsTheGuidelines();
    assertThat(server.pollsOf("delete")).extracting(RecordedPoll::httpStatus).containsExactly(202, 204);
    // Both answers differ from the 200 the store guessed: the entries amended keep the request line.
    assertThat(server.judgements("delete").get(0).polls()).allSatisfy(poll -> assertThat(poll.url())
        .startsWith("/subscriptions/sub1/providers/Microsoft.Resources/operationResults/").contains("api-version="));
  }

  @Test
  @OperationStub(apiName = "azure", name = "delete", timeline = "InProgress, Succeeded",
      with = {"method=DELETE", "path=/subscriptions/[^/]+/resourcegroups/[^/]+", "pattern=azure-async-operation"})
  void armResourcesFinalGetOfLocationAfterTheMonitorIsNoPollAfterTheEnd(OpStubServer server) {
    ResourceManager arm = AzureClients.resourceManager(server.baseUrl());

    arm.resourceGroups().deleteByName("rg-async");

    assertThatClient(server, "delete").followsTheGuidelines();
    assertThat(outcomes(server, "delete")).containsEntry(Rules.STOPPED_ONCE_TERMINAL, Outcome.PASSED);
  }

  @Test
  @OperationStub(apiName = "media", name = "channel", timeline = "InProgress x2, Succeeded")
  void theLegacyMediaClientFollowsTheMediaSeed(OpStubServer server) throws Exception {
    MediaChannelClient client = new MediaChannelClient(server.baseUrl() + "/api/", "token", Duration.ofMillis(10));

    client.startChannel("nb:chid:UUID:1e518dbc-91ef-4044-a8bd-d20769dae833");

    assertThatClient(server, "channel").followsTheGuidelines();
    assertThat(outcomes(server, "channel")).containsEntry(Rules.SENT_CREDENTIAL, Outcome.PASSED)
        .containsEntry(Rules.FOLLOWED_HANDED_URL, Outcome.PASSED).containsEntry(Rules.WAITED_RETRY_AFTER,
            Outcome.NOT_APPLICABLE);
  }

  @Test
  @OperationStub(apiName = "azure", name = "job", timeline = "Running, http(429, Retry-After=1), Running, Succeeded",
      retryAfter = "50ms", with = {"method=POST", "path=/jobs/[^/:]+:run"})
  void aServed429WithRetryAfterIsShownWithTheClientsRetry(OpStubServer server) {
    var poller = AzureClients.syncPoller(server.baseUrl(), HttpMethod.POST, "/jobs/j2:run?api-version=2024-01-01", "{}");

    assertThat(poller.waitForCompletion(Duration.ofSeconds(30)).getStatus())
        .isEqualTo(LongRunningOperationStatus.SUCCESSFULLY_COMPLETED);

    assertThatClient(server, "job").followsTheGuidelines();
    Judgement judgement = server.judgements("job").get(0);
    assertThat(judgement.polls()).extracting(poll -> poll.httpStatus()).containsExactly(200, 429, 200, 200);
    assertThat(judgement.polls().get(1).retryAfter()).isEqualTo(Duration.ofSeconds(1));
    assertThat(Duration.between(judgement.polls().get(1).time(), judgement.polls().get(2).time()))
        .isGreaterThanOrEqualTo(Duration.ofSeconds(1));
    assertThat(outcomes(server, "job")).containsEntry(Rules.RETRIED_FAULTS, Outcome.PASSED)
        .containsEntry(Rules.WAITED_RETRY_AFTER, Outcome.PASSED);
  }

  // --- a client of the test's own that breaks three rules

  /**
   * Ignores Retry-After, builds its own monitor URL from the id (without api-version), and polls
   * twice more after the end.
   */
  private static void pollCarelessly(OpStubServer server) {
    HttpResponse<String> started = Http.send("POST", server.baseUrl() + "/jobs/careless:run?api-version=2024-01-01",
        "{}", "Content-Type", "application/json", "api-key", "k");
    String handed = started.headers().firstValue("Operation-Location").orElseThrow();
    String id = handed.replaceFirst("\\?.*", "").replaceFirst(".*/", "");
    String own = server.baseUrl() + "/operations/" + id;
    Http.get(handed, "api-key", "k");
    String status;
    do {
      status = Http.get(own, "api-key", "k").body();
    } while (!status.contains("Succeeded"));
    Http.get(handed, "api-key", "k");
    Http.get(handed, "api-key", "k");
  }

  @Test
  @OperationStub(apiName = "azure", name = "careless", timeline = "Running x2, Succeeded", retryAfter = "30s",
      with = {"method=POST", "path=/jobs/[^/:]+:run"})
  void aCarelessClientIsCaughtByExactlyTheRulesItBreaks(OpStubServer server) {
    pollCarelessly(server);

    assertThat(outcomes(server, "careless")).containsExactlyInAnyOrderEntriesOf(Map.of(
        Rules.WAITED_RETRY_AFTER, Outcome.VIOLATED,
        Rules.STOPPED_ONCE_TERMINAL, Outcome.VIOLATED,
        Rules.FOLLOWED_HANDED_URL, Outcome.VIOLATED,
        Rules.RETRIED_FAULTS, Outcome.NOT_APPLICABLE,
        Rules.BOUNDED_POLLS, Outcome.PASSED,
        Rules.SENT_CREDENTIAL, Outcome.PASSED,
        Rules.POLLED_HANDED_IDS, Outcome.PASSED));
  }

  @Test
  @OperationStub(apiName = "azure", name = "careless", timeline = "Running x2, Succeeded", retryAfter = "30s",
      with = {"method=POST", "path=/jobs/[^/:]+:run"})
  void theFailureHasOneLinePerViolationWithRulePollExpectedAndHappened(OpStubServer server) {
    pollCarelessly(server);

    assertThatThrownBy(() -> assertThatClient(server).followsTheGuidelines())
        .isInstanceOf(AssertionError.class)
        .hasMessageContaining("but 5 violations:")
        .hasMessageContaining("waited-retry-after, poll 2: expected at least 30000 ms after poll 1 (its Retry-After); "
            + "happened: came ")
        .hasMessageContaining("followed-handed-url, poll 2: expected /jobs/operations/")
        .hasMessageContaining("?api-version=2024-01-01 (the URL it was handed); happened: polled /operations/")
        .hasMessageContaining("stopped-once-terminal, poll 5: expected no poll after poll 3 (served Succeeded) beyond "
            + "the pattern's one final read")
        .hasMessageNotContaining("poll 4: expected no poll");
    assertThatThrownBy(() -> assertThatClient(server).waitedAtLeastRetryAfter())
        .hasMessageContaining("to keep waited-retry-after, but 2 violations");
    assertThatClient(server).sentItsCredentialOnEveryPoll().polledOnlyIdsItWasHanded().polledABoundedNumberOfTimes();
  }

  @Test
  @OperationStub(apiName = "azure", name = "careless", timeline = "Running x2, Succeeded", retryAfter = "30s",
      with = {"method=POST", "path=/jobs/[^/:]+:run"})
  void aWaivedRuleIsShownWithItsReasonAndFailsNothing(OpStubServer server) {
    pollCarelessly(server);

    assertThatClient(server)
        .waiving(GuidelineRule.WAITED_RETRY_AFTER, "this client is a load test: it polls as fast as it can")
        .waiving(GuidelineRule.FOLLOWED_HANDED_URL, "the gateway under test rewrites monitor URLs")
        .waiving(GuidelineRule.STOPPED_ONCE_TERMINAL, "it reads the result twice, on purpose")
        .followsTheGuidelines();
    Verdict waived = server.judgements("careless").get(0).verdict(Rules.WAITED_RETRY_AFTER);
    assertThat(waived.outcome()).isEqualTo(Outcome.WAIVED);
    assertThat(waived.note()).isEqualTo("this client is a load test: it polls as fast as it can");
    assertThat(waived.violations()).hasSize(2);
    assertThatThrownBy(() -> assertThatClient(server).waiving(GuidelineRule.BOUNDED_POLLS, " "))
        .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("needs a reason");
  }

  @Test
  @OperationStub(apiName = "azure", name = "careless", timeline = "Running x2, Succeeded", retryAfter = "30s",
      with = {"method=POST", "path=/jobs/[^/:]+:run"})
  void aWaiverLastsOnlyForItsTest(OpStubServer server) {
    pollCarelessly(server);

    assertThat(outcomes(server, "careless")).containsEntry(Rules.WAITED_RETRY_AFTER, Outcome.VIOLATED);
  }

  @Test
  @OperationStub(apiName = "face", name = "snapshot", timeline = "running, succeeded")
  void anAssertionWithNothingToJudgeFailsInsteadOfPassing(OpStubServer server) {
    assertThatThrownBy(() -> assertThatClient(server).followsTheGuidelines())
        .hasMessageContaining("the server recorded no poll to judge");
  }
}
