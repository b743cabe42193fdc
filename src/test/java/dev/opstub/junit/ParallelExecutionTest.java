package dev.opstub.junit;

import static org.assertj.core.api.Assertions.assertThat;
import static org.junit.platform.engine.discovery.DiscoverySelectors.selectClass;

import com.jayway.jsonpath.JsonPath;
import dev.opstub.testing.Http;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.RepeatedTest;
import org.junit.platform.testkit.engine.EngineExecutionResults;
import org.junit.platform.testkit.engine.EngineTestKit;
import org.junit.jupiter.api.Test;

/**
 * 60 annotated tests over both APIs, run by JUnit with classes and methods concurrent, three
 * times over: every test polls the same ids as the others with its own timeline, so any leak
 * between tests would show as a wrong sequence or a foreign poll.
 */
class ParallelExecutionTest {
  static final String FACE_ID = "a63a3bdd-a1db-4d05-87b8-dbad6850062a";
  static final String MEDIA_ID = "nb:opid:UUID:ab66eff9-8945-4323-9f91-d257a695899b";
  static final AtomicInteger running = new AtomicInteger();
  static final AtomicInteger mostAtOnce = new AtomicInteger();
  /**
   * The first test of a round waits here for a second one, so two tests surely run at once when
   * JUnit runs them concurrently (and the round fails, not hangs, when it does not).
   */
  static volatile CountDownLatch rendezvous;

  /** Counts how many tests run at the same moment. */
  abstract static class Counted {
    @BeforeEach
    void enter() throws InterruptedException {
      mostAtOnce.accumulateAndGet(running.incrementAndGet(), Math::max);
      rendezvous.countDown();
      assertThat(rendezvous.await(30, TimeUnit.SECONDS)).as("a second test started while this one ran").isTrue();
    }

    @AfterEach
    void leave() {
      running.decrementAndGet();
    }

    static String faceStatus(OpStubServer server, String id) {
      return JsonPath.read(Http.get(server.faceEndpoint() + "/operations/" + id, "Ocp-Apim-Subscription-Key", "k").body(), "$.status");
    }

    static String mediaState(OpStubServer server, String id) {
      return JsonPath.read(Http.get(server.mediaApiRoot() + "Operations('" + id + "')",
          "Authorization", "Bearer t", "x-ms-version", "2.19").body(), "$.State");
    }
  }

  @OperationStub(api = Api.FACE, id = FACE_ID, timeline = "running x3, succeeded")
  static class FaceById extends Counted {
    @RepeatedTest(15)
    void seesOnlyItsOwnPolls(OpStubServer server) {
      for (int i = 0; i < 3; i++) {
        assertThat(faceStatus(server, FACE_ID)).isEqualTo("running");
      }
      assertThat(faceStatus(server, FACE_ID)).isEqualTo("succeeded");
      assertThat(server.allPolls()).hasSize(4);
    }
  }

  static class FaceEveryId extends Counted {
    @RepeatedTest(15)
    @OperationStub(api = Api.FACE, timeline = "notStarted, running, failed(edited)")
    void everyIdFollowsTheMethodsTimeline(OpStubServer server) {
      assertThat(faceStatus(server, FACE_ID)).isEqualTo("notStarted");
      assertThat(faceStatus(server, FACE_ID)).isEqualTo("running");
      assertThat(faceStatus(server, FACE_ID)).isEqualTo("failed");
      assertThat(server.allPolls()).hasSize(3);
    }
  }

  @OperationStub(api = Api.MEDIA, timeline = "InProgress x2, Failed(Timeout)")
  static class MediaStarted extends Counted {
    @RepeatedTest(15)
    void operationsItStartsFollowTheClassTimeline(OpStubServer server) {
      String id = Http.send("POST", server.mediaApiRoot() + "Channels('nb:chid:UUID:1e518dbc-91ef-4044-a8bd-d20769dae833')/Start",
          "", "Authorization", "Bearer t", "x-ms-version", "2.19").headers().firstValue("operation-id").orElseThrow();
      assertThat(mediaState(server, id)).isEqualTo("InProgress");
      assertThat(mediaState(server, id)).isEqualTo("InProgress");
      assertThat(mediaState(server, id)).isEqualTo("Failed");
      assertThat(server.allPolls()).hasSize(3);
    }
  }

  static class MediaById extends Counted {
    @RepeatedTest(15)
    @OperationStub(api = Api.MEDIA, id = MEDIA_ID, timeline = "InProgress, Succeeded")
    void theSeedIdFollowsThisTestsTimeline(OpStubServer server) {
      assertThat(mediaState(server, MEDIA_ID)).isEqualTo("InProgress");
      assertThat(mediaState(server, MEDIA_ID)).isEqualTo("Succeeded");
      assertThat(server.polls(Api.MEDIA, MEDIA_ID)).hasSize(2);
    }
  }

  @Test
  void aSuiteOfSixtyAnnotatedTestsPassesRepeatedlyWithClassesAndMethodsConcurrent() {
    for (int round = 1; round <= 3; round++) {
      mostAtOnce.set(0);
      rendezvous = new CountDownLatch(2);
      EngineExecutionResults results = EngineTestKit.engine("junit-jupiter")
          .configurationParameter("junit.jupiter.execution.parallel.enabled", "true")
          .configurationParameter("junit.jupiter.execution.parallel.mode.default", "concurrent")
          .configurationParameter("junit.jupiter.execution.parallel.mode.classes.default", "concurrent")
          .configurationParameter("junit.jupiter.execution.parallel.config.strategy", "fixed")
          .configurationParameter("junit.jupiter.execution.parallel.config.fixed.parallelism", "8")
          .selectors(selectClass(FaceById.class), selectClass(FaceEveryId.class), selectClass(MediaStarted.class),
              selectClass(MediaById.class))
          .execute();

      results.testEvents().assertStatistics(stats -> stats.started(60).succeeded(60).failed(0));
      assertThat(mostAtOnce.get()).as("tests ran concurrently in round %d", round).isGreaterThan(1);
    }
  }
}
