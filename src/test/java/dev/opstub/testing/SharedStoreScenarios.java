package dev.opstub.testing;

import static net.javacrumbs.jsonunit.assertj.JsonAssertions.assertThatJson;
import static org.assertj.core.api.Assertions.assertThat;

import com.jayway.jsonpath.JsonPath;
import java.net.http.HttpResponse;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/**
 * What three servers sharing one Redis do, against servers a subclass starts: in-process
 * ({@code SharedStoreTest}) or the real standalone jar in child JVMs ({@code SharedStoreIT}).
 */
public abstract class SharedStoreScenarios {
  protected static final String SEED = "/face/v1.0-preview/operations/a63a3bdd-a1db-4d05-87b8-dbad6850062a";
  protected static final String[] FACE_KEY = {"Ocp-Apim-Subscription-Key", "e58b3f08-1e8b-4165-81df-aa9858f233dc"};
  protected static final String[] MEDIA = {"Authorization", "Bearer t", "x-ms-version", "2.19"};

  /** The base URL of server {@code 0..2} followed by {@code path}. */
  protected abstract String url(int server, String path);

  /** The Redis the servers share. */
  protected abstract RedisProcess redis();

  @BeforeEach
  void resetSharedState() {
    assertThat(Http.send("POST", url(0, "/__admin/opstub/reset"), null).statusCode()).isEqualTo(200);
  }

  protected String faceStatus(int server, String path) {
    HttpResponse<String> answer = Http.get(url(server, path), FACE_KEY);
    assertThat(answer.statusCode()).as(answer.body()).isEqualTo(200);
    return JsonPath.read(answer.body(), "$.status");
  }

  @Test
  void theSeedOperationPolledOnceOnEachServerFollowsOneTimeline() {
    assertThat(List.of(faceStatus(0, SEED), faceStatus(1, SEED), faceStatus(2, SEED)))
        .containsExactly("running", "running", "succeeded");
  }

  @Test
  void sixteenThreadsPollingRoundRobinSeeEachStepExactlyAsOftenAsTheTimelineSays() throws Exception {
    String id = "0a0a0a0a-0000-4000-8000-000000000007";
    assertThat(Http.send("POST", url(1, "/__admin/opstub/operations"), "{\"api\":\"face\",\"id\":\"" + id
        + "\",\"timeline\":\"running x150, succeeded\"}").statusCode()).isEqualTo(201);
    ExecutorService pool = Executors.newFixedThreadPool(16);
    try {
      List<Future<List<String>>> futures = new ArrayList<>();
      for (int t = 0; t < 16; t++) {
        int first = t;
        futures.add(pool.submit(() -> {
          List<String> seen = new ArrayList<>();
          for (int i = 0; i < 10; i++) {
            seen.add(faceStatus((first + i) % 3, "/face/v1.0-preview/operations/" + id));
          }
          return seen;
        }));
      }
      List<String> all = new ArrayList<>();
      for (Future<List<String>> future : futures) {
        all.addAll(future.get());
      }
      assertThat(Collections.frequency(all, "running")).isEqualTo(150);
      assertThat(Collections.frequency(all, "succeeded")).isEqualTo(10);
      assertThatJson(Http.get(url(2, "/__admin/opstub/operations/face/" + id)).body()).node("polls").isEqualTo(160);
    } finally {
      pool.shutdownNow();
    }
  }

  @Test
  void sixteenThreadsPollingOneAzureOperationRoundRobinSeeEachStepExactlyAsOftenAsTheTimelineSays() throws Exception {
    AzureClientScenarios.sixteenThreadsPollingOneOperationSeeEachStepExactlyAsOftenAsTheTimelineSays(
        server -> url(server, ""), 3);
  }

  @Test
  void sixteenAzureCallsWithOneOperationIdAtOnceOnThreeServersStartOneOperationAndTheOthersAre409() throws Exception {
    AzureClientScenarios.sixteenCallsWithOneOperationIdAtOnceStartOneOperationAndTheOthersAre409(
        server -> url(server, ""), 3);
  }

  @Test
  void sixteenIdenticalAzureRetriesAtOnceOnThreeServersSeeOneOperation() throws Exception {
    AzureClientScenarios.sixteenIdenticalRetriesAtOnceSeeOneOperation(server -> url(server, ""), 3);
  }

