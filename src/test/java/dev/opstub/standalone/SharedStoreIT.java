package dev.opstub.standalone;

import static org.assertj.core.api.Assertions.assertThat;

import dev.opstub.testing.Http;
import dev.opstub.testing.RedisProcess;
import dev.opstub.testing.SharedStoreScenarios;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
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
class SharedStoreIT extends SharedStoreScenarios {
  static final List<String> ARGS = List.of("--root-dir", ".", "--port", "{port}", "--bind-address", "127.0.0.1",
      "--max-request-journal-entries", "1000", "--async-response-enabled", "true", "--disable-request-logging");

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
  void dropExtraReplicas() {
    while (replicas.size() > 3) {
      replicas.remove(3).close();
    }
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

  @Override
  protected String url(int replica, String path) {
    return replicas.get(replica).baseUrl() + path;
  }

  @Override
  protected RedisProcess redis() {
    return redis;
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

  /** Kubernetes starts pods in any order: a replica may start before Redis does. */
  @Override
  protected void whileTheStoreIsDown() {
    replicas.add(replica(1));
    assertThat(replicas.get(3).log()).contains("cannot be reached yet");
  }

  @Override
  protected void afterTheStoreIsBack() {
    assertThat(faceStatus(3, SEED)).as("the replica that started while Redis was down").isEqualTo("running");
  }
}
