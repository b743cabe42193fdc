package dev.opstub.internal.state;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.opstub.internal.api.Apis;
import dev.opstub.internal.face.FaceApi;
import dev.opstub.internal.timeline.TimelineParser;
import dev.opstub.spi.OperationSpec;
import dev.opstub.spi.Phase;
import dev.opstub.spi.Poll;
import dev.opstub.spi.Timeline;
import dev.opstub.testing.RedisMonitor;
import dev.opstub.testing.RedisProcess;
import java.net.URI;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.Map;
import java.util.concurrent.Callable;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import redis.clients.jedis.Jedis;

/** The state contract on a real Redis, plus what only a remote store has: outages. */
class RedisStateTest extends StateContract {
  static RedisProcess redis;

  @BeforeAll
  static void startRedis() {
    redis = RedisProcess.start();
  }

  @AfterAll
  static void stopRedis() {
    redis.close();
  }

  @Override
  State newState() {
    // With the test sources' Demo API, whose timelines the store must read back (its canceled status).
    return new RedisState(URI.create(redis.url()), Apis.builtIn().with(DEMO)::statuses);
  }

  @Test
  void aStoreThatIsDownIsReportedWithoutItsPasswordAndTheStateRecoversWhenItIsBack() {
    RedisState withPassword = new RedisState(URI.create("redis://:s3cret@127.0.0.1:" + redis.port()), Apis.builtIn()::statuses);
    assertThat(withPassword.shown()).doesNotContain("s3cret").contains("***@127.0.0.1:" + redis.port());

    redis.stop();
    try {
      assertThatThrownBy(() -> state.poll(FaceApi.NAME, ID, null)).isInstanceOf(StoreUnavailable.class)
          .hasMessageContaining("redis://127.0.0.1:" + redis.port()).hasMessageNotContaining("s3cret");
      assertThatThrownBy(() -> withPassword.poll(FaceApi.NAME, ID, null)).hasMessageNotContaining("s3cret");
    } finally {
      redis.restart();
    }

    state.put(FaceApi.NAME, new OperationSpec(ID, face("running, succeeded"), null, null));
    assertThat(state.poll(FaceApi.NAME, ID, null).step().status()).as("works again, no restart of ours").isEqualTo("running");
  }

  @Test
  void afterAnOutageTheNextCallWorksAtOnceThoughThePoolHeldManyConnections() throws Exception {
    state.put(FaceApi.NAME, new OperationSpec(ID, face("running"), null, null));
    // Sixteen callers at once leave the pool holding many idle connections.
    ExecutorService callers = Executors.newFixedThreadPool(16);
    try {
      List<Future<?>> calls = new ArrayList<>();
      for (int i = 0; i < 16; i++) {
        calls.add(callers.submit(() -> {
          for (int n = 0; n < 50; n++) {
            state.find(FaceApi.NAME, ID);
          }
        }));
      }
      for (Future<?> call : calls) {
        call.get(30, TimeUnit.SECONDS);
      }
    } finally {
      callers.shutdownNow();
    }

    redis.stop();
    try {
      assertThatThrownBy(() -> state.find(FaceApi.NAME, ID)).isInstanceOf(StoreUnavailable.class);
    } finally {
      redis.restart();
    }

    // Redis is back (and empty): no call may fail on a connection that died with the old one.
    for (int i = 0; i < 20; i++) {
      assertThat(state.find(FaceApi.NAME, ID)).isEmpty();
    }
  }

  @Test
  void twoServersOnOneStoreShareOneTimeline() {
    State other = newState();
    OperationSpec spec = new OperationSpec(ID, face("running x2, succeeded"), null, null);

    assertThat(state.poll(FaceApi.NAME, ID, spec).step().status()).isEqualTo("running");
    assertThat(other.poll(FaceApi.NAME, ID, spec).step().status()).isEqualTo("running");
    assertThat(state.poll(FaceApi.NAME, ID, spec).step().status()).isEqualTo("succeeded");
    other.freezeClock(null);
    assertThat(state.isClockFrozen()).as("one clock for all").isTrue();
  }

  private static final Instant T0 = Instant.parse("2026-03-01T12:00:00Z");
  private static final PollDraft DRAFT = new PollDraft(T0, Map.of(), () -> 404, Phase::name, null);

