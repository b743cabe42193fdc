package dev.opstub.internal.record;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.opstub.internal.api.Apis;
import dev.opstub.internal.http.AdminReply;
import dev.opstub.spi.Request;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The recording's bookkeeping without a server: the order of requests, requests still with the
 * real service at stop, and what never reaches the files (a self-target, a secret in a file name).
 */
class RecordingsTest {
  private static final ObjectMapper JSON = new ObjectMapper();
  private static final String ID = "0c0c0c0c-0000-4000-8000-000000000042";
  private static final String POLL = "/face/v1.0-preview/operations/" + ID;
  private static final String KEY = "my-secret-key-0123";

  @TempDir
  Path mappings;

  /** The WireMock adapter's part, faked: a proxy that is "this server" for one URL. */
  private static final class FakeProxy implements Recordings.Proxy {
    volatile boolean stopped;

    @Override
    public String leadsHere(String targetBaseUrl) {
      return targetBaseUrl.equals("http://127.0.0.1:8080") ? "127.0.0.1:8080 is where this server listens" : null;
    }

    @Override
    public Object start(String targetBaseUrl) {
      return "proxy-1";
    }

    @Override
    public void stop(Object proxy) {
      stopped = true;
    }
  }

  private final FakeProxy proxy = new FakeProxy();

  private Recordings recordings(Duration stopWait) {
    return new Recordings(Apis.builtIn(), mappings, Clock.fixed(Instant.parse("2026-12-01T10:00:00Z"), ZoneOffset.UTC),
        stopWait);
  }

  /** A running recording that has kept one poll answering {@code running}. */
  private Recordings recordingWithOnePoll(Duration stopWait) {
    Recordings recordings = recordings(stopWait);
    recordings.start("{\"targetBaseUrl\": \"http://127.0.0.1:9\"}", proxy);
    recordings.arrived("answered", "GET " + POLL);
    recordings.capture("proxy-1", "answered", poll("running"), null);
    return recordings;
  }

  private static Exchange poll(String status) {
    return new Exchange(Instant.parse("2026-12-01T10:00:00Z"), Request.get(POLL, "http://x",
        Map.of("Ocp-Apim-Subscription-Key", KEY)), 200, Map.of("Content-Type", "application/json"),
        "{\"status\":\"" + status + "\"}");
  }

  private static JsonNode json(Recordings.Proxy proxy, Recordings recordings) throws Exception {
    AdminReply reply = recordings.stop("", proxy);
    assertThat(reply.status()).as(reply.json()).isEqualTo(200);
    return JSON.readTree(reply.json());
  }

  private static String timeline(JsonNode stopped) {
    return stopped.at("/mappings/0/response/transformerParameters/timeline").asText();
  }

  @Test
  void answersThatCompleteOutOfOrderAreRecordedInTheOrderTheRequestsArrived() throws Exception {
    Recordings recordings = recordings(Duration.ofSeconds(5));
    assertThat(recordings.start("{\"targetBaseUrl\": \"http://127.0.0.1:9\"}", proxy).status()).isEqualTo(200);

    recordings.arrived("first", "GET " + POLL);
    recordings.arrived("second", "GET " + POLL);
    recordings.arrived("third", "GET " + POLL);
    // The listener of a later request may run first (a busy machine, asynchronous responses).
    recordings.capture("proxy-1", "third", poll("succeeded"), null);
    recordings.capture("proxy-1", "second", poll("running"), null);
    recordings.capture("proxy-1", "first", poll("notStarted"), null);

    assertThat(timeline(json(proxy, recordings))).isEqualTo("notStarted, running, succeeded");
  }

  @Test
  void stopWaitsForARequestStillWithTheRealServiceAndNotesOneThatDoesNotComeBack() throws Exception {
    Recordings recordings = recordingWithOnePoll(Duration.ofSeconds(30));
    recordings.arrived("slow", "GET " + POLL);

    CompletableFuture<JsonNode> stopping = CompletableFuture.supplyAsync(() -> {
      try {
        return json(proxy, recordings);
      } catch (Exception e) {
        throw new IllegalStateException(e);
      }
    });
    while (!proxy.stopped) {
      Thread.onSpinWait(); // the proxy is down: stop now waits for "slow"
    }
    recordings.capture("proxy-1", "slow", poll("succeeded"), null);
    JsonNode stopped = stopping.get();

    assertThat(timeline(stopped)).isEqualTo("running, succeeded");
    assertThat(stopped.get("notes").toString()).doesNotContain("no complete answer");
  }

