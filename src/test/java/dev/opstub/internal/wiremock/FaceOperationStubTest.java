package dev.opstub.internal.wiremock;

import static com.github.tomakehurst.wiremock.client.WireMock.aResponse;
import static com.github.tomakehurst.wiremock.client.WireMock.get;
import static com.github.tomakehurst.wiremock.client.WireMock.urlPathEqualTo;
import static com.github.tomakehurst.wiremock.client.WireMock.urlPathMatching;
import static com.github.tomakehurst.wiremock.core.WireMockConfiguration.options;
import static net.javacrumbs.jsonunit.assertj.JsonAssertions.assertThatJson;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.github.tomakehurst.wiremock.WireMockServer;
import com.github.tomakehurst.wiremock.extension.Parameters;
import dev.opstub.internal.api.Apis;
import dev.opstub.internal.face.FaceErrors;
import dev.opstub.internal.state.InMemoryState;
import dev.opstub.internal.timeline.OperationStore;
import dev.opstub.testing.Http;
import java.io.IOException;
import java.net.http.HttpResponse;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicLong;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The repository's own mappings/ and __files/ served in-process, plus stubs written in Java. */
class FaceOperationStubTest {
  private static final String SEED_ID = "a63a3bdd-a1db-4d05-87b8-dbad6850062a";
  private static final String FAILING_ID = "f0000000-0000-4000-8000-000000000001";
  private static final String[] KEY = {"Ocp-Apim-Subscription-Key", "test-key"};
  private static final Instant NOW = Instant.parse("2018-12-25T11:41:02.2331413Z");

  private WireMockServer server;
  private Pack pack;
  /** The template cache's time, moved by hand. */
  private final AtomicLong templateNanos = new AtomicLong();

  private WireMockServer start(String rootDir) {
    pack = new Pack(new InMemoryState(1000, Clock.fixed(NOW, ZoneOffset.UTC)), Apis.builtIn(), templateNanos::get);
    server = new WireMockServer(options().dynamicPort().bindAddress("127.0.0.1")
        .usingFilesUnderDirectory(rootDir).extensions(pack.extensions()));
    server.start();
    return server;
  }

  @AfterEach
  void stop() {
    if (server != null) {
      server.stop();
    }
  }

  private HttpResponse<String> poll(String path, String... headers) {
    return Http.get(server.baseUrl() + path, headers);
  }

  @Test
  void theSeedIdRunsTwiceThenSucceedsInTheSeedsShape() {
    start(".");
    List<String> statuses = new ArrayList<>();
    HttpResponse<String> last = null;
    for (int i = 0; i < 4; i++) {
      last = poll("/face/v1.0-preview/operations/" + SEED_ID, KEY);
      assertThat(last.statusCode()).isEqualTo(200);
      assertThat(last.headers().firstValue("Content-Type")).hasValue("application/json; charset=utf-8");
      statuses.add(com.jayway.jsonpath.JsonPath.read(last.body(), "$.status"));
    }

    assertThat(statuses).containsExactly("running", "running", "succeeded", "succeeded");
    assertThatJson(last.body()).isEqualTo("""
        {"status":"succeeded","createdTime":"2018-12-25T11:41:02.2331413Z",
         "lastActionTime":"2018-12-25T11:41:02.2331413Z","finishedTime":"2018-12-25T11:41:02.2331413Z",
         "resourceLocation":"/snapshots/e58b3f08-1e8b-4165-81df-aa9858f233dc","message":null}""");
  }

  @Test
  void aRunningPollHasNoFinishedTimeNorResourceLocation() {
    start(".");

    assertThatJson(poll("/face/v1.0-preview/operations/" + SEED_ID, KEY).body()).isEqualTo("""
        {"status":"running","createdTime":"2018-12-25T11:41:02.2331413Z",
         "lastActionTime":"2018-12-25T11:41:02.2331413Z","message":null}""");
  }

