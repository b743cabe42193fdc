package dev.opstub.internal.azure;

import com.github.tomakehurst.wiremock.WireMockServer;
import dev.opstub.testing.AzureClientScenarios;
import dev.opstub.testing.RepositoryServer;
import org.junit.jupiter.api.Test;

/**
 * One Azure operation polled by sixteen threads at once on one server with the state in memory.
 * (Three servers sharing Redis: SharedStoreTest and SharedStoreIT run the same scenario.)
 */
class AzureConcurrentPollsTest {

  @Test
  void sixteenThreadsPollingOneOperationSeeEachStepExactlyAsOftenAsTheTimelineSays() throws Exception {
    WireMockServer server = RepositoryServer.start();
    try {
      AzureClientScenarios.sixteenThreadsPollingOneOperationSeeEachStepExactlyAsOftenAsTheTimelineSays(
          i -> server.baseUrl(), 1);
    } finally {
      server.stop();
    }
  }
}
