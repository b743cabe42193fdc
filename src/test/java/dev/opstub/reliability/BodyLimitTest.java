package dev.opstub.reliability;

import static com.github.tomakehurst.wiremock.client.WireMock.aResponse;
import static com.github.tomakehurst.wiremock.client.WireMock.containing;
import static com.github.tomakehurst.wiremock.client.WireMock.post;
import static com.github.tomakehurst.wiremock.client.WireMock.urlPathEqualTo;
import static com.github.tomakehurst.wiremock.core.WireMockConfiguration.options;
import static net.javacrumbs.jsonunit.assertj.JsonAssertions.assertThatJson;
import static org.assertj.core.api.Assertions.assertThat;

import com.github.tomakehurst.wiremock.WireMockServer;
import com.github.tomakehurst.wiremock.stubbing.ServeEvent;
import com.github.tomakehurst.wiremock.stubbing.StubMapping;
import dev.opstub.spi.Request;
import dev.opstub.testing.GzipBomb;
import dev.opstub.testing.Http;
import dev.opstub.testing.RepositoryServer;
import dev.opstub.wiremock.OpStubExtensions;
import java.lang.management.ManagementFactory;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Bodies past 1 MiB (after un-gzipping) to the pack's routes are refused with a 413 in the API's
 * own format before any stub's body pattern reads them, and the request journal keeps no copy.
 */
class BodyLimitTest {
  private static final String[] FACE = {"Ocp-Apim-Subscription-Key", "k", "Content-Type", "application/json"};
  private static final String TAKE = "{\"type\":\"PersonGroup\",\"objectId\":\"my-group\","
      + "\"applyScope\":[\"e58b3f08-1e8b-4165-81df-aa9858f233dc\"]}";
  private static final Duration FAST = Duration.ofSeconds(20);
  private static WireMockServer server;

  @BeforeAll
  static void start() {
    server = RepositoryServer.start();
  }

  @AfterAll
  static void stop() {
    server.stop();
  }

  @BeforeEach
  void forgetRequests() {
    server.resetRequests();
  }

  @Test
  void aGzipBombToTheSnapshotsRouteIs413BadArgumentAndTheJournalKeepsNoBody() {
    byte[] bomb = GzipBomb.ofZeros(64L << 20);
    assertThat(bomb.length).as("the bomb is small on the wire").isLessThan(1 << 20);

    HttpResponse<String> reply = Http.sendBytes("POST", server.baseUrl() + "/face/v1.0-preview/snapshots", bomb, FAST,
        "Ocp-Apim-Subscription-Key", "k", "Content-Type", "application/json", "Content-Encoding", "gzip");

    assertThat(reply.statusCode()).as(reply.body()).isEqualTo(413);
    assertThat(reply.headers().firstValue("Content-Type")).hasValue("application/json; charset=utf-8");
    assertThatJson(reply.body()).node("error.code").isEqualTo("BadArgument");
    assertThatJson(reply.body()).node("error.message").isString()
        .isEqualTo("The request body is too large: 67108864 bytes (after gzip decoding, if any); at most 1048576 "
            + "bytes (1 MiB) are allowed.");
    List<ServeEvent> journal = server.getAllServeEvents();
    assertThat(journal).hasSize(1);
    assertThat(journal.get(0).getRequest().getBody()).isEmpty();
    assertThat(journal.get(0).getRequest().getHeader("OpStub-Body-Too-Large")).isEqualTo("67108864");
  }

  @Test
  void refusedBodiesAreNotKeptByTheJournalNorAnythingItHolds() throws InterruptedException {
    byte[] bomb = GzipBomb.ofZeros(64L << 20);
    long before = usedHeapAfterGc();

    for (int i = 0; i < 6; i++) {
      HttpResponse<String> reply = Http.sendBytes("POST", server.baseUrl() + "/face/v1.0-preview/snapshots", bomb,
          FAST, "Ocp-Apim-Subscription-Key", "k", "Content-Type", "application/json", "Content-Encoding", "gzip");
      assertThat(reply.statusCode()).isEqualTo(413);
    }

    // Six kept bodies would be 384 MiB; the journal holds six small requests.
    assertThat(server.getAllServeEvents()).hasSize(6);
    assertThat(usedHeapAfterGc() - before).as("heap growth in bytes").isLessThan(64L << 20);
  }

