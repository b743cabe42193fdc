package dev.opstub.standalone;

import static com.github.tomakehurst.wiremock.core.WireMockConfiguration.options;
import static org.assertj.core.api.Assertions.assertThat;

import com.github.tomakehurst.wiremock.WireMockServer;
import com.sun.net.httpserver.HttpServer;
import dev.opstub.testing.AzureRecordingScenario;
import dev.opstub.testing.GoogleRecordingScenario;
import dev.opstub.testing.Http;
import dev.opstub.testing.RecordingScenario;
import dev.opstub.wiremock.OpStubExtensions;
import java.io.InputStream;
import java.io.OutputStream;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * docs/recording.md on the real standalone jar: the documented start and stop calls record a
 * "real service" (an in-process OpStub server with scripted timelines) through the stock
 * {@code wiremock-standalone} jar with the OpStub jar, the documented Validate command accepts
 * what was written, and a restarted server on that root answers the client as the service did.
 */
class StandaloneRecordingIT {
  private static final int FIFTY_MB = 50 * 1024 * 1024;
  private static final int POLLS_OF_50_MB = 6;
  private static final List<String> RUN = List.of("--root-dir", ".", "--port", "{port}", "--bind-address", "127.0.0.1",
      "--max-request-journal-entries", "1000", "--async-response-enabled", "true", "--disable-request-logging");

  @TempDir
  Path service;
  @TempDir
  Path root;
  private WireMockServer original;

  @AfterEach
  void stopOriginal() {
    if (original != null) {
      original.stop();
    }
  }

  @Test
  void theDocumentedCallsRecordOnTheStandaloneJarAndARestartedServerReplaysTheRecording() {
    RecordingScenario.writeServiceMappings(RecordingScenario.rootWithShippedMappings(service));
    original = new WireMockServer(options().dynamicPort().bindAddress("127.0.0.1")
        .usingFilesUnderDirectory(service.toString()).extensions(new OpStubExtensions()));
    original.start();
    RecordingScenario.rootWithShippedMappings(root);

    List<String> throughTheRecorder;
    try (StandaloneServer recorder = StandaloneServer.start(root, RUN)) {
      String started = Docs.run(documented("recordings/start", recorder)
          .replace("https://westus.api.cognitive.microsoft.com", original.baseUrl()));
      assertThat(started).contains("\"targetBaseUrl\":\"" + original.baseUrl());
      throughTheRecorder = RecordingScenario.runClient(recorder.baseUrl());
      String stopped = Docs.run(documented("recordings/stop", recorder));
      assertThat(stopped).as(recorder.log()).contains("\"files\":[\"mappings/recorded/");
    }
    ChildJvm.Result validated = ChildJvm.run(root, Duration.ofSeconds(60), "dev.opstub.Validate", List.of("."));
    assertThat(validated.exitCode()).as(validated.stdout() + validated.stderr()).isZero();

    try (StandaloneServer replay = StandaloneServer.start(root, RUN)) {
      assertThat(RecordingScenario.runClient(replay.baseUrl())).containsExactlyElementsOf(throughTheRecorder);
    }
  }

  /**
   * Issue 30 on the real standalone jar: the real Azure clients recorded through it, then served
   * by a restarted server on the recorded folder alone, get every answer as the service gave it
   * (statuses and their case, {@code percentCompleted}, {@code analyzeResult}, {@code
   * retry-after-ms}, ARM's {@code Location} and its 202, 200 and 409).
   */
  @Test
  void aRecordedAzureFlowReplaysAsRecordedFromTheRecordedFolderAlone() {
    startOriginal(AzureRecordingScenario.writeServiceMappings(RecordingScenario.rootWithShippedMappings(service)));

    List<String> recorded;
    String recordedOutcome;
    try (StandaloneServer recorder = StandaloneServer.start(root, RUN)) {
      assertThat(Http.send("POST", recorder.baseUrl() + "/__admin/opstub/recordings/start",
          "{\"targetBaseUrl\": \"" + original.baseUrl() + "\"}").statusCode()).isEqualTo(200);
      recordedOutcome = AzureRecordingScenario.runClients(recorder.baseUrl());
      recorded = AzureRecordingScenario.answers(recorder.baseUrl());
      assertThat(Http.send("POST", recorder.baseUrl() + "/__admin/opstub/recordings/stop", null).body())
          .as(recorder.log()).contains("\"files\":[\"mappings/recorded/");
    }

    try (StandaloneServer replay = StandaloneServer.start(root, RUN)) {
      String replayedOutcome = AzureRecordingScenario.runClients(replay.baseUrl());
      AzureRecordingScenario.assertShowsWhatTheIssueSaw(recorded);
      assertThat(AzureRecordingScenario.answers(replay.baseUrl())).as(replay.log()).containsExactlyElementsOf(recorded);
      assertThat(replayedOutcome).isEqualTo(recordedOutcome);
    }
  }