  @Test
  void theFailingIdRunsOnceThenFailsWithItsMessage() {
    start(".");

    assertThatJson(poll("/face/v1.0-preview/operations/" + FAILING_ID, KEY).body()).node("status").isEqualTo("running");
    String failed = poll("/face/v1.0-preview/operations/" + FAILING_ID, KEY).body();
    assertThatJson(failed).node("status").isEqualTo("failed");
    assertThatJson(failed).node("message").asString().contains("edited while the snapshot was being taken");
    assertThatJson(failed).node("resourceLocation").isAbsent();
  }

  @Test
  void theStableDialectSharesTheOperationButSpellsItsOwnWay() {
    start(".");
    poll("/face/v1.0-preview/operations/" + SEED_ID, KEY);
    poll("/face/v1.0-preview/operations/" + SEED_ID, KEY);

    String stable = poll("/face/v1.0/operations/" + SEED_ID, KEY).body();

    assertThatJson(stable).node("status").isEqualTo("succeeded");
    assertThatJson(stable).node("finishedTime").isAbsent();
  }

  @Test
  void errorsComeInTheFaceErrorModel() {
    start(".");

    HttpResponse<String> noKey = poll("/face/v1.0-preview/operations/" + SEED_ID);
    assertThat(noKey.statusCode()).isEqualTo(401);
    assertThatJson(noKey.body()).node("error.code").isString().isEqualTo("401");
    assertThatJson(noKey.body()).node("error.message").isEqualTo(FaceErrors.UNAUTHORIZED_MESSAGE);

    HttpResponse<String> unknown = poll("/face/v1.0-preview/operations/a63a3bdd-a1db-4d05-87b8-dbad6850062b", KEY);
    assertThat(unknown.statusCode()).isEqualTo(404);
    assertThatJson(unknown.body()).node("error.code").isEqualTo("NotFound");

    HttpResponse<String> notUuid = poll("/face/v1.0/operations/1234", KEY);
    assertThat(notUuid.statusCode()).isEqualTo(400);
    assertThatJson(notUuid.body()).node("error.code").isEqualTo("BadArgument");

    HttpResponse<String> otherFacePath = Http.send("POST", server.baseUrl() + "/face/v1.0-preview/operations", "{}", KEY);
    assertThat(otherFacePath.statusCode()).isEqualTo(404);
    assertThatJson(otherFacePath.body()).node("error.code").isEqualTo("NotFound");
  }

  @Test
  void aMappingWithoutBodyFileNameServesThePacksDefaultBody() {
    start(".");
    server.stubFor(get(urlPathEqualTo("/face/v1.0-preview/operations/" + FAILING_ID.replace('1', '2')))
        .atPriority(1)
        .willReturn(aResponse().withTransformers("opstub-face-operation")
            .withTransformerParameters(Map.of("timeline", "running x2, succeeded",
                "resourceLocation", "/snapshots/e58b3f08-1e8b-4165-81df-aa9858f233dc"))));

    for (int i = 0; i < 3; i++) {
      assertThat(poll("/face/v1.0-preview/operations/" + FAILING_ID.replace('1', '2'), KEY).body())
          .isEqualTo(poll("/face/v1.0-preview/operations/" + SEED_ID, KEY).body());
    }
  }

  @Test
  void aTeamCanReshapeTheBodyWithItsOwnTemplate(@TempDir Path root) throws IOException {
    Files.createDirectories(root.resolve("__files"));
    Files.writeString(root.resolve("__files/my-status.json"),
        "{\"state\": \"{{operation.status}}\", \"poll\": {{operation.poll}}, \"path\": \"{{request.path}}\"}");
    start(root.toString());
    server.stubFor(get(urlPathMatching("/face/v1.0-preview/operations/.*"))
        .willReturn(aResponse().withBodyFile("my-status.json").withTransformers("opstub-face-operation")
            .withTransformerParameters(Map.of("timeline", "notStarted, succeeded"))));

    poll("/face/v1.0-preview/operations/" + SEED_ID, KEY);
    String second = poll("/face/v1.0-preview/operations/" + SEED_ID, KEY).body();

    assertThatJson(second).isEqualTo(
        "{\"state\":\"succeeded\",\"poll\":2,\"path\":\"/face/v1.0-preview/operations/" + SEED_ID + "\"}");
  }