  @Test
  void anAzureCancelRacingPollsOnOtherServersNeverShowsAnEndAndThenAnotherStatus() throws Exception {
    AzureClientScenarios.aCancelRacingPollsOnOtherServersNeverShowsAnEndAndThenAnotherStatus(
        server -> url(server, ""), 3);
  }

  @Test
  void anAzureResultKeptOnceIsServedByEveryServerAlsoAfterAReset() {
    AzureClientScenarios azure = new AzureClientScenarios(url(0, ""));
    String path = "/svc/jobs/" + java.util.UUID.randomUUID() + ":run";
    String marker = java.util.UUID.randomUUID().toString();
    azure.addStart("POST", path, "{\"timeline\":\"Running, Succeeded\",\"result\":{\"marker\":\"" + marker + "\"}}");

    List<String> served = new ArrayList<>();
    for (int round = 0; round < 2; round++) {
      if (round == 1) {
        assertThat(Http.send("POST", url(1, "/__admin/opstub/reset"), null).statusCode()).isEqualTo(200);
      }
      String monitor = Http.send("POST", url(0, path), "{}").headers().firstValue("Operation-Location").orElseThrow();
      String monitorPath = monitor.substring(monitor.indexOf("/svc/"));
      Http.get(url(1 + round, monitorPath));
      HttpResponse<String> last = Http.get(url(2 - round, monitorPath));
      assertThat(last.statusCode()).as(last.body()).isEqualTo(200);
      served.add(JsonPath.read(last.body(), "$.result.marker"));
    }
    assertThat(served).containsExactly(marker, marker);
  }

  @Test
  void anOperationStartedOnOneServerIsPolledOnTheOthers() {
    HttpResponse<String> started = Http.send("POST",
        url(0, "/api/Channels('nb:chid:UUID:1e518dbc-91ef-4044-a8bd-d20769dae833')/Start"), "", MEDIA);
    String poll = "/api/Operations('" + started.headers().firstValue("operation-id").orElseThrow() + "')";

    List<String> states = new ArrayList<>();
    for (int server : new int[] {1, 2, 1}) {
      states.add(JsonPath.read(Http.get(url(server, poll), MEDIA).body(), "$.State"));
    }
    assertThat(states).containsExactly("InProgress", "InProgress", "Succeeded");
  }

  @Test
  void aSnapshotTakenOnOneServerIsAppliedThroughAnother() {
    String location = Http.send("POST", url(0, "/face/v1.0-preview/snapshots"), "{\"type\":\"PersonGroup\","
        + "\"objectId\":\"g\",\"applyScope\":[\"e58b3f08-1e8b-4165-81df-aa9858f233dc\"]}", FACE_KEY[0], FACE_KEY[1],
        "Content-Type", "application/json").headers().firstValue("Operation-Location").orElseThrow();
    String snapshot = null;
    for (int i = 0; i < 4; i++) {
      String body = Http.get(url(i % 3, "/face/v1.0-preview" + location), FACE_KEY).body();
      if ("succeeded".equals(JsonPath.read(body, "$.status"))) {
        snapshot = JsonPath.read(body, "$.resourceLocation");
      }
    }
    assertThat(snapshot).isNotNull();

    HttpResponse<String> applied = Http.send("POST", url(1, "/face/v1.0-preview" + snapshot + "/apply"),
        "{\"objectId\":\"restored\"}", FACE_KEY[0], FACE_KEY[1], "Content-Type", "application/json");
    assertThat(applied.statusCode()).as(applied.body()).isEqualTo(202);
    assertThat(Http.get(url(2, "/face/v1.0-preview/snapshots"), FACE_KEY).body()).contains("PersonGroup");
  }

  @Test
  void theClockFrozenThroughOneServerIsFrozenForAll() {
    Http.send("POST", url(0, "/__admin/opstub/clock/freeze"), "{\"at\":\"2030-01-01T00:00:00Z\"}");

    assertThatJson(Http.get(url(2, "/__admin/opstub/clock")).body()).node("mode").isEqualTo("frozen");
    assertThatJson(Http.get(url(1, "/__admin/opstub/clock")).body()).node("now").isEqualTo("2030-01-01T00:00:00Z");
  }

