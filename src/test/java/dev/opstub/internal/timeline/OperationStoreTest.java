package dev.opstub.internal.timeline;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.opstub.spi.Timeline;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import org.junit.jupiter.api.Test;

class OperationStoreTest {
  private final MutableClock clock = new MutableClock(Instant.parse("2026-01-01T00:00:00Z"));
  private final Timeline timeline = TimelineParser.parse("running x2, succeeded", TestVocabulary.INSTANCE);

  private Operation op(String id) {
    return new Operation(id, timeline, clock.instant(), null);
  }

  @Test
  void aNeverCreatedOperationIsNotFound() {
    assertThat(new OperationStore(10, clock).find("face", "nope")).isEmpty();
  }

  @Test
  void pollsAdvanceEachOperationIndependently() {
    OperationStore store = new OperationStore(10, clock);
    Operation a = store.put("face", op("a"));
    Operation b = store.put("face", op("b"));

    a.poll(clock.instant());
    a.poll(clock.instant());

    assertThat(a.poll(clock.instant()).step().status()).isEqualTo("succeeded");
    assertThat(b.poll(clock.instant()).step().status()).isEqualTo("running");
  }

  @Test
  void theSameIdInTwoApisIsTwoOperations() {
    OperationStore store = new OperationStore(10, clock);
    store.put("face", op("x"));

    assertThat(store.find("media", "x")).isEmpty();
  }

  @Test
  void theStoreIsBoundedAndEvictedOperationsAreNotFound() {
    OperationStore store = new OperationStore(100, clock);
    for (int i = 0; i < 10_000; i++) {
      store.put("face", op("id-" + i));
    }

    assertThat(store.size()).isLessThanOrEqualTo(100);
    long live = 0;
    for (int i = 0; i < 10_000; i++) {
      live += store.find("face", "id-" + i).isPresent() ? 1 : 0;
    }
    assertThat(live).isEqualTo(store.size());
    assertThat(store.find("face", "id-0")).isEmpty();
  }

  @Test
  void getOrCreateCreatesAnOperationOnceUnderConcurrentFirstPolls() throws Exception {
    OperationStore store = new OperationStore(10, clock);
    AtomicInteger created = new AtomicInteger();
    CountDownLatch start = new CountDownLatch(1);
    ExecutorService pool = Executors.newFixedThreadPool(16);
    try {
      List<Future<Long>> numbers = new ArrayList<>();
      for (int t = 0; t < 16; t++) {
        numbers.add(pool.submit(() -> {
          start.await();
          Operation o = store.getOrCreate("face", "same", id -> {
            created.incrementAndGet();
            return op(id);
          });
          return o.poll(clock.instant()).number();
        }));
      }
      start.countDown();
      List<Long> seen = new ArrayList<>();
      for (Future<Long> n : numbers) {
        seen.add(n.get(30, TimeUnit.SECONDS));
      }
      assertThat(created).hasValue(1);
      assertThat(seen).containsExactlyInAnyOrder(1L, 2L, 3L, 4L, 5L, 6L, 7L, 8L, 9L, 10L, 11L, 12L, 13L, 14L, 15L, 16L);
    } finally {
      pool.shutdownNow();
    }
  }

  @Test
  void removeAndClearForgetOperations() {
    OperationStore store = new OperationStore(10, clock);
    store.put("face", op("a"));
    store.put("face", op("b"));

    assertThat(store.remove("face", "a")).isTrue();
    assertThat(store.find("face", "a")).isEmpty();
    store.clear();
    assertThat(store.find("face", "b")).isEmpty();
  }

  @Test
  void rejectsACapacityBelowOne() {
    assertThatThrownBy(() -> new OperationStore(0, clock)).hasMessageContaining("at least 1");
  }
}
