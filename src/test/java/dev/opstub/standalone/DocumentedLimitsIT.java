package dev.opstub.standalone;

import static net.javacrumbs.jsonunit.assertj.JsonAssertions.assertThatJson;
import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.opstub.testing.GzipBomb;
import dev.opstub.testing.Http;
import java.io.IOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Base64;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/**
 * The command lines of the README and docs/ keep the server bounded and responsive, on the real standalone jar:
 * WireMock's request journal holds at most its bound, delayed answers do not hold up other
 * requests, a gzip bomb is refused fast without running out of memory, and with the documented
 * {@code --admin-api-basic-auth} the pack's admin routes want credentials too.
 */
class DocumentedLimitsIT {
  private static final String PACKAGE_STEP = "mvn -q -B package -DskipTests && ";
  private static final String JOURNAL_FLAG = "--max-request-journal-entries 1000";
  private static final String ASYNC_FLAG = "--async-response-enabled true --disable-request-logging";
  private static final String FACE_SEED = "/face/v1.0-preview/operations/a63a3bdd-a1db-4d05-87b8-dbad6850062a";
  private static final String[] KEY = {"Ocp-Apim-Subscription-Key", "k"};
  private static final ObjectMapper JSON = new ObjectMapper();
  /** More delayed polls than the server has request threads (WireMock's default is 25). */
  private static final int DELAYED = 60;

  private static StandaloneServer server;

  @BeforeAll
  static void startTheRunCommand() throws IOException {
    server = StandaloneServer.startShell(StandaloneServer.repositoryRoot(), runCommand());
  }

  @AfterAll
  static void stop() {
    if (server != null) {
      server.close();
    }
  }

  /** The README's run command, after its package step (which {@code mvn verify} has done). */
  static String runCommand() {
    String line = Docs.readme().stream().filter(l -> l.startsWith(PACKAGE_STEP) && l.contains("wiremock.Run"))
        .findFirst().orElseThrow();
    return line.substring(PACKAGE_STEP.length());
  }

  @Test
  void everyDocumentedWayToStartAServerBoundsTheJournalAnswersDelaysAsynchronouslyAndListensOnLoopback()
      throws IOException {
    List<String> commands = Docs.serverCommands();

    assertThat(commands).as("run, two sets (2), mappings jar, Docker, basic auth").hasSizeGreaterThanOrEqualTo(5);
    for (String command : commands) {
      assertThat(command).as(command).contains(JOURNAL_FLAG, ASYNC_FLAG);
      assertThat(command).as(command).containsAnyOf("--bind-address 127.0.0.1", "-p 127.0.0.1:");
    }
  }

  @Test
  void theDockerExampleGivesWireMockArgumentsItAccepts() throws IOException {
    String docker = Docs.serverCommands().stream().filter(c -> c.startsWith("docker run")).findFirst().orElseThrow();
    Matcher image = Pattern.compile("wiremock/wiremock:\\S+ (.*)$").matcher(docker);
    assertThat(image.find()).as(docker).isTrue();

    // The image runs wiremock.Run with these arguments (and its own root and port).
    List<String> args = new ArrayList<>(List.of("--root-dir", ".", "--port", "{port}", "--bind-address", "127.0.0.1"));
    args.addAll(List.of(image.group(1).trim().split(" ")));
    try (StandaloneServer docked = StandaloneServer.start(StandaloneServer.repositoryRoot(), args)) {
      assertThat(Http.get(docked.baseUrl() + FACE_SEED, KEY).body()).contains("\"status\": \"running\"");
    }
  }

  @Test
  void theRunCommandKeepsAtMostTheJournalBound() throws Exception {
    assertThat(runCommand()).contains(JOURNAL_FLAG);
    HttpClient client = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(5)).build();
    for (int batch = 0; batch < 22; batch++) {
      List<CompletableFuture<HttpResponse<Void>>> sent = new ArrayList<>();
      for (int i = 0; i < 50; i++) {
        sent.add(client.sendAsync(poll(server.baseUrl() + "/face/v1.0-preview/operations/not-a-uuid",
            Duration.ofSeconds(30)), HttpResponse.BodyHandlers.discarding()));
      }
      for (CompletableFuture<HttpResponse<Void>> reply : sent) {
        assertThat(reply.get().statusCode()).isEqualTo(400);
      }
    }

