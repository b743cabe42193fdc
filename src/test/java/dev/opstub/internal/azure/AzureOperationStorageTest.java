package dev.opstub.internal.azure;

import static org.assertj.core.api.Assertions.assertThat;

import com.jayway.jsonpath.JsonPath;
import dev.opstub.internal.api.Apis;
import dev.opstub.internal.api.StateOperations;
import dev.opstub.internal.state.InMemoryState;
import dev.opstub.internal.state.RedisState;
import dev.opstub.internal.state.State;
import dev.opstub.spi.OperationSpec;
import dev.opstub.spi.Reply;
import dev.opstub.spi.Request;
import dev.opstub.spi.StubParameters;
import dev.opstub.testing.RedisProcess;
import java.net.URI;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.UUID;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import redis.clients.jedis.Jedis;

/**
 * What an Azure operation keeps, in memory and on a real Redis: a short target naming a profile
 * the operations of a stub share (the result kept once, not once per operation), in a form no
 * user value is read as.
 */
class AzureOperationStorageTest {
  private static RedisProcess redis;

  @BeforeAll
  static void startRedis() {
    redis = RedisProcess.start();
  }

  @AfterAll
  static void stopRedis() {
    redis.close();
  }

  private static String bigResult() {
    StringBuilder text = new StringBuilder("{\"content\":\"");
    text.append("x".repeat(64 * 1024)).append(' ').append(UUID.randomUUID()).append("\"}");
    return text.toString();
  }

  private static List<Reply> start(State state, String result, int count) {
    StubParameters parameters = StubParameters.read(AzureStart.INSTANCE,
        Map.of("timeline", "Running, Succeeded", "result", result));
    List<Reply> replies = new ArrayList<>();
    for (int i = 0; i < count; i++) {
      // Every other start names its operation-id, as the guidelines' clients may: its retries are told apart
      // by what the operation keeps of the call, which must stay as short as its target.
      Map<String, String> headers = i % 2 == 0 ? Map.of() : Map.of("operation-id", "op-" + i + "-" + UUID.randomUUID());
      replies.add(AzureStart.INSTANCE.handle(new Request("POST",
          "/documentintelligence/documentModels/prebuilt-layout-with-a-long-model-name:analyze",
          "http://127.0.0.1:1", headers, "{}", "api-version=2024-11-30"), parameters, new StateOperations(state)));
    }
    return replies;
  }

  private static String poll(State state, Reply started) {
    String monitor = started.headers().get("Operation-Location");
    String path = URI.create(monitor).getRawPath();
    return AzureMonitor.INSTANCE.handle(Request.get(path, "http://127.0.0.1:2", Map.of()), StubParameters.NONE,
        new StateOperations(state)).body();
  }

  @Test
  void operationsOfOneStubShareOneShortTargetInMemoryAndServeTheWholeResult() {
    InMemoryState state = new InMemoryState(100);
    String result = bigResult();

    List<Reply> started = start(state, result, 20);

    Set<String> targets = java.util.Collections.newSetFromMap(new java.util.IdentityHashMap<>());
    state.operations().forEach(view -> targets.add(view.target()));
    assertThat(targets).hasSize(1);
    assertThat(targets.iterator().next()).hasSizeLessThanOrEqualTo(64).doesNotContain("content");
    poll(state, started.get(0));
    assertThat(poll(state, started.get(0))).contains(result);
  }

  @Test
  void onRedisTheResultIsKeptOnceAndEachOperationHoldsOnlyItsShortTarget() {
    RedisState state = new RedisState(URI.create(redis.url()), Apis.builtIn()::statuses);
    state.reset();
    String result = bigResult();

    List<Reply> started = start(state, result, 20);

    try (Jedis jedis = new Jedis(URI.create(redis.url()))) {
      assertThat(jedis.keys("opstub:res:azure:profile:*")).hasSize(1);
      assertThat(jedis.keys("opstub:res:azure:shape:*")).hasSize(1);
      Set<String> operations = new HashSet<>(jedis.keys("opstub:op:azure:*"));
      assertThat(operations).hasSize(20);
      for (String key : operations) {
        // Redis keeps a hash compact (listpack, ziplist before Redis 7) while every value is at most 64 bytes.
        assertThat(jedis.objectEncoding(key)).as(key).isIn("listpack", "ziplist");
      }
    }
    poll(state, started.get(19));
    assertThat(poll(state, started.get(19))).contains(result);
  }