  /**
   * Google's speech client recorded through the standalone jar, then served by a restarted server
   * on the recorded folder alone (which the documented Validate command accepts), gets the same
   * transcript and the same INVALID_ARGUMENT.
   */
  @Test
  void aRecordedGoogleSpeechFlowReplaysAsRecordedFromTheRecordedFolderAlone() throws Exception {
    startOriginal(GoogleRecordingScenario.writeServiceMappings(RecordingScenario.rootWithShippedMappings(service)));

    List<String> recorded;
    try (StandaloneServer recorder = StandaloneServer.start(root, RUN)) {
      assertThat(Http.send("POST", recorder.baseUrl() + "/__admin/opstub/recordings/start",
          "{\"targetBaseUrl\": \"" + original.baseUrl() + "\"}").statusCode()).isEqualTo(200);
      recorded = GoogleRecordingScenario.runClient(recorder.baseUrl());
      assertThat(Http.send("POST", recorder.baseUrl() + "/__admin/opstub/recordings/stop", null).body())
          .as(recorder.log()).contains("mappings/recorded/google-start-longrunningrecognize-b-words.raw.json");
    }
    ChildJvm.Result validated = ChildJvm.run(root, Duration.ofSeconds(60), "dev.opstub.Validate", List.of("."));
    assertThat(validated.exitCode()).as(validated.stdout() + validated.stderr()).isZero();

    try (StandaloneServer replay = StandaloneServer.start(root, RUN)) {
      assertThat(GoogleRecordingScenario.runClient(replay.baseUrl())).as(replay.log())
          .containsExactlyElementsOf(recorded).startsWith(GoogleRecordingScenario.TRANSCRIPT);
    }
  }

  /**
   * A real service whose every answer is 50 MB (a Face status padded with one long field),
   * recorded by the standalone jar at {@code -Xmx256m} with the documented journal of 1000
   * entries: every answer reaches the client whole, and the recording keeps the timeline. Before
   * issue 22 the 3rd answer was Jetty's OutOfMemoryError page at this heap (the 5th at 512m).
   * Below it, WireMock's own proxy, whose HTTP client copies a body whole, runs out of memory on
   * a 50 MB answer now and then before any recording sees it (at 128m on the first answer mostly,
   * at 192m once in four runs on a loaded machine): a heap of about five times the largest
   * answer is what WireMock needs, not the recording.
   */
  @Test
  void aServiceAnswering50MegabyteBodiesIsRecordedAtASmallHeap() throws Exception {
    int[] polls = {0};
    HttpServer big = HttpServer.create(new InetSocketAddress(InetAddress.getLoopbackAddress(), 0), 0);
    big.createContext("/", exchange -> {
      String status = ++polls[0] < POLLS_OF_50_MB ? "running" : "succeeded";
      byte[] head = ("{\"status\":\"" + status + "\",\"createdTime\":\"2026-12-01T10:00:00Z\",\"padding\":\"")
          .getBytes(StandardCharsets.UTF_8);
      byte[] tail = "\"}".getBytes(StandardCharsets.UTF_8);
      exchange.getResponseHeaders().add("Content-Type", "application/json; charset=utf-8");
      exchange.sendResponseHeaders(200, head.length + FIFTY_MB + tail.length);
      try (OutputStream out = exchange.getResponseBody()) {
        out.write(head);
        byte[] chunk = new byte[64 * 1024];
        java.util.Arrays.fill(chunk, (byte) 'x');
        for (int left = FIFTY_MB; left > 0; left -= chunk.length) {
          out.write(chunk, 0, Math.min(chunk.length, left));
        }
        out.write(tail);
      }
    });
    big.start();
    try (StandaloneServer recorder = StandaloneServer.start(root, List.of("-Xmx256m"), Map.of(), RUN)) {
      String target = "http://127.0.0.1:" + big.getAddress().getPort();
      assertThat(Http.send("POST", recorder.baseUrl() + "/__admin/opstub/recordings/start",
          "{\"targetBaseUrl\": \"" + target + "\"}").statusCode()).isEqualTo(200);

      HttpClient client = HttpClient.newHttpClient();
      List<String> answers = new ArrayList<>();
      for (int i = 0; i < POLLS_OF_50_MB; i++) {
        HttpResponse<InputStream> answer = client.send(HttpRequest.newBuilder(URI.create(recorder.baseUrl()
            + "/face/v1.0-preview/operations/0c0c0c0c-0000-4000-8000-0000000000d1")).build(),
            HttpResponse.BodyHandlers.ofInputStream());
        try (InputStream body = answer.body()) {
          answers.add(answer.statusCode() + (body.transferTo(OutputStream.nullOutputStream()) > FIFTY_MB ? " whole" : " cut"));
        }
      }
      String stopped = client.send(HttpRequest.newBuilder(URI.create(recorder.baseUrl()
          + "/__admin/opstub/recordings/stop")).POST(HttpRequest.BodyPublishers.noBody()).build(),
          HttpResponse.BodyHandlers.ofString()).body();

      assertThat(answers).as(recorder.log()).hasSize(POLLS_OF_50_MB).containsOnly("200 whole");
      assertThat(stopped).as(recorder.log()).contains("\"timeline\":\"running x" + (POLLS_OF_50_MB - 1)
          + ", succeeded\"").contains("the answer was a body over the 1024 KiB a recording keeps of one");
      assertThat(recorder.log()).doesNotContain("OutOfMemoryError");
    } finally {
      big.stop(0);
    }
  }

  /** The "real service": an in-process OpStub server on {@code serviceRoot}. */
  private void startOriginal(Path serviceRoot) {
    original = new WireMockServer(options().dynamicPort().bindAddress("127.0.0.1")
        .usingFilesUnderDirectory(serviceRoot.toString()).extensions(new OpStubExtensions()));
    original.start();
  }

  /** The curl line of docs/recording.md that calls {@code route}, aimed at this server's port. */
  private static String documented(String route, StandaloneServer server) {
    return Docs.page("docs/recording.md").stream().filter(l -> l.startsWith("curl ") && l.contains(route))
        .findFirst().orElseThrow().replace("8080", Integer.toString(server.port));
  }

}