  private static long usedHeapAfterGc() throws InterruptedException {
    for (int i = 0; i < 3; i++) {
      System.gc();
      Thread.sleep(50);
    }
    return ManagementFactory.getMemoryMXBean().getHeapMemoryUsage().getUsed();
  }

  @Test
  void everyShippedSnapshotRouteRefusesItNotOnlyTheCatchAll() {
    // objectId conflict would match the 409 mapping's JSONPath if the body reached it.
    String padded = "{\"type\":\"PersonGroup\",\"objectId\":\"conflict\",\"applyScope\":"
        + "[\"e58b3f08-1e8b-4165-81df-aa9858f233dc\"],\"userData\":\"" + "u".repeat(Request.MAX_BODY_BYTES) + "\"}";

    HttpResponse<String> reply = Http.send("POST", server.baseUrl() + "/face/v1.0/snapshots", padded, FACE);

    assertThat(reply.statusCode()).as(reply.body()).isEqualTo(413);
    assertThatJson(reply.body()).node("error.code").isEqualTo("BadArgument");
  }

  @Test
  void aMediaActionWithTooLargeABodyIs413InTheRequestedODataFormat() {
    byte[] bomb = GzipBomb.ofZeros(8L << 20);

    HttpResponse<String> reply = Http.sendBytes("POST", server.baseUrl()
        + "/api/StreamingEndpoints('nb:oid:UUID:1e518dbc-91ef-4044-a8bd-d20769dae833')/Scale", bomb, FAST,
        "Authorization", "Bearer t", "x-ms-version", "2.19", "Accept", "application/atom+xml",
        "Content-Encoding", "gzip");

    assertThat(reply.statusCode()).as(reply.body()).isEqualTo(413);
    assertThat(reply.body()).contains("<m:code>RequestBodyTooLarge</m:code>", "8388608 bytes");
    assertThat(reply.headers().firstValue("operation-id")).isEmpty();
  }

  @Test
  void anAnalyzeBodyPastTheLimitIs413InAzuresShapeAndStartsNoOperation() {
    byte[] body = ("{\"base64Source\":\"" + "A".repeat(2 * Request.MAX_BODY_BYTES) + "\"}")
        .getBytes(StandardCharsets.UTF_8);

    HttpResponse<String> reply = Http.sendBytes("POST", server.baseUrl()
        + "/documentintelligence/documentModels/prebuilt-read:analyze?api-version=2024-11-30", body, FAST,
        "Content-Type", "application/json");

    assertThat(reply.statusCode()).as(reply.body()).isEqualTo(413);
    assertThat(reply.headers().firstValue("x-ms-error-code")).hasValue("RequestBodyTooLarge");
    assertThat(reply.headers().firstValue("Operation-Location")).isEmpty();
    assertThatJson(reply.body()).node("error.code").isEqualTo("RequestBodyTooLarge");
    assertThatJson(reply.body()).node("error.message").isString().contains(body.length + " bytes", "at most 1048576");
    assertThat(server.getAllServeEvents()).singleElement()
        .satisfies(event -> assertThat(event.getRequest().getBody()).isEmpty());
  }

  @Test
  void aStartPathOnlyAMappingNamesIsTheAzurePacksToo() {
    StubMapping start = server.stubFor(post(urlPathEqualTo("/language/analyze-text/jobs"))
        .willReturn(aResponse().withStatus(202).withTransformers("opstub-azure-start")
            .withTransformerParameters(java.util.Map.of("timeline", "Running, Succeeded"))));
    try {
      HttpResponse<String> reply = Http.sendBytes("POST", server.baseUrl() + "/language/analyze-text/jobs",
          GzipBomb.ofZeros(8L << 20), FAST, "Content-Type", "application/json", "Content-Encoding", "gzip");

      assertThat(reply.statusCode()).as(reply.body()).isEqualTo(413);
      assertThatJson(reply.body()).node("error.code").isEqualTo("RequestBodyTooLarge");
      assertThat(reply.headers().firstValue("Operation-Location")).isEmpty();
    } finally {
      server.removeStub(start);
    }
  }

