package dev.opstub.reliability;

import static com.github.tomakehurst.wiremock.core.WireMockConfiguration.options;
import static org.assertj.core.api.Assertions.assertThat;

import com.github.tomakehurst.wiremock.WireMockServer;
import dev.opstub.internal.state.PollRecord;
import dev.opstub.internal.wiremock.Pack;
import dev.opstub.testing.Http;
import dev.opstub.wiremock.OpStubExtensions;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.Map;
import java.util.Random;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import java.util.stream.Collectors;
import org.junit.jupiter.api.Test;

/**
 * Many threads polling the same and different ids of both APIs over HTTP: every operation served
 * exactly its timeline, in order, no poll lost or repeated.
 */
class ConcurrentPollsTest {

  @Test
  void everyOperationServesExactlyItsTimelineUnderConcurrentPolls() throws Exception {
    Pack pack = Pack.fromSystemProperties();
    WireMockServer server = new WireMockServer(options().dynamicPort().bindAddress("127.0.0.1")
        .usingFilesUnderDirectory(".").containerThreads(32).extensions(pack.extensions()));
    server.start();
    try {
      List<String> faceIds = new ArrayList<>();
      List<String> mediaIds = new ArrayList<>();
      for (int i = 0; i < 6; i++) {
        faceIds.add(String.format("0d0d0d0d-0000-4000-8000-%012d", i));
        mediaIds.add(String.format("nb:opid:UUID:0e0e0e0e-0000-4000-8000-%012d", i));
        Http.send("POST", server.baseUrl() + "/__admin/opstub/operations", "{\"api\":\"face\",\"id\":\""
            + faceIds.get(i) + "\",\"timeline\":\"notStarted x5, running x40, succeeded\"}");
        Http.send("POST", server.baseUrl() + "/__admin/opstub/operations", "{\"api\":\"media\",\"id\":\""
            + mediaIds.get(i) + "\",\"timeline\":\"InProgress x45, Failed(Timeout)\"}");
      }
      int threads = 16;
      int pollsEach = 60;
      CountDownLatch go = new CountDownLatch(1);
      ExecutorService pool = Executors.newFixedThreadPool(threads);
      try {
        List<Future<?>> done = new ArrayList<>();
        for (int t = 0; t < threads; t++) {
          Random random = new Random(t);
          done.add(pool.submit(() -> {
            go.await();
            for (int i = 0; i < pollsEach; i++) {
              // Half the threads hammer one id of each API; the others spread over all ids.
              int which = random.nextBoolean() ? 0 : random.nextInt(6);
              if (random.nextBoolean()) {
                Http.get(server.baseUrl() + "/face/v1.0-preview/operations/" + faceIds.get(which),
                    "Ocp-Apim-Subscription-Key", "k");
              } else {
                Http.get(server.baseUrl() + "/api/Operations('" + mediaIds.get(which) + "')",
                    "Authorization", "Bearer t", "x-ms-version", "2.19");
              }
            }
            return null;
          }));
        }
        go.countDown();
        for (Future<?> f : done) {
          f.get(2, TimeUnit.MINUTES);
        }
      } finally {
        pool.shutdownNow();
      }

      Map<String, List<PollRecord>> byOperation = pack.state().polls().stream()
          .collect(Collectors.groupingBy(p -> p.api() + " " + p.operationId()));
      assertThat(byOperation.values().stream().mapToInt(List::size).sum()).isEqualTo(threads * pollsEach);
      for (Map.Entry<String, List<PollRecord>> entry : byOperation.entrySet()) {
        List<PollRecord> polls = entry.getValue();
        long served = polls.size();
        // Exactly the first `served` polls of the timeline, whatever order threads recorded them in.
        List<String> expected = new ArrayList<>();
        for (int i = 0; i < served; i++) {
          expected.add(entry.getKey().startsWith("face")
              ? (i < 5 ? "notStarted" : i < 45 ? "running" : "succeeded")
              : (i < 45 ? "InProgress" : "Failed"));
        }
        List<String> actual = new ArrayList<>(polls.stream().map(PollRecord::status).toList());
        Collections.sort(actual);
        Collections.sort(expected);
        assertThat(actual).as(entry.getKey()).isEqualTo(expected);
        assertThat(polls).as(entry.getKey()).allSatisfy(p -> assertThat(p.httpStatus()).isEqualTo(200));
      }
      String busiest = byOperation.keySet().stream().max((a, b) -> byOperation.get(a).size() - byOperation.get(b).size()).orElseThrow();
      assertThat(byOperation.get(busiest).size()).as("one id was polled concurrently many times").isGreaterThan(100);
    } finally {
      server.stop();
    }
  }
}