  @Test
  void aStoreThatIsDownIsA503InEachApisFormatAndTheServersRecoverWhenItIsBack() {
    redis().stop();
    try {
      HttpResponse<String> face = Http.get(url(0, SEED), FACE_KEY);
      assertThat(face.statusCode()).isEqualTo(503);
      assertThatJson(face.body()).node("error.code").isEqualTo("OpStubStoreUnavailable");
      assertThatJson(face.body()).node("error.message").asString().contains(redis().url());
      HttpResponse<String> media = Http.get(url(1, "/api/Operations('nb:opid:UUID:ab66eff9-8945-4323-9f91-d257a695899b')"),
          "Authorization", "Bearer t", "x-ms-version", "2.19", "Accept", "application/atom+xml");
      assertThat(media.statusCode()).isEqualTo(503);
      assertThat(media.body()).contains("<m:code>OpStubStoreUnavailable</m:code>");
      assertThat(Http.get(url(2, "/__admin/opstub/operations")).statusCode()).isEqualTo(503);
      whileTheStoreIsDown();
    } finally {
      redis().restart();
    }

    assertThat(faceStatus(0, SEED)).as("back without a restart of the servers").isEqualTo("running");
    afterTheStoreIsBack();
  }

  @Test
  void aPollAndAClockAdvanceDuringAStallLongerThanTheTimeoutCountOnce() throws Exception {
    // The report: Redis answers after the servers' 2 s timeout (a paused container).
    String id = "0c0c0c0c-0000-4000-8000-0000000000aa";
    Http.send("POST", url(0, "/__admin/opstub/operations"), "{\"api\":\"face\",\"id\":\"" + id
        + "\",\"timeline\":\"running, succeeded\"}");
    Http.send("POST", url(0, "/__admin/opstub/clock/freeze"), "{\"at\":\"2030-01-01T00:00:00Z\"}");

    String status = stalled(() -> faceStatus(0, "/face/v1.0-preview/operations/" + id));
    stalled(() -> Http.send("POST", url(1, "/__admin/opstub/clock/advance"), "{\"by\":\"10s\"}"));

    assertThat(status).isEqualTo("running");
    String operation = Http.get(url(1, "/__admin/opstub/operations/face/" + id)).body();
    assertThatJson(operation).node("polls").isEqualTo(1);
    assertThatJson(operation).node("history").isArray().hasSize(1);
    assertThatJson(Http.get(url(2, "/__admin/opstub/clock")).body()).node("now").isEqualTo("2030-01-01T00:00:10Z");
    assertThat(faceStatus(2, "/face/v1.0-preview/operations/" + id)).isEqualTo("succeeded");
  }

  /** Runs {@code call} while Redis is paused for 3 s (SIGSTOP), longer than the servers' timeout. */
  private <T> T stalled(java.util.concurrent.Callable<T> call) throws Exception {
    java.util.concurrent.ScheduledExecutorService waker = Executors.newSingleThreadScheduledExecutor();
    redis().pause();
    try {
      waker.schedule(redis()::resume, 3, java.util.concurrent.TimeUnit.SECONDS);
      return call.call();
    } finally {
      waker.shutdown();
      waker.awaitTermination(10, java.util.concurrent.TimeUnit.SECONDS);
      redis().resume();
    }
  }

