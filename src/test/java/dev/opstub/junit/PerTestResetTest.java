package dev.opstub.junit;

import static org.assertj.core.api.Assertions.assertThat;
import static org.junit.platform.engine.discovery.DiscoverySelectors.selectClass;

import dev.opstub.testing.Http;
import org.junit.jupiter.api.Test;
import org.junit.platform.testkit.engine.EngineTestKit;

/**
 * Every test starts with no state of any kind from the test before: each test of {@link
 * TakesSnapshots} finds no snapshot, takes one and polls it into existence, so whichever of the
 * two runs second fails if the first one's snapshot is still there.
 */
class PerTestResetTest {

  @Test
  void aSnapshotTakenInOneTestIsGoneInTheNext() {
    EngineTestKit.engine("junit-jupiter").selectors(selectClass(TakesSnapshots.class)).execute()
        .testEvents().assertStatistics(stats -> stats.started(2).succeeded(2).failed(0));
  }

  @OperationStub(api = Api.FACE, timeline = "succeeded")
  static class TakesSnapshots {
    @Test
    void first(OpStubServer server) {
      takeASnapshotOnACleanServer(server);
    }

    @Test
    void second(OpStubServer server) {
      takeASnapshotOnACleanServer(server);
    }

    private static void takeASnapshotOnACleanServer(OpStubServer server) {
      String face = server.faceEndpoint();
      assertThat(Http.get(face + "/snapshots", "Ocp-Apim-Subscription-Key", "k").body()).isEqualTo("[]");
      assertThat(server.allPolls()).isEmpty();
      assertThat(server.now()).isCloseTo(java.time.Instant.now(), org.assertj.core.api.Assertions.within(
          1, java.time.temporal.ChronoUnit.MINUTES));
      String location = Http.send("POST", face + "/snapshots", "{\"type\":\"PersonGroup\",\"objectId\":\"g\","
          + "\"applyScope\":[\"e58b3f08-1e8b-4165-81df-aa9858f233dc\"]}", "Ocp-Apim-Subscription-Key", "k",
          "Content-Type", "application/json").headers().firstValue("Operation-Location").orElseThrow();
      Http.get(face + location, "Ocp-Apim-Subscription-Key", "k");
      assertThat(Http.get(face + "/snapshots", "Ocp-Apim-Subscription-Key", "k").body()).contains("PersonGroup");
      // A frozen, advanced clock must not leak either.
      server.freezeClock();
      server.advanceClock(java.time.Duration.ofDays(3650));
    }
  }
}
