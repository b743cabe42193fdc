package dev.opstub.standalone;

import static org.assertj.core.api.Assertions.assertThat;

import com.azure.ai.documentintelligence.models.AnalyzeDocumentOptions;
import com.azure.ai.documentintelligence.models.AnalyzeOperationDetails;
import com.azure.ai.documentintelligence.models.AnalyzeResult;
import com.azure.core.util.polling.SyncPoller;
import com.jayway.jsonpath.JsonPath;
import dev.opstub.testing.AzureClientScenarios;
import dev.opstub.testing.AzureClients;
import dev.opstub.testing.Http;
import java.net.http.HttpResponse;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/**
 * Today's Azure clients (azure-core's generic pollers, Document Intelligence 1.0.5, ARM resources
 * 2.53.0) against the repository's mappings on the real standalone jar, in its own JVM.
 */
class StandaloneAzureIT {
  private static StandaloneServer server;
  private static AzureClientScenarios scenarios;

  @BeforeAll
  static void start() {
    server = StandaloneServer.startWithRepositoryMappings();
    scenarios = new AzureClientScenarios(server.baseUrl());
  }

  @AfterAll
  static void stop() {
    if (server != null) {
      server.close();
    }
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
  void behindAProxyEveryUrlIsOnThePublicUrlTheServerWasStartedWith() {
    try (StandaloneServer behind = StandaloneServer.start(StandaloneServer.repositoryRoot(),
        List.of("-Dopstub.publicUrl=https://stubs.example.com"), Map.of(),
        List.of("--root-dir", ".", "--port", "{port}", "--bind-address", "127.0.0.1"))) {
      int port = java.net.URI.create(behind.baseUrl()).getPort();

      Http.Exchange started = Http.exchange(port, "DELETE", "/subscriptions/sub1/resourcegroups/rg-proxied"
          + "?api-version=2021-04-01", null, "Host", "evil.example.com", "Connection", "close");

      assertThat(started.status()).isEqualTo(202);
      assertThat(started.header("Location"))
          .startsWith("https://stubs.example.com/subscriptions/sub1/providers/Microsoft.Resources/operationResults/");
    }
  }

  @Test
  void aPublicUrlThatIsNoHttpBaseUrlStopsTheServerNamingTheForm() {
    ChildJvm.Result result = ChildJvm.run(StandaloneServer.repositoryRoot(), Duration.ofSeconds(90),
        List.of("-Dopstub.publicUrl=stubs.example.com"), StandaloneServer.classpath(), "wiremock.Run",
        List.of("--root-dir", ".", "--port", "0"));

    assertThat(result.exitCode()).isEqualTo(1);
    assertThat(result.stderr()).startsWith("OpStub: the server cannot start: -Dopstub.publicUrl=stubs.example.com is not "
        + "allowed: give the base URL clients reach the server by, http(s)://host[:port][/prefix]");
  }

  @Test
  void realClientsRunsAreJudgedConformingByTheJarsAdminApi() {
    SyncPoller<AnalyzeOperationDetails, AnalyzeResult> analyze = AzureClients.documentIntelligence(server.baseUrl())
        .beginAnalyzeDocument("prebuilt-read", new AnalyzeDocumentOptions("https://example.com/judged.pdf"));
    String analyzed = analyze.waitForCompletion(Duration.ofSeconds(30)).getValue().getResultId();
    analyze.poll(); // one result fetch of the monitor after succeeded, as Form Recognizer clients do: allowed
    AzureClients.resourceManager(server.baseUrl()).resourceGroups().deleteByName("rg-judged");
    String deleted = UUID.nameUUIDFromBytes("/subscriptions/sub1/resourcegroups/rg-judged".getBytes()).toString();

    for (String id : List.of(analyzed, deleted)) {
      HttpResponse<String> judged = Http.get(server.baseUrl() + "/__admin/opstub/operations/azure/" + id + "/conformance");
      assertThat(judged.statusCode()).as(judged.body()).isEqualTo(200);
      assertThat(JsonPath.<List<String>>read(judged.body(), "$.violations")).as(judged.body()).isEmpty();
      assertThat(JsonPath.<Boolean>read(judged.body(), "$.conforms")).isTrue();
      assertThat(JsonPath.<List<String>>read(judged.body(), "$.rules[?(@.id == 'stopped-once-terminal')].outcome"))
          .containsExactly("passed");
    }
  }

  @Test
  void genericSyncPollerCompletesWithTheScriptedResult() {
    scenarios.genericSyncPollerCompletesWithTheScriptedResult();
  }

  @Test
  void genericSyncPollerFailsAsScripted() {
    scenarios.genericSyncPollerFailsAsScripted();
  }

  @Test
  void genericSyncPollerIsCanceledAsScripted() {
    scenarios.genericSyncPollerIsCanceledAsScripted();
  }

  @Test
  void genericAsyncPollerCompletesFailsAndIsCanceledAsScripted() {
    scenarios.genericAsyncPollerCompletesFailsAndIsCanceledAsScripted();
  }

  @Test
  void documentIntelligenceAnalyzeSucceedsWithTheShippedResult() {
    scenarios.documentIntelligenceAnalyzeSucceedsWithTheShippedResult();
  }

  @Test
  void documentIntelligenceAnalyzeFailsWithTheScriptedErrorOnThePollValue() {
    scenarios.documentIntelligenceAnalyzeFailsWithTheScriptedErrorOnThePollValue();
  }

  @Test
  void documentIntelligenceAnalyzeHonoursRetryAfter() {
    scenarios.documentIntelligenceAnalyzeHonoursRetryAfter();
  }

  @Test
  void documentIntelligenceBuildCompletesWithItsResult() {
    scenarios.documentIntelligenceBuildCompletesWithItsResult();
  }

  @Test
  void armResourceGroupDeleteThroughLocation() {
    scenarios.armResourceGroupDeleteThroughLocation();
  }

  @Test
  void armResourceGroupDeleteThroughAzureAsyncOperation() {
    scenarios.armResourceGroupDeleteThroughAzureAsyncOperation();
  }

  @Test
  void armDeploymentPutPollsToSucceeded() {
    scenarios.armDeploymentPutPollsToSucceeded();
  }

  @Test
  void armDeploymentPutPollsTheResourcesProvisioningStateToSucceeded() {
    scenarios.armDeploymentPutPollsTheResourcesProvisioningStateToSucceeded();
  }

  @Test
  void armFailuresCarryTheScriptedCodeAndMessage() {
    scenarios.armFailuresCarryTheScriptedCodeAndMessage();
  }
}
