package dev.opstub.standalone;

import static net.javacrumbs.jsonunit.assertj.JsonAssertions.assertThatJson;
import static org.assertj.core.api.Assertions.assertThat;

import com.jayway.jsonpath.JsonPath;
import dev.opstub.testing.Http;
import dev.opstub.testing.RedisProcess;
import java.net.http.HttpResponse;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.CompletableFuture;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/**
 * One real Redis and three replicas of the real standalone jar (child JVMs, the repository's
 * mappings, the store named by OPSTUB_STORE as in the Docker image): one timeline per operation
 * across replicas, shared starts, snapshots and clock, nothing lost when a replica is killed or all
 * restart, a 503 while Redis is down and recovery after.
 */
class SharedStoreIT {
  static final String[] FACE_KEY = {"Ocp-Apim-Subscription-Key", "e58b3f08-1e8b-4165-81df-aa9858f233dc"};
  static final String[] MEDIA = {"Authorization", "Bearer t", "x-ms-version", "2.19"};
  static final List<String> ARGS = List.of("--root-dir", ".", "--port", "{port}", "--bind-address", "127.0.0.1",
      "--max-request-journal-entries", "1000");

  static RedisProcess redis;
  static final List<StandaloneServer> replicas = new ArrayList<>();

  @BeforeAll
  static void start() {
    redis = RedisProcess.start();
    replicas.addAll(startReplicas());
  }

  /** Three replicas, started at the same time (each JVM takes seconds to start). */
  static List<StandaloneServer> startReplicas() {
    List<CompletableFuture<StandaloneServer>> starting = new ArrayList<>();
    for (int i = 0; i < 3; i++) {
      int replica = i;
      starting.add(CompletableFuture.supplyAsync(() -> replica(replica)));
    }
    return starting.stream().map(CompletableFuture::join).toList();
  }

  @BeforeEach
  void reset() {
    while (replicas.size() > 3) {
      replicas.remove(3).close();
    }
    assertThat(Http.send("POST", url(0, "/__admin/opstub/reset"), null).statusCode()).isEqualTo(200);
  }

  /** Replica 0 names the store with -Dopstub.store, the others with OPSTUB_STORE. */
  private static StandaloneServer replica(int i) {
    return i == 0
        ? StandaloneServer.start(StandaloneServer.repositoryRoot(), List.of("-Dopstub.store=" + redis.url()), Map.of(), ARGS)
        : StandaloneServer.start(StandaloneServer.repositoryRoot(), List.of(), Map.of("OPSTUB_STORE", redis.url()), ARGS);
  }

  @AfterAll
  static void stop() {
    replicas.forEach(StandaloneServer::close);
    redis.close();
  }

  static String url(int replica, String path) {
    return replicas.get(replica).baseUrl() + path;
  }

  String faceStatus(int replica, String path) {
    HttpResponse<String> answer = Http.get(url(replica, path), FACE_KEY);
    assertThat(answer.statusCode()).as(answer.body()).isEqualTo(200);
    return JsonPath.read(answer.body(), "$.status");
  }