  @Test
  void analyzeBodiesOfTwentyMibAreRefusedWithoutKeepingThem() throws InterruptedException {
    byte[] bomb = GzipBomb.ofZeros(20L << 20);
    long before = usedHeapAfterGc();

    for (int i = 0; i < 8; i++) {
      HttpResponse<String> reply = Http.sendBytes("POST", server.baseUrl()
          + "/documentintelligence/documentModels/prebuilt-layout:analyze", bomb, FAST,
          "Content-Type", "application/json", "Content-Encoding", "gzip");
      assertThat(reply.statusCode()).as(reply.body()).isEqualTo(413);
    }

    // Eight kept bodies would be 160 MiB.
    assertThat(server.getAllServeEvents()).hasSize(8);
    assertThat(usedHeapAfterGc() - before).as("heap growth in bytes").isLessThan(64L << 20);
  }

  @Test
  void whileARecordingRunsTheRealServiceGetsTheWholeBody(@TempDir Path root) {
    WireMockServer service = new WireMockServer(options().dynamicPort().bindAddress("127.0.0.1"));
    WireMockServer recorder = new WireMockServer(options().dynamicPort().bindAddress("127.0.0.1")
        .usingFilesUnderDirectory(root.toString()).extensions(new OpStubExtensions()));
    service.start();
    recorder.start();
    try {
      service.stubFor(post(urlPathEqualTo("/documentintelligence/documentModels/prebuilt-read:analyze"))
          .withRequestBody(containing("needle\"}")).willReturn(aResponse().withStatus(202)
              .withHeader("Operation-Location", service.baseUrl() + "/documentintelligence/analyzeResults/r-1")));
      HttpResponse<String> started = Http.send("POST", recorder.baseUrl() + "/__admin/opstub/recordings/start",
          "{\"targetBaseUrl\": \"" + service.baseUrl() + "\"}");
      assertThat(started.statusCode()).as(started.body()).isEqualTo(200);
      String big = "{\"base64Source\":\"" + "A".repeat(2 * Request.MAX_BODY_BYTES) + "needle\"}";

      HttpResponse<String> reply = Http.send("POST", recorder.baseUrl()
          + "/documentintelligence/documentModels/prebuilt-read:analyze", big, "Content-Type", "application/json");

      assertThat(reply.statusCode()).as("the service saw the whole body: " + reply.body()).isEqualTo(202);
    } finally {
      recorder.stop();
      service.stop();
    }
  }

  @Test
  void aBodyOfExactlyTheLimitIsServedAsBefore() {
    String take = TAKE.substring(0, TAKE.length() - 1);
    String body = take + " ".repeat(Request.MAX_BODY_BYTES - TAKE.length()) + "}";
    assertThat(body.getBytes(StandardCharsets.UTF_8)).hasSize(Request.MAX_BODY_BYTES);

    HttpResponse<String> reply = Http.send("POST", server.baseUrl() + "/face/v1.0-preview/snapshots", body, FACE);

    assertThat(reply.statusCode()).as(reply.body()).isEqualTo(202);
    assertThat(reply.headers().firstValue("Operation-Location")).isPresent();
  }

  @Test
  void aClientsOwnCopyOfTheMarkerHeaderChangesNothing() {
    String[] headers = {"Ocp-Apim-Subscription-Key", "k", "Content-Type", "application/json",
        "OpStub-Body-Too-Large", "99999999"};

    HttpResponse<String> reply = Http.send("POST", server.baseUrl() + "/face/v1.0-preview/snapshots", TAKE, headers);

    assertThat(reply.statusCode()).as(reply.body()).isEqualTo(202);
  }

  @Test
  void pathsThePackDoesNotOwnKeepTheirBodies() {
    StubMapping upload = server.stubFor(post(urlPathEqualTo("/uploads")).withRequestBody(containing("needle"))
        .willReturn(aResponse().withStatus(201)));
    try {
      String big = "x".repeat(2 * Request.MAX_BODY_BYTES) + "needle";

      HttpResponse<String> reply = Http.send("POST", server.baseUrl() + "/uploads", big);

      assertThat(reply.statusCode()).isEqualTo(201);
    } finally {
      server.removeStub(upload);
    }
  }
}