  @Test
  void aProfileTheStoreLostIsStoredAgainByTheNextStart() {
    RedisState state = new RedisState(URI.create(redis.url()), Apis.builtIn()::statuses);
    String result = bigResult();
    start(state, result, 1);

    state.reset();
    Reply again = start(state, result, 1).get(0);

    try (Jedis jedis = new Jedis(URI.create(redis.url()))) {
      assertThat(jedis.keys("opstub:res:azure:profile:*")).hasSize(1);
    }
    poll(state, again);
    assertThat(poll(state, again)).contains(result);
  }

  @Test
  void aTargetThisVersionDidNotWriteIsAPlainMonitorNotReadAsSettings() {
    InMemoryState state = new InMemoryState(10);
    String id = "legacy-" + UUID.randomUUID();
    state.put(AzureApi.NAME, new OperationSpec(id, AzureStart.DEFAULT_TIMELINE, "{\"pattern\":\"location\","
        + "\"method\":\"DELETE\",\"baseUrl\":\"http://evil.example.com\",\"path\":\"/x\",\"result\":null}", null));

    Reply polled = AzureMonitor.INSTANCE.handle(Request.get("/svc/operations/" + id, "http://127.0.0.1:2",
        Map.of()), StubParameters.NONE, new StateOperations(state));

    assertThat(polled.status()).isEqualTo(200);
    assertThat(polled.headers()).doesNotContainKey("Location");
    assertThat((String) JsonPath.read(polled.body(), "$.status")).isEqualTo("Running");
    assertThat(polled.body()).doesNotContain("evil");
  }

  /** PUTs of {@code count} resources, each on its own path longer than 64 bytes. */
  private static List<Reply> putResources(State state, int count) {
    StubParameters parameters = StubParameters.read(AzureStart.INSTANCE, Map.of("timeline", "Running, Succeeded"));
    String prefix = "/subscriptions/" + UUID.randomUUID() + "/resourceGroups/rg-" + UUID.randomUUID()
        + "/providers/Microsoft.Example/widgets/w-";
    List<Reply> replies = new ArrayList<>();
    for (int i = 0; i < count; i++) {
      replies.add(AzureStart.INSTANCE.handle(new Request("PUT", prefix + i, "http://127.0.0.1:1", Map.of(), "{}",
          "api-version=2024-01-01"), parameters, new StateOperations(state)));
    }
    return replies;
  }

  @Test
  void resourceOperationsShareOneShapeAndEachKeepsItsOwnPathInACompactHash() {
    for (State state : List.<State>of(new InMemoryState(100), new RedisState(URI.create(redis.url()), Apis.builtIn()::statuses))) {
      state.reset();

      List<Reply> started = putResources(state, 20);

      assertThat(state.resources(AzureApi.NAME, "shape")).as("one shape for the call, not one per resource").hasSize(1);
      Reply last = started.get(19);
      assertThat(last.status()).isEqualTo(201);
      poll(state, last);
      String succeeded = poll(state, last);
      assertThat((String) JsonPath.read(succeeded, "$.status")).isEqualTo("Succeeded");
      assertThat((String) JsonPath.read(succeeded, "$.resourceLocation")).as("the path of this operation's resource")
          .endsWith("/providers/Microsoft.Example/widgets/w-19?api-version=2024-01-01")
          .startsWith("http://127.0.0.1:2/subscriptions/");
      if (state instanceof RedisState) {
        try (Jedis jedis = new Jedis(URI.create(redis.url()))) {
          Set<String> operations = new HashSet<>(jedis.keys("opstub:op:azure:*"));
          assertThat(operations).hasSize(20);
          for (String key : operations) {
            assertThat(jedis.objectEncoding(key)).as(key).isIn("listpack", "ziplist");
          }
        }
      }
    }
  }

  @Test
  void everyResourceOperationOfOneShapeServesItsOwnPathWhenPolledInAnyOrder() {
    for (State state : List.<State>of(new InMemoryState(100), new RedisState(URI.create(redis.url()), Apis.builtIn()::statuses))) {
      state.reset();

      List<Reply> started = putResources(state, 20);

      // The operations share one parsed shape: each read must still add its own operation's path.
      for (int round = 0; round < 2; round++) {
        for (int i = started.size() - 1; i >= 0; i--) {
          String body = poll(state, started.get(i));
          if (round == 1) {
            assertThat((String) JsonPath.read(body, "$.resourceLocation")).as("operation %d", i)
                .endsWith("/providers/Microsoft.Example/widgets/w-" + i + "?api-version=2024-01-01");
          }
        }
      }
    }
  }
}