  @Test
  void aRequestThatDoesNotComeBackWithinTheWaitIsNoted() throws Exception {
    Recordings recordings = recordingWithOnePoll(Duration.ofMillis(200));
    recordings.arrived("never", "GET " + POLL);

    JsonNode stopped = json(proxy, recordings);

    assertThat(timeline(stopped)).isEqualTo("running");
    assertThat(stopped.get("notes").toString()).contains("GET " + POLL + " (arrived 2026-12-01T10:00:00Z) had no "
        + "complete answer 200 ms after stop (still with the real service, or it failed on this server); left out");
  }

  @Test
  void aSecondStopWhileTheFirstWaitsIsRefusedAndTheRecordingStaysOneRecording() throws Exception {
    Recordings recordings = recordingWithOnePoll(Duration.ofSeconds(30));
    recordings.arrived("slow", "GET " + POLL);
    CompletableFuture<JsonNode> first = CompletableFuture.supplyAsync(() -> {
      try {
        return json(proxy, recordings);
      } catch (Exception e) {
        throw new IllegalStateException(e);
      }
    });
    while (!proxy.stopped) {
      Thread.onSpinWait();
    }

    var second = recordings.stop("", proxy);
    recordings.capture("proxy-1", "slow", poll("succeeded"), null);

    assertThat(second.status()).isEqualTo(409);
    assertThat(second.json()).contains("the recording is stopping already");
    assertThat(timeline(first.get())).isEqualTo("running, succeeded");
  }

  @Test
  void aTargetThatIsThisServerIsRefusedAtStart() {
    Recordings recordings = recordings(Duration.ofSeconds(1));

    var answer = recordings.start("{\"targetBaseUrl\": \"HTTP://127.0.0.1:8080/\"}", proxy);

    assertThat(answer.status()).isEqualTo(400);
    assertThat(answer.json()).contains("must not be this server itself (127.0.0.1:8080 is where this server listens)");
    assertThat(recordings.status().json()).contains("\"recording\":false");
  }

  @Test
  void aSecretInAFileNameIsScrubbedLikeEverywhereElse() throws Exception {
    Recordings recordings = recordings(Duration.ofSeconds(1));
    recordings.start("{\"targetBaseUrl\": \"http://127.0.0.1:9\"}", proxy);
    // A take whose objectId is the key (a test that reused one string for both).
    recordings.capture("proxy-1", "take", new Exchange(Instant.EPOCH, new Request("POST",
        "/face/v1.0-preview/snapshots", "http://x", Map.of("Ocp-Apim-Subscription-Key", KEY),
        "{\"type\":\"PersonGroup\",\"objectId\":\"" + KEY + "\"}", ""), 202,
        Map.of("Operation-Location", "/operations/" + ID), ""), null);
    recordings.capture("proxy-1", "poll", poll("succeeded"), null);

    JsonNode stopped = json(proxy, recordings);

    assertThat(stopped.get("files").toString()).contains("mappings/recorded/face-start-take-REDACTED.json")
        .doesNotContain(KEY);
    try (Stream<Path> files = Files.list(mappings.resolve("recorded"))) {
      for (Path file : files.toList()) {
        assertThat(file.getFileName().toString()).doesNotContain(KEY);
        assertThat(Files.readString(file)).doesNotContain(KEY);
      }
    }
  }

  @Test
  void aRecordingKeepsNoMoreBytesThanItsCapAndSaysHowManyRequestsItPassedOver() throws Exception {
    Recordings recordings = recordings(Duration.ofSeconds(1));
    recordings.start("{\"targetBaseUrl\": \"http://127.0.0.1:9\"}", proxy);
    String body = "{\"status\":\"running\",\"padding\":\"" + "x".repeat(Bodies.MAX_BYTES - 100) + "\"}";
    long fit = Recordings.MAX_RECORDING_BYTES / Bodies.MAX_BYTES; // each exchange is a little over 1 MiB with headers
    for (int i = 0; i < fit + 3; i++) {
      recordings.capture("proxy-1", "poll-" + i, new Exchange(Instant.EPOCH, Request.get(POLL, "http://x", Map.of()),
          200, Map.of(), body), null);
    }

    JsonNode stopped = json(proxy, recordings);

    assertThat(stopped.get("exchanges").asInt()).isEqualTo((int) fit + 3);
    assertThat(stopped.get("notes").toString()).contains("3 request(s) were passed on but not recorded: a recording "
        + "keeps at most 32 MiB of bodies and headers");
  }
}