  @Test
  void messagesWithQuotesAndUnicodeStayValidJson() {
    start(".");
    server.stubFor(get(urlPathMatching("/face/v1.0-preview/operations/.*")).atPriority(1)
        .willReturn(aResponse().withBodyFile("opstub/face/operation-status.json")
            .withTransformers("opstub-face-operation")
            .withTransformerParameters(Map.of("timeline", "failed(the \"人物\" group <was> edited \\ again)"))));

    String body = poll("/face/v1.0-preview/operations/" + SEED_ID, KEY).body();

    assertThatJson(body).node("message").isString().isEqualTo("the \"人物\" group <was> edited \\ again");
  }

  @Test
  void aBrokenMappingIsRefusedWhenItIsAddedNamingTheMappingAndTheProblem() {
    start(".");

    assertThatThrownBy(() -> server.stubFor(get(urlPathEqualTo("/face/v1.0-preview/operations/" + SEED_ID))
        .atPriority(1).withName("my broken stub")
        .willReturn(aResponse().withTransformers("opstub-face-operation")
            .withTransformerParameters(Map.of("timeline", "running x0, succeeded")))))
        .isInstanceOf(MappingCheck.Rejected.class)
        .hasMessageContaining("'my broken stub'")
        .hasMessageContaining("/response/transformerParameters/timeline")
        .hasMessageContaining("column 10: a count must be at least 1");
    assertThat(poll("/face/v1.0-preview/operations/" + SEED_ID, KEY).statusCode())
        .as("the shipped mapping still serves").isEqualTo(200);
  }

  @Test
  void aTemplateThatDoesNotCompileIsAMappingErrorNamingTheFile(@TempDir Path root) throws IOException {
    Files.createDirectories(root.resolve("__files"));
    Files.writeString(root.resolve("__files/broken.json"), "{\"poll\": {{operation.poll}}}");
    start(root.toString());
    server.stubFor(get(urlPathMatching("/face/v1.0-preview/operations/.*"))
        .willReturn(aResponse().withBodyFile("broken.json").withTransformers("opstub-face-operation")
            .withTransformerParameters(Map.of("timeline", "running"))));

    HttpResponse<String> reply = poll("/face/v1.0-preview/operations/" + SEED_ID, KEY);

    assertThat(reply.statusCode()).isEqualTo(500);
    assertThatJson(reply.body()).node("error.message").asString()
        .contains("template \"broken.json\" does not compile", "1:", "expected");
  }

  @Test
  void unknownParametersAreRefusedAndMissingTemplatesAreMappingErrors() {
    start(".");
    assertThatThrownBy(() -> server.stubFor(get(urlPathEqualTo("/face/v1.0-preview/operations/" + SEED_ID))
        .atPriority(1).willReturn(aResponse().withTransformers("opstub-face-operation")
            .withTransformerParameters(Map.of("timelime", "running")))))
        .isInstanceOf(MappingCheck.Rejected.class)
        .hasMessageContaining("timelime");
    server.stubFor(get(urlPathEqualTo("/face/v1.0-preview/operations/" + FAILING_ID)).atPriority(1)
        .willReturn(aResponse().withBodyFile("nowhere.json").withTransformers("opstub-face-operation")
            .withTransformerParameters(Parameters.one("timeline", "running"))));

    HttpResponse<String> missingTemplate = poll("/face/v1.0-preview/operations/" + FAILING_ID, KEY);
    assertThat(missingTemplate.statusCode()).isEqualTo(500);
    assertThatJson(missingTemplate.body()).node("error.code").isEqualTo("OpStubMappingError");
    assertThatJson(missingTemplate.body()).node("error.message").asString()
        .contains("bodyFileName \"nowhere.json\" is not in __files");
  }