  @Test
  void everyPollIsOneRoundTripToTheStoreItsHistoryIncluded() {
    AzureClientScenarios azure = new AzureClientScenarios(url(0, ""));
    String path = "/svc/jobs/" + java.util.UUID.randomUUID() + ":run";
    azure.addStart("POST", path, "{\"timeline\":\"Running x4, Succeeded\"}");
    HttpResponse<String> started = Http.send("POST", url(0, path + "?api-version=2024-01-01"), "{}");
    assertThat(started.statusCode()).as(started.body()).isEqualTo(202);
    String monitor = started.headers().firstValue("Operation-Location").orElseThrow().substring(url(0, "").length());
    String missing = "/face/v1.0-preview/operations/0c0c0c0c-0000-4000-8000-0000000000ff";

    // A server reads a timeline it has not seen once, with its first poll of it.
    assertThat(Http.get(url(1, monitor)).statusCode()).isEqualTo(200);
    assertThat(Http.get(url(2, monitor)).statusCode()).isEqualTo(200);

    List<String> sent;
    try (RedisMonitor redisMonitor = new RedisMonitor(redis())) {
      for (int i = 0; i < 3; i++) {
        assertThat(Http.get(url(1 + i % 2, monitor)).statusCode()).isEqualTo(200);
      }
      assertThat(faceStatus(2, SEED)).isEqualTo("running");
      assertThat(Http.get(url(1, missing), FACE_KEY).statusCode()).isEqualTo(404);
      sent = redisMonitor.commandsFromClients();
    }

    assertThat(sent).as("an Azure monitor, a Face seed and a missing Face operation, polled by the servers")
        .hasSize(5).allSatisfy(command -> assertThat(command).containsIgnoringCase("\"evalsha\""));
    assertThat(azure.servedStatuses(monitor.substring(monitor.lastIndexOf('/') + 1, monitor.indexOf('?'))))
        .containsExactly("Running", "Running", "Running", "Running", "Succeeded");
  }

  @Test
  void theOperationsListComesInPagesAnyServerContinues() {
    for (int i = 0; i < 5; i++) {
      Http.send("POST", url(i % 3, "/__admin/opstub/operations"), "{\"api\":\"face\",\"id\":\"0d0d0d0d-0000-4000-8000-00000000000"
          + i + "\",\"timeline\":\"running\"}");
    }
    List<String> ids = new ArrayList<>();
    String page = Http.get(url(0, "/__admin/opstub/operations?limit=2")).body();
    int pages = 1;
    while (true) {
      ids.addAll(JsonPath.read(page, "$.operations[*].id"));
      List<String> next = JsonPath.read(page, "$..next");
      if (next.isEmpty()) {
        break;
      }
      page = Http.get(url(pages % 3, "/__admin/opstub/operations?limit=2&cursor=" + next.get(0))).body();
      pages++;
    }
    assertThat(pages).isEqualTo(3);
    assertThat(ids).containsExactly("0d0d0d0d-0000-4000-8000-000000000000", "0d0d0d0d-0000-4000-8000-000000000001",
        "0d0d0d0d-0000-4000-8000-000000000002", "0d0d0d0d-0000-4000-8000-000000000003",
        "0d0d0d0d-0000-4000-8000-000000000004");
  }

  @Test
  void aClockResumedAtTheEndOfTheYear9999ShowsNoLaterTimeInBodiesOrTheAdminApi() {
    Http.send("POST", url(0, "/__admin/opstub/clock/freeze"), "{\"at\":\"9999-12-31T23:59:59.999999Z\"}");
    Http.send("POST", url(0, "/__admin/opstub/clock/resume"), null);
    String id = "0e0e0e0e-0000-4000-8000-000000000001";
    Http.send("POST", url(1, "/__admin/opstub/operations"), "{\"api\":\"face\",\"id\":\"" + id
        + "\",\"timeline\":\"running, succeeded\"}");

    Http.get(url(2, "/face/v1.0-preview/operations/" + id), FACE_KEY);
    String body = Http.get(url(2, "/face/v1.0-preview/operations/" + id), FACE_KEY).body();

    assertThatJson(body).node("status").isEqualTo("succeeded");
    for (String time : List.of("createdTime", "lastActionTime", "finishedTime")) {
      assertThat(JsonPath.<String>read(body, "$." + time)).as(time).startsWith("9999-12-31T23:59:59");
    }
    assertThat(JsonPath.<String>read(Http.get(url(1, "/__admin/opstub/clock")).body(), "$.now"))
        .startsWith("9999-12-31T23:59:59");
    assertThat(JsonPath.<String>read(Http.get(url(1, "/__admin/opstub/operations/face/" + id)).body(), "$.createdTime"))
        .startsWith("9999-12-31T23:59:59");
  }

  /** More to do while Redis is down (the standalone test starts a replica then). */
  protected void whileTheStoreIsDown() {}

  /** More to check once Redis is back. */
  protected void afterTheStoreIsBack() {}
}
