package dev.opstub.internal.azure;

import com.github.tomakehurst.wiremock.WireMockServer;
import dev.opstub.testing.AzureClientScenarios;
import dev.opstub.testing.RepositoryServer;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/**
 * One Azure operation polled, started or canceled by many threads at once on one server with the
 * state in memory. (Three servers sharing Redis: SharedStoreTest and SharedStoreIT run the same
 * scenarios.)
 */
class AzureConcurrentPollsTest {
  private static WireMockServer server;

  @BeforeAll
  static void start() {
    server = RepositoryServer.start();
  }

  @AfterAll
  static void stop() {
    server.stop();
  }

  @Test
  void sixteenThreadsPollingOneOperationSeeEachStepExactlyAsOftenAsTheTimelineSays() throws Exception {
    AzureClientScenarios.sixteenThreadsPollingOneOperationSeeEachStepExactlyAsOftenAsTheTimelineSays(
        i -> server.baseUrl(), 1);
  }

  @Test
  void sixteenCallsWithOneOperationIdAtOnceStartOneOperationAndTheOthersAre409() throws Exception {
    AzureClientScenarios.sixteenCallsWithOneOperationIdAtOnceStartOneOperationAndTheOthersAre409(
        i -> server.baseUrl(), 1);
  }

  @Test
  void sixteenIdenticalRetriesAtOnceSeeOneOperation() throws Exception {
    AzureClientScenarios.sixteenIdenticalRetriesAtOnceSeeOneOperation(i -> server.baseUrl(), 1);
  }

  @Test
  void aCancelRacingPollsNeverShowsAnEndAndThenAnotherStatus() throws Exception {
    AzureClientScenarios.aCancelRacingPollsOnOtherServersNeverShowsAnEndAndThenAnotherStatus(i -> server.baseUrl(), 1);
  }
}