  @Test
  void parallelPollsOverHttpAdvanceEachOperationByExactlyOnePoll(@TempDir Path root) throws Exception {
    Files.createDirectories(root.resolve("__files"));
    Files.writeString(root.resolve("__files/poll.json"),
        "{\"id\": \"{{operation.operationId}}\", \"status\": \"{{operation.status}}\", \"poll\": {{operation.poll}} }");
    start(root.toString());
    server.stubFor(get(urlPathMatching("/face/v1.0-preview/operations/.*"))
        .willReturn(aResponse().withBodyFile("poll.json").withTransformers("opstub-face-operation")
            .withTransformerParameters(Map.of("timeline", "running x30, succeeded"))));
    List<String> ids = new ArrayList<>();
    for (int i = 0; i < 4; i++) {
      ids.add(String.format("00000000-0000-4000-8000-%012d", i));
    }
    int threads = 8;
    int pollsPerThreadPerId = 10;
    Map<String, List<Integer>> runningPolls = new ConcurrentHashMap<>();
    Map<String, List<Integer>> allPolls = new ConcurrentHashMap<>();
    ExecutorService pool = Executors.newFixedThreadPool(threads);
    CountDownLatch go = new CountDownLatch(1);
    try {
      List<Future<?>> done = new ArrayList<>();
      for (int t = 0; t < threads; t++) {
        done.add(pool.submit(() -> {
          go.await();
          for (int i = 0; i < pollsPerThreadPerId; i++) {
            for (String id : ids) {
              String body = poll("/face/v1.0-preview/operations/" + id, KEY).body();
              assertThat(body).as("poll of %s", id).contains("\"poll\"");
              int number = com.jayway.jsonpath.JsonPath.read(body, "$.poll");
              String status = com.jayway.jsonpath.JsonPath.read(body, "$.status");
              allPolls.computeIfAbsent(id, k -> java.util.Collections.synchronizedList(new ArrayList<>())).add(number);
              if (status.equals("running")) {
                runningPolls.computeIfAbsent(id, k -> java.util.Collections.synchronizedList(new ArrayList<>())).add(number);
              }
            }
          }
          return null;
        }));
      }
      go.countDown();
      for (Future<?> f : done) {
        f.get(60, TimeUnit.SECONDS);
      }
    } finally {
      pool.shutdownNow();
    }
    int perId = threads * pollsPerThreadPerId;
    for (String id : ids) {
      assertThat(allPolls.get(id)).as(id).hasSize(perId).doesNotHaveDuplicates()
          .allSatisfy(n -> assertThat(n).isBetween(1, perId));
      assertThat(runningPolls.get(id)).as(id).containsExactlyInAnyOrderElementsOf(
          java.util.stream.IntStream.rangeClosed(1, 30).boxed().toList());
    }
  }

  @Test
  void retryAfterIsServedOnRunningPollsOnly() {
    start(".");
    server.stubFor(get(urlPathMatching("/face/v1.0-preview/operations/.*")).atPriority(1)
        .willReturn(aResponse().withTransformers("opstub-face-operation")
            .withTransformerParameters(Map.of("timeline", "running, succeeded", "retryAfter", "1500ms"))));

    HttpResponse<String> running = poll("/face/v1.0-preview/operations/" + SEED_ID, KEY);
    HttpResponse<String> done = poll("/face/v1.0-preview/operations/" + SEED_ID, KEY);

    assertThat(running.headers().firstValue("Retry-After")).hasValue("2");
    assertThat(running.headers().firstValue("retry-after-ms")).hasValue("1500");
    assertThat(done.headers().firstValue("Retry-After")).isEmpty();
  }

  @Test
  void aRetryAfterThatIsNotASpanIsRefused() {
    start(".");

    assertThatThrownBy(() -> server.stubFor(get(urlPathMatching("/face/v1.0-preview/operations/.*")).atPriority(1)
        .willReturn(aResponse().withTransformers("opstub-face-operation")
            .withTransformerParameters(Map.of("timeline", "running", "retryAfter", "soon")))))
        .isInstanceOf(MappingCheck.Rejected.class)
        .hasMessageContaining("retryAfter");
  }