    JsonNode journal = JSON.readTree(Http.get(server.baseUrl() + "/__admin/requests").body());

    assertThat(journal.get("requests").size()).isLessThanOrEqualTo(1000);
    assertThat(journal.get("meta").get("total").asInt()).isLessThanOrEqualTo(1000);
  }

  @Test
  void delayedPollsInFlightHoldUpNeitherAnUnrelatedPollNorTheAdminApi() throws Exception {
    assertThat(runCommand()).contains(ASYNC_FLAG);
    HttpClient client = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(5)).build();
    List<String> ids = new ArrayList<>();
    for (int i = 0; i < DELAYED; i++) {
      String id = String.format("0d0d0d0d-0000-4000-8000-%012d", i);
      HttpResponse<String> created = Http.send("POST", server.baseUrl() + "/__admin/opstub/operations",
          "{\"api\":\"face\",\"id\":\"" + id + "\",\"timeline\":\"delay(20s), running\"}");
      assertThat(created.statusCode()).as(created.body()).isBetween(200, 201);
      ids.add(id);
    }
    List<CompletableFuture<HttpResponse<Void>>> delayed = new ArrayList<>();
    try {
      for (String id : ids) {
        delayed.add(client.sendAsync(poll(server.baseUrl() + "/face/v1.0-preview/operations/" + id,
            Duration.ofSeconds(60)), HttpResponse.BodyHandlers.discarding()));
      }
      // Every delayed poll has been served by the pack; its answer is now waiting out the 20 s.
      // (Without async responses this admin call itself waits: a 5 s timeout then fails the test.)
      Instant deadline = Instant.now().plusSeconds(15);
      while (delayedPollsReceived() < DELAYED && Instant.now().isBefore(deadline)) {
        Thread.sleep(50);
      }
      assertThat(delayedPollsReceived()).isEqualTo(DELAYED);
      assertThat(delayed).noneMatch(CompletableFuture::isDone);

      long start = System.nanoTime();
      HttpResponse<String> unrelated = client.send(poll(server.baseUrl() + FACE_SEED, Duration.ofSeconds(5)),
          HttpResponse.BodyHandlers.ofString());
      HttpResponse<String> admin = client.send(HttpRequest.newBuilder(URI.create(server.baseUrl()
          + "/__admin/opstub/clock")).timeout(Duration.ofSeconds(5)).build(), HttpResponse.BodyHandlers.ofString());
      Duration took = Duration.ofNanos(System.nanoTime() - start);

      assertThat(unrelated.statusCode()).isEqualTo(200);
      assertThat(unrelated.body()).contains("\"status\"");
      assertThatJson(admin.body()).node("mode").isEqualTo("running");
      assertThat(took).as("the delayed answers are due 20 s after they arrived").isLessThan(Duration.ofSeconds(5));
      assertThat(delayed).as("still held back").noneMatch(CompletableFuture::isDone);
    } finally {
      delayed.forEach(f -> f.cancel(true));
    }
  }

  /** Polls the admin API has counted on the delayed operations, asked with a 5 s timeout. */
  private static int delayedPollsReceived() throws Exception {
    HttpResponse<String> list = HttpClient.newHttpClient().send(HttpRequest.newBuilder(
        URI.create(server.baseUrl() + "/__admin/opstub/operations")).timeout(Duration.ofSeconds(5)).build(),
        HttpResponse.BodyHandlers.ofString());
    int polls = 0;
    for (JsonNode operation : JSON.readTree(list.body()).get("operations")) {
      if (operation.get("id").asText().startsWith("0d0d0d0d-")) {
        polls += operation.get("polls").asInt();
      }
    }
    return polls;
  }

  private static HttpRequest poll(String url, Duration timeout) {
    return HttpRequest.newBuilder(URI.create(url)).timeout(timeout).header(KEY[0], KEY[1]).build();
  }

  @Test
  void gzipBombsAreRefusedFastWithTheApisOwnErrorsAndNothingRunsOutOfMemory() throws IOException {
    // The run command on a heap of over twice what one decoded 64 MiB body needs (WireMock reads it whole).
    // Without --disable-request-logging, WireMock's log line of the request (built even when
    // nothing prints it) takes several times more, and most bombs here would be a 500.
    String small = runCommand().replaceFirst("^java ", "java -Xmx384m ");
    assertThat(small).contains("-Xmx384m", "--disable-request-logging");
    byte[] bomb = GzipBomb.ofZeros(64L << 20);
    try (StandaloneServer bounded = StandaloneServer.startShell(StandaloneServer.repositoryRoot(), small)) {
      for (int i = 0; i < 10; i++) {
        long start = System.nanoTime();
        HttpResponse<String> face = Http.sendBytes("POST", bounded.baseUrl() + "/face/v1.0-preview/snapshots", bomb,
            Duration.ofSeconds(30), "Ocp-Apim-Subscription-Key", "k", "Content-Type", "application/json",
            "Content-Encoding", "gzip");
        Duration took = Duration.ofNanos(System.nanoTime() - start);

        assertThat(face.statusCode()).as("bomb %d: %s", i, face.body()).isEqualTo(413);
        assertThatJson(face.body()).node("error.code").isEqualTo("BadArgument");
        assertThat(took).as("bomb %d", i).isLessThan(Duration.ofSeconds(15));
      }
      HttpResponse<String> media = Http.sendBytes("POST", bounded.baseUrl()
          + "/api/Channels('nb:chid:UUID:1e518dbc-91ef-4044-a8bd-d20769dae833')/Start", bomb, Duration.ofSeconds(30),
          "Authorization", "Bearer t", "x-ms-version", "2.19", "Content-Encoding", "gzip");
      assertThat(media.statusCode()).as(media.body()).isEqualTo(413);
      assertThatJson(media.body()).node("odata\\.error.code").isEqualTo("RequestBodyTooLarge");

      assertThat(Http.get(bounded.baseUrl() + FACE_SEED, KEY).body()).contains("\"status\": \"running\"");
      assertThat(bounded.log()).doesNotContain("OutOfMemoryError");
    }
  }

  @Test
  void azureBodiesPastTheLimitAre413InAzuresShapeAndTheServerKeepsNoneOfThem() throws IOException {
    // 40 bodies of 8 MiB would be 320 MiB kept by the journal on a 192 MiB heap; each is streamed
    // (this test never holds one) and the server drops it once WireMock has read it.
    String small = runCommand().replaceFirst("^java ", "java -Xmx192m ");
    assertThat(small).contains("-Xmx192m");
    long size = 8L << 20;
    try (StandaloneServer bounded = StandaloneServer.startShell(StandaloneServer.repositoryRoot(), small)) {
      String analyze = bounded.baseUrl() + "/documentintelligence/documentModels/prebuilt-read:analyze"
          + "?api-version=2024-11-30";
      for (int i = 0; i < 40; i++) {
        HttpResponse<String> reply = sendStreamed(analyze, size);

        assertThat(reply.statusCode()).as("body %d: %s", i, reply.body()).isEqualTo(413);
        assertThat(reply.headers().firstValue("x-ms-error-code")).hasValue("RequestBodyTooLarge");
        assertThatJson(reply.body()).node("error.code").isEqualTo("RequestBodyTooLarge");
        assertThatJson(reply.body()).node("error.message").isString().contains(size + " bytes");
        assertThat(reply.headers().firstValue("Operation-Location")).isEmpty();
      }

      HttpResponse<String> fine = Http.send("POST", analyze, "{\"urlSource\":\"https://example.com/a.pdf\"}",
          "Content-Type", "application/json");
      assertThat(fine.statusCode()).as(fine.body()).isEqualTo(202);
      assertThat(Http.get(bounded.baseUrl() + "/__admin/requests").body().length())
          .as("the journal holds the requests without their bodies").isLessThan(1 << 20);
      assertThat(bounded.log()).doesNotContain("OutOfMemoryError");
    }
  }

  /** POSTs a JSON analyze body of {@code size} bytes, made as it is sent. */
  private static HttpResponse<String> sendStreamed(String url, long size) {
    byte[] head = "{\"base64Source\":\"".getBytes(StandardCharsets.US_ASCII);
    byte[] tail = "\"}".getBytes(StandardCharsets.US_ASCII);
    java.io.InputStream body = new java.io.InputStream() {
      private long sent;

      @Override
      public int read() {
        if (sent >= size) {
          return -1;
        }
        long at = sent++;
        return at < head.length ? head[(int) at] : at >= size - tail.length ? tail[(int) (at - size + tail.length)] : 'A';
      }

      @Override
      public int read(byte[] buffer, int offset, int length) {
        int n = 0;
        for (int b; n < length && (b = read()) >= 0; n++) {
          buffer[offset + n] = (byte) b;
        }
        return n == 0 && length > 0 ? -1 : n;
      }
    };
    HttpRequest request = HttpRequest.newBuilder(URI.create(url)).timeout(Duration.ofSeconds(30))
        .header("Content-Type", "application/json")
        .POST(HttpRequest.BodyPublishers.fromPublisher(HttpRequest.BodyPublishers.ofInputStream(() -> body), size))
        .build();
    try {
      return HttpClient.newHttpClient().send(request, HttpResponse.BodyHandlers.ofString());
    } catch (IOException e) {
      throw new java.io.UncheckedIOException(e);
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      throw new IllegalStateException(e);
    }
  }

  @Test
  void withTheDocumentedBasicAuthTheOpStubAdminRoutesWantCredentialsToo() throws IOException {
    String command = Docs.serverCommands().stream().filter(c -> c.contains("--admin-api-basic-auth")).findFirst()
        .orElseThrow(() -> new AssertionError("neither the README nor docs/ documents a command with --admin-api-basic-auth"));
    Matcher credentials = Pattern.compile("--admin-api-basic-auth (\\S+)").matcher(command);
    assertThat(credentials.find()).isTrue();
    String basic = "Basic " + Base64.getEncoder().encodeToString(credentials.group(1).getBytes(StandardCharsets.UTF_8));

    try (StandaloneServer guarded = StandaloneServer.startShell(StandaloneServer.repositoryRoot(), command)) {
      String base = guarded.baseUrl();
      assertThat(Http.get(base + "/__admin/opstub/operations").statusCode()).isEqualTo(401);
      assertThat(Http.send("POST", base + "/__admin/opstub/reset", "").statusCode()).isEqualTo(401);
      assertThat(Http.send("POST", base + "/__admin/opstub/operations",
          "{\"api\":\"face\",\"id\":\"0c0c0c0c-0000-4000-8000-000000000077\",\"timeline\":\"running\"}").statusCode())
          .isEqualTo(401);
      assertThat(Http.send("PUT", base + "/__admin/files/opstub/face/operation-status.json", "{}").statusCode())
          .isEqualTo(401);
      assertThat(Http.get(base + "/__admin/mappings").statusCode()).isEqualTo(401);

      HttpResponse<String> created = Http.send("POST", base + "/__admin/opstub/operations",
          "{\"api\":\"face\",\"id\":\"0c0c0c0c-0000-4000-8000-000000000077\",\"timeline\":\"running\"}",
          "Authorization", basic);
      assertThat(created.statusCode()).as(created.body()).isBetween(200, 201);
      assertThat(Http.get(base + "/__admin/opstub/operations", "Authorization", basic).body())
          .contains("0c0c0c0c-0000-4000-8000-000000000077");
      // The stubbed APIs themselves need no admin credentials.
      assertThat(Http.get(base + "/face/v1.0-preview/operations/0c0c0c0c-0000-4000-8000-000000000077", KEY).body())
          .contains("\"status\": \"running\"");
    }
  }
}
