package dev.opstub.standalone;

import dev.opstub.testing.AzureClientScenarios;
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