  @Test
  void everyPollIsJournaledWithWhatItSentAndWhatItWasServed() {
    start(".");
    poll("/face/v1.0-preview/operations/" + SEED_ID);
    poll("/face/v1.0-preview/operations/" + SEED_ID, KEY);
    poll("/face/v1.0-preview/operations/0b0b0b0b-0000-4000-8000-000000000000", KEY);

    var polls = pack.state().polls();
    assertThat(polls).extracting(p -> p.operationId() + " " + p.httpStatus() + " " + p.status()).containsExactly(
        SEED_ID + " 401 null", SEED_ID + " 200 running", "0b0b0b0b-0000-4000-8000-000000000000 404 null");
    assertThat(polls.get(0).headers().keySet()).noneMatch("ocp-apim-subscription-key"::equalsIgnoreCase);
    assertThat(polls.get(1).headers()).hasEntrySatisfying("Ocp-Apim-Subscription-Key", v -> assertThat(v).isEqualTo("test-key"));
    assertThat(pack.state().polls("face", SEED_ID)).hasSize(2);
  }

  @Test
  void anEditedTemplateIsServedWithinASecond(@TempDir Path root) throws Exception {
    Files.createDirectories(root.resolve("__files"));
    Files.writeString(root.resolve("__files/live.json"), "{\"v\": 1}");
    start(root.toString());
    server.stubFor(get(urlPathMatching("/face/v1.0-preview/operations/.*"))
        .willReturn(aResponse().withBodyFile("live.json").withTransformers("opstub-face-operation")
            .withTransformerParameters(Map.of("timeline", "running"))));
    assertThatJson(poll("/face/v1.0-preview/operations/" + SEED_ID, KEY).body()).node("v").isEqualTo(1);

    Files.writeString(root.resolve("__files/live.json"), "{\"v\": 2}");
    assertThatJson(poll("/face/v1.0-preview/operations/" + SEED_ID, KEY).body()).as("read at most once a second")
        .node("v").isEqualTo(1);
    templateNanos.addAndGet(Duration.ofMillis(1_001).toNanos());

    assertThatJson(poll("/face/v1.0-preview/operations/" + SEED_ID, KEY).body()).node("v").isEqualTo(2);
  }

  @Test
  void aPollWhoseQueryTheTemplatingCannotReadIsStillServedAndRecorded() {
    start(".");
    List<Integer> statuses = new java.util.ArrayList<>();
    List<String> bodies = new java.util.ArrayList<>();
    for (int i = 0; i < 3; i++) {
      Http.Raw answer = Http.rawGet(server.port(), "/face/v1.0-preview/operations/" + SEED_ID + "?x={", KEY);
      statuses.add(answer.status());
      bodies.add(answer.body());
    }
    assertThat(bodies).as("no stack trace").noneMatch(body -> body.contains("Exception"));
    Http.Raw fourth = Http.rawGet(server.port(), "/face/v1.0-preview/operations/" + SEED_ID, KEY);

    assertThat(statuses).as("%s", bodies).containsExactly(200, 200, 200);
    assertThat(fourth.body()).as("three served steps, then the last one").contains("\"succeeded\"");
    assertThat(pack.state().polls("face", SEED_ID)).as("every poll is in the history").hasSize(4);
  }

  @Test
  void aPollAnsweredWithAnErrorAfterItWasServedIsStillInTheHistory(@TempDir Path root) throws Exception {
    Files.createDirectories(root.resolve("__files"));
    start(root.toString());
    server.stubFor(get(urlPathMatching("/face/v1.0-preview/operations/.*"))
        .willReturn(aResponse().withBodyFile("missing.json").withTransformers("opstub-face-operation")
            .withTransformerParameters(Map.of("timeline", "running"))));

    assertThat(poll("/face/v1.0-preview/operations/" + SEED_ID, KEY).statusCode()).isEqualTo(500);

    assertThat(pack.state().polls("face", SEED_ID)).singleElement()
        .satisfies(recorded -> assertThat(recorded.httpStatus()).isEqualTo(500));
  }
}
