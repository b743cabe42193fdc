package dev.opstub.junit;

import static org.assertj.core.api.Assertions.assertThat;

import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;

/**
 * The servers {@code @OperationStub} starts: WireMock's request journal is bounded, and an answer
 * held back by {@code delay(...)} does not hold one of the server's request threads.
 */
@ExtendWith(OperationStubExtension.class)
class ServerDefaultsTest {
  private static final String SEED = "a63a3bdd-a1db-4d05-87b8-dbad6850062a";
  /** More than the server's request threads (WireMock's default is 25). */
  private static final int DELAYED = 40;

  @Test
  void wireMocksRequestJournalKeepsAtMostTheLastThousandRequests(OpStubServer server) throws Exception {
    HttpClient client = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(5)).build();
    for (int batch = 0; batch < 22; batch++) {
      List<CompletableFuture<HttpResponse<Void>>> sent = new ArrayList<>();
      for (int i = 0; i < 50; i++) {
        sent.add(client.sendAsync(face(server, "not-a-uuid", Duration.ofSeconds(30)),
            HttpResponse.BodyHandlers.discarding()));
      }
      for (CompletableFuture<HttpResponse<Void>> reply : sent) {
        assertThat(reply.get().statusCode()).isEqualTo(400);
      }
    }

    assertThat(server.wireMock().getServeEvents()).hasSize(StubServer.MAX_JOURNAL_ENTRIES);
  }

  @Test
  void delayedPollsInFlightDoNotHoldUpAnUnrelatedPoll(OpStubServer server) throws Exception {
    HttpClient client = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(5)).build();
    List<CompletableFuture<HttpResponse<Void>>> delayed = new ArrayList<>();
    try {
      for (int i = 0; i < DELAYED; i++) {
        String id = String.format("0d0d0d0d-0000-4000-8000-%012d", i);
        server.addOperation(Api.FACE, id, "delay(20s), running");
        delayed.add(client.sendAsync(face(server, id, Duration.ofSeconds(60)), HttpResponse.BodyHandlers.discarding()));
      }
      // Every delayed poll has reached the pack (its answer is then waiting out the delay).
      Instant deadline = Instant.now().plusSeconds(15);
      while (server.allPolls().size() < DELAYED && Instant.now().isBefore(deadline)) {
        Thread.sleep(20);
      }
      assertThat(server.allPolls()).as("delayed polls received").hasSize(DELAYED);
      assertThat(delayed).noneMatch(CompletableFuture::isDone);

      long start = System.nanoTime();
      HttpResponse<String> unrelated = client.send(face(server, SEED, Duration.ofSeconds(5)),
          HttpResponse.BodyHandlers.ofString());
      Duration took = Duration.ofNanos(System.nanoTime() - start);

      assertThat(unrelated.statusCode()).isEqualTo(200);
      assertThat(unrelated.body()).contains("\"status\": \"running\"");
      assertThat(took).as("the delayed answers are due 20 s after they arrived").isLessThan(Duration.ofSeconds(5));
      assertThat(delayed).as("still held back").noneMatch(CompletableFuture::isDone);
    } finally {
      delayed.forEach(f -> f.cancel(true));
    }
  }

  private static HttpRequest face(OpStubServer server, String id, Duration timeout) {
    return HttpRequest.newBuilder(URI.create(server.faceEndpoint() + "/operations/" + id)).timeout(timeout)
        .header("Ocp-Apim-Subscription-Key", "k").build();
  }
}
