package dev.opstub.internal.azure;

import com.github.tomakehurst.wiremock.WireMockServer;
import dev.opstub.testing.AzureClientScenarios;
import dev.opstub.testing.RepositoryServer;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/** The real Azure clients against the repository's mappings in process (the standalone jar: StandaloneAzureIT). */
class AzureRealClientsTest {
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
  void armFailuresCarryTheScriptedCodeAndMessage() {
    scenarios.armFailuresCarryTheScriptedCodeAndMessage();
  }
}
