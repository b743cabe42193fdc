package dev.opstub.junit;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.within;
import static org.junit.platform.engine.discovery.DiscoverySelectors.selectClass;

import com.github.tomakehurst.wiremock.client.WireMock;
import dev.opstub.testing.Http;
import java.time.Duration;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import org.junit.jupiter.api.Test;
import org.junit.platform.testkit.engine.EngineTestKit;

/**
 * Every test starts with no state of any kind from the test before. Each test of {@link
 * LeavesEverythingBehind} first checks that the server is clean, then leaves every kind of state
 * behind (an operation added through the handle and polled, a snapshot, a stub of its own, a
 * frozen and advanced clock): whichever of the two runs second fails if anything leaked, in any
 * order JUnit picks.
 */
class PerTestResetTest {
  static final String ADDED_ID = "0c0c0c0c-0000-4000-8000-000000000001";

  @Test
  void nothingATestLeavesBehindReachesTheNextTest() {
    EngineTestKit.engine("junit-jupiter").selectors(selectClass(LeavesEverythingBehind.class)).execute()
        .testEvents().assertStatistics(stats -> stats.started(2).succeeded(2).failed(0));
  }

  @OperationStub(api = Api.FACE, timeline = "succeeded")
  static class LeavesEverythingBehind {
    @Test
    void first(OpStubServer server) {
      expectACleanServerThenLeaveStateBehind(server);
    }

    @Test
    void second(OpStubServer server) {
      expectACleanServerThenLeaveStateBehind(server);
    }

    private static void expectACleanServerThenLeaveStateBehind(OpStubServer server) {
      String face = server.faceEndpoint();
      assertThat(Http.get(face + "/snapshots", "Ocp-Apim-Subscription-Key", "k").body()).as("snapshots").isEqualTo("[]");
      assertThat(server.allPolls()).as("polls").isEmpty();
      assertThat(server.isLive(Api.FACE, ADDED_ID)).as("operation added through the handle").isFalse();
      assertThat(Http.get(server.baseUrl() + "/hello").statusCode()).as("the test's own stub").isEqualTo(404);
      assertThat(server.now()).as("clock").isCloseTo(Instant.now(), within(1, ChronoUnit.MINUTES));

      server.addOperation(Api.FACE, ADDED_ID, "running");
      Http.get(face + "/operations/" + ADDED_ID, "Ocp-Apim-Subscription-Key", "k");
      String location = Http.send("POST", face + "/snapshots", "{\"type\":\"PersonGroup\",\"objectId\":\"g\","
          + "\"applyScope\":[\"e58b3f08-1e8b-4165-81df-aa9858f233dc\"]}", "Ocp-Apim-Subscription-Key", "k",
          "Content-Type", "application/json").headers().firstValue("Operation-Location").orElseThrow();
      Http.get(face + location, "Ocp-Apim-Subscription-Key", "k");
      assertThat(Http.get(face + "/snapshots", "Ocp-Apim-Subscription-Key", "k").body()).contains("PersonGroup");
      server.wireMock().register(WireMock.get("/hello").willReturn(WireMock.ok("hi")));
      server.freezeClock();
      server.advanceClock(Duration.ofDays(3650));
    }
  }
}