  @Test
  void sixteenThreadsRoundRobinOverThreeReplicasSeeEachStepExactlyAsOftenAsTheTimelineSays() throws Exception {
    String path = "/face/v1.0-preview/operations/0a0a0a0a-0000-4000-8000-000000000007";
    assertThat(Http.send("POST", url(2, "/__admin/opstub/operations"), "{\"api\":\"face\","
        + "\"id\":\"0a0a0a0a-0000-4000-8000-000000000007\",\"timeline\":\"running x150, succeeded\"}").statusCode())
        .isEqualTo(201);
    ExecutorService pool = Executors.newFixedThreadPool(16);
    try {
      List<Future<List<String>>> futures = new ArrayList<>();
      for (int t = 0; t < 16; t++) {
        int first = t;
        futures.add(pool.submit(() -> {
          List<String> seen = new ArrayList<>();
          for (int i = 0; i < 10; i++) {
            seen.add(faceStatus((first + i) % 3, path));
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
    } finally {
      pool.shutdownNow();
    }
  }

  @Test
  void whatOneReplicaStartsTheOthersServe() {
    // The shipped seed, polled once on each replica: one timeline.
    String seed = "/face/v1.0-preview/operations/a63a3bdd-a1db-4d05-87b8-dbad6850062a";
    assertThat(List.of(faceStatus(0, seed), faceStatus(1, seed), faceStatus(2, seed)))
        .containsExactly("running", "running", "succeeded");

    HttpResponse<String> started = Http.send("POST",
        url(0, "/api/Channels('nb:chid:UUID:1e518dbc-91ef-4044-a8bd-d20769dae833')/Start"), "", MEDIA);
    String poll = "/api/Operations('" + started.headers().firstValue("operation-id").orElseThrow() + "')";
    assertThat(JsonPath.<String>read(Http.get(url(1, poll), MEDIA).body(), "$.State")).isEqualTo("InProgress");
    assertThat(JsonPath.<String>read(Http.get(url(2, poll), MEDIA).body(), "$.State")).isEqualTo("InProgress");
    assertThat(JsonPath.<String>read(Http.get(url(1, poll), MEDIA).body(), "$.State")).isEqualTo("Succeeded");

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
    HttpResponse<String> applied = Http.send("POST", url(1, "/face/v1.0-preview" + snapshot + "/apply"),
        "{\"objectId\":\"restored\"}", FACE_KEY[0], FACE_KEY[1], "Content-Type", "application/json");
    assertThat(applied.statusCode()).as("a snapshot taken on A applied through B: %s", applied.body()).isEqualTo(202);

    Http.send("POST", url(0, "/__admin/opstub/clock/freeze"), "{\"at\":\"2030-01-01T00:00:00Z\"}");
    assertThatJson(Http.get(url(2, "/__admin/opstub/clock")).body()).node("now").isEqualTo("2030-01-01T00:00:00Z");
  }

  @Test
  void aKilledReplicaOrARestartOfAllLosesNothing() {
    String path = "/face/v1.0-preview/operations/0a0a0a0a-0000-4000-8000-000000000008";
    Http.send("POST", url(0, "/__admin/opstub/operations"), "{\"api\":\"face\","
        + "\"id\":\"0a0a0a0a-0000-4000-8000-000000000008\",\"timeline\":\"running x4, succeeded\"}");
    assertThat(faceStatus(1, path)).isEqualTo("running");

    replicas.get(1).kill();
    assertThat(faceStatus(2, path)).isEqualTo("running");
    replicas.set(1, replica(1));
    assertThat(faceStatus(1, path)).isEqualTo("running");

    for (int i = 0; i < 3; i++) {
      replicas.get(i).close();
    }
    List<StandaloneServer> restarted = startReplicas();
    for (int i = 0; i < 3; i++) {
      replicas.set(i, restarted.get(i));
    }
    assertThat(faceStatus(0, path)).as("the fourth poll, after every replica restarted").isEqualTo("running");
    assertThat(faceStatus(2, path)).isEqualTo("succeeded");
  }

  @Test
  void whileRedisIsDownPollsAre503AndTheReplicasRecoverWhenItIsBack() {
    String seed = "/face/v1.0-preview/operations/a63a3bdd-a1db-4d05-87b8-dbad6850062a";
    redis.stop();
    try {
      HttpResponse<String> down = Http.get(url(1, seed), FACE_KEY);
      assertThat(down.statusCode()).isEqualTo(503);
      assertThatJson(down.body()).node("error.code").isEqualTo("OpStubStoreUnavailable");
      // Kubernetes starts pods in any order: a replica may start before Redis does.
      replicas.add(replica(1));
      assertThat(replicas.get(3).log()).contains("cannot be reached yet");
    } finally {
      redis.restart();
    }
    assertThat(faceStatus(1, seed)).isEqualTo("running");
    assertThat(faceStatus(3, seed)).as("the replica that started while Redis was down").isEqualTo("running");
  }
}