  @Test
  void aPollDuringAStallLongerThanTheTimeoutIsCountedAndRecordedOnce() throws Exception {
    OperationSpec spec = new OperationSpec(ID, face("running x2, succeeded"), null, null);
    state.put(FaceApi.NAME, spec);

    // 5 s: the first try times out (2 s), so does the one sent again on a fresh connection; the third waits.
    Poll first = stalled(Duration.ofSeconds(5), () -> state.poll(FaceApi.NAME, ID, spec, DRAFT));

    assertThat(first.number()).isEqualTo(1);
    assertThat(state.find(FaceApi.NAME, ID).orElseThrow().polls()).isEqualTo(1);
    assertThat(state.polls(FaceApi.NAME, ID)).hasSize(1);
    assertThat(List.of(state.poll(FaceApi.NAME, ID, spec, DRAFT), state.poll(FaceApi.NAME, ID, spec, DRAFT)))
        .extracting(p -> p.step().status() + " " + p.number()).containsExactly("running 2", "succeeded 3");
    assertThat(state.polls(FaceApi.NAME, ID)).hasSize(3);
  }

  @Test
  void aClockAdvanceDuringAStallLongerThanTheTimeoutIsAppliedOnce() throws Exception {
    state.freezeClock(T0);

    stalled(Duration.ofSeconds(3), () -> {
      state.advanceClock(Duration.ofSeconds(10));
      return null;
    });

    assertThat(state.clock().instant()).isEqualTo(T0.plusSeconds(10));
    state.resumeClock();
    stalled(Duration.ofSeconds(3), () -> {
      state.freezeClock(T0);
      return null;
    });
    assertThat(state.clock().instant()).isEqualTo(T0);
  }

  /** Runs {@code call} while Redis is paused for {@code stall}. */
  private static <T> T stalled(Duration stall, Callable<T> call) throws Exception {
    ScheduledExecutorService waker = Executors.newSingleThreadScheduledExecutor();
    redis.pause();
    try {
      waker.schedule(redis::resume, stall.toMillis(), TimeUnit.MILLISECONDS);
      return call.call();
    } finally {
      waker.shutdown();
      waker.awaitTermination(stall.toSeconds() + 5, TimeUnit.SECONDS);
      redis.resume();
    }
  }

  @Test
  void timelinesWhoseKeysCollideKeepTheirOwnSteps() {
    // Keys named by one hex digit: 24 timelines on 16 names collide, which a full digest never does.
    State shortKeys = new RedisState(URI.create(redis.url()), Apis.builtIn()::statuses, 1);
    for (int i = 0; i < 24; i++) {
      shortKeys.put(FaceApi.NAME, new OperationSpec(id(i), face("running, failed(message " + i + ")"), null, null));
    }
    State other = newState();
    for (int i = 0; i < 24; i++) {
      shortKeys.poll(FaceApi.NAME, id(i), null);
      assertThat(other.poll(FaceApi.NAME, id(i), null).step().detail()).isEqualTo("message " + i);
    }
    try (Jedis jedis = jedis()) {
      assertThat(jedis.keys("opstub:tl:*")).hasSize(24);
    }
  }

  @Test
  void aTimelineKeyHoldingAnotherNotationIsNotUsed() {
    Timeline mine = face("running, failed(mine)");
    String digest = sha256(mine.notation());
    try (Jedis jedis = jedis()) {
      // What a collision of the full digest would leave: the same digest, another notation.
      jedis.hset("opstub:tl:" + digest, Map.of("d", digest, "n", "running, failed(theirs)", "c", "2",
          "1", "r:1:0:1", "2", "t:1:0:3"));
    }

    state.put(FaceApi.NAME, new OperationSpec(ID, mine, null, null));
    state.poll(FaceApi.NAME, ID, null);

    assertThat(newState().poll(FaceApi.NAME, ID, null).step().detail()).isEqualTo("mine");
  }

