package dev.opstub.internal.state;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.opstub.demo.DemoApi;
import dev.opstub.internal.api.Apis;
import dev.opstub.internal.face.FaceApi;
import dev.opstub.testing.RedisProcess;
import java.net.URI;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

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
    return new RedisState(URI.create(redis.url()), Apis.builtIn().with(DEMO));
  }

  @Test
  void aStoreThatIsDownIsReportedWithoutItsPasswordAndTheStateRecoversWhenItIsBack() {
    RedisState withPassword = new RedisState(URI.create("redis://:s3cret@127.0.0.1:" + redis.port()), Apis.builtIn());
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
}