  @Test
  void aPollIsOneCommandHistoryIncludedAndSendsNoStepsOfItsTimeline() throws Exception {
    List<String> steps = new ArrayList<>(Collections.nCopies(TimelineParser.MAX_STEPS - 1, "running"));
    steps.add("succeeded");
    Timeline longest = face(String.join(", ", steps));
    OperationSpec spec = new OperationSpec(ID, longest, null, null);
    state.put(FaceApi.NAME, spec);

    List<String> sent;
    try (RedisMonitor monitor = new RedisMonitor(redis)) {
      for (int i = 0; i < 3; i++) {
        for (int poll = 0; poll < 3; poll++) {
          state.poll(FaceApi.NAME, id(i), spec.withId(id(i)), DRAFT);
        }
      }
      state.poll(FaceApi.NAME, id(99), null, DRAFT); // no such operation: recorded all the same
      sent = monitor.commands();
    }

    List<String> fromServer = sent.stream().filter(line -> !line.contains(" lua] ")).toList();
    assertThat(fromServer).as("one command per poll, fresh ids created by it, a missing one recorded").hasSize(10)
        .allSatisfy(line -> assertThat(line).containsIgnoringCase("\"evalsha\"").hasSizeLessThan(2_000));
    assertThat(sent).as("no command of a poll reads the timeline whole").allSatisfy(
        line -> assertThat(line).hasSizeLessThan(longest.notation().length()).doesNotContainIgnoringCase("\"hgetall\" \"opstub:tl"));
    assertThat(state.polls()).hasSize(10).last().extracting(PollRecord::httpStatus).isEqualTo(404);
  }

  @Test
  void aStartACancelAndAPollOfTheCanceledOperationAreOneCommandEach() {
    String api = DEMO.name();
    OperationSpec spec = new OperationSpec("D-1", demo("working x3, done"), null, null, "POST /a");
    state.start(api, spec); // the first start of a timeline sends its steps
    state.cancel(api, state.start(api, spec.withId("D-2")).operation().id(), STOPPED); // a server reads a timeline once

    List<String> sent;
    try (RedisMonitor monitor = new RedisMonitor(redis)) {
      state.start(api, spec.withCaller("POST /b"));
      state.start(api, spec.withId("D-3"));
      state.cancel(api, "D-1", STOPPED);
      state.cancel(api, "D-1", STOPPED);
      state.poll(api, "D-1", null, demoDraft());
      sent = monitor.commandsFromClients();
    }

    assertThat(sent).as("a start of a live operation, a start that creates, two cancels, a poll of a canceled one")
        .hasSize(5).allSatisfy(command -> assertThat(command).containsIgnoringCase("\"evalsha\""));
    assertThat(state.polls(api, "D-1")).extracting(PollRecord::status).containsExactly("stopped");
  }

  @Test
  void anOperationAndItsHistoryAreKeptADayAfterTheLastPollThoughMostPollsWriteNoTtl() {
    OperationSpec spec = new OperationSpec(ID, face("running"), null, null);
    state.poll(FaceApi.NAME, ID, spec, DRAFT);
    String[] keys = {"opstub:op:face:" + ID, "opstub:hist:face:" + ID, "opstub:hist"};
    try (Jedis jedis = jedis()) {
      for (String key : keys) {
        assertThat(jedis.pttl(key)).as(key).isGreaterThan(RedisKeys.OPERATION_TTL.toMillis() - 60_000);
        jedis.pexpire(key, 100_000);
      }
      state.poll(FaceApi.NAME, ID, spec, DRAFT);
      for (String key : keys) {
        assertThat(jedis.pttl(key)).as(key + ": a poll within the minute sets no TTL").isBetween(1L, 100_000L);
      }

      // A minute after the TTLs were last set, the next poll sets them again.
      jedis.hset(keys[0], "x", Long.toString(Math.floorMod(Long.parseLong(jedis.time().get(0)) - 61, 1L << 23)));
      state.poll(FaceApi.NAME, ID, spec, DRAFT);
      for (String key : keys) {
        assertThat(jedis.pttl(key)).as(key).isGreaterThan(RedisKeys.OPERATION_TTL.toMillis() - 60_000);
      }
    }
    assertThat(state.polls(FaceApi.NAME, ID)).hasSize(3);
  }

  private static String id(int i) {
    return String.format("0b0b0b0b-0000-4000-8000-%012d", i);
  }

  private static Jedis jedis() {
    return new Jedis(URI.create(redis.url()));
  }

  private static String sha256(String text) {
    try {
      return java.util.HexFormat.of().formatHex(java.security.MessageDigest.getInstance("SHA-256")
          .digest(text.getBytes(java.nio.charset.StandardCharsets.UTF_8)));
    } catch (java.security.NoSuchAlgorithmException e) {
      throw new IllegalStateException(e);
    }
  }
}
