package dev.opstub.internal.timeline;

import static org.assertj.core.api.Assertions.assertThat;

import dev.opstub.spi.Poll;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.BitSet;
import java.util.List;
import java.util.concurrent.Callable;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;

class OperationTest {
  private static final Instant T0 = Instant.parse("2018-12-25T11:41:02.2331413Z");
  private final MutableClock clock = new MutableClock(T0);

  private Operation operation(String notation) {
    return new Operation("op", TimelineParser.parse(notation, TestVocabulary.INSTANCE), clock.instant(), "/snapshots/s");
  }

  private List<String> statusesOf(Operation op, int polls) {
    List<String> seen = new ArrayList<>();
    for (int i = 0; i < polls; i++) {
      seen.add(op.poll(clock.instant()).step().status());
      clock.advance(Duration.ofMillis(100));
    }
    return seen;
  }

  @Test
  void pollsWalkTheTimelineAndTheLastStepRepeatsForever() {
    assertThat(statusesOf(operation("notStarted, running x2, succeeded"), 6))
        .containsExactly("notStarted", "running", "running", "succeeded", "succeeded", "succeeded");
  }

  @Test
  void aNonTerminalLastStepAlsoRepeatsForever() {
    assertThat(statusesOf(operation("notStarted, running"), 4))
        .containsExactly("notStarted", "running", "running", "running");
  }

  @Test
  void pollNumbersCountEveryPollOfTheOperation() {
    Operation op = operation("running x2, succeeded");

    assertThat(List.of(op.poll(T0).number(), op.poll(T0).number(), op.poll(T0).number())).containsExactly(1L, 2L, 3L);
  }

  @Test
  void aTimedStepLastsItsSpanFromCreationHoweverOftenItIsPolled() {
    Operation op = operation("running 1500ms, succeeded");

    for (int i = 0; i < 10; i++) {
      assertThat(op.poll(clock.instant()).step().status()).isEqualTo("running");
      clock.advance(Duration.ofMillis(149));
    }
    clock.advance(Duration.ofMillis(10));
    assertThat(op.poll(clock.instant()).step().status()).isEqualTo("succeeded");
  }

  @Test
  void aTimedStepAfterCountedStepsStartsAtTheLastPollOfThePreviousStep() {
    Operation op = operation("notStarted, running 30s, succeeded");
    clock.advance(Duration.ofSeconds(5));
    op.poll(clock.instant()); // notStarted, at T0+5s: running begins here

    clock.advance(Duration.ofSeconds(29));
    assertThat(op.poll(clock.instant()).step().status()).isEqualTo("running");
    clock.advance(Duration.ofSeconds(1));
    assertThat(op.poll(clock.instant()).step().status()).isEqualTo("succeeded");
  }

  @Test
  void lastActionTimeAdvancesWhileRunningAndStopsAtTheFinish() {
    Operation op = operation("notStarted, running x2, succeeded");
    Poll notStarted = op.poll(clock.instant());
    clock.advance(Duration.ofSeconds(1));
    Poll running1 = op.poll(clock.instant());
    clock.advance(Duration.ofSeconds(1));
    Poll running2 = op.poll(clock.instant());
    clock.advance(Duration.ofSeconds(1));
    Poll done = op.poll(clock.instant());
    clock.advance(Duration.ofSeconds(1));
    Poll later = op.poll(clock.instant());

    assertThat(notStarted.lastActionTime()).isEqualTo(T0);
    assertThat(running1.lastActionTime()).isEqualTo(T0.plusSeconds(1));
    assertThat(running2.lastActionTime()).isEqualTo(T0.plusSeconds(2));
    assertThat(running2.finishedTime()).isNull();
    assertThat(done.finishedTime()).isEqualTo(T0.plusSeconds(2));
    assertThat(done.lastActionTime()).isEqualTo(done.finishedTime());
    assertThat(later.finishedTime()).isEqualTo(done.finishedTime());
    assertThat(later.lastActionTime()).isEqualTo(done.finishedTime());
  }

  @Test
  void aTimedFinishIsDatedWhenTheSpanRanOutNotWhenItWasPolled() {
    Operation op = operation("running 2s, succeeded");
    clock.advance(Duration.ofSeconds(10));

    assertThat(op.poll(clock.instant()).finishedTime()).isEqualTo(T0.plusSeconds(2));
  }

  @Test
  void peekDoesNotCountAPoll() {
    Operation op = operation("running, succeeded");

    assertThat(op.peek(clock.instant()).step().status()).isEqualTo("running");
    assertThat(op.peek(clock.instant()).number()).isZero();
    assertThat(op.poll(clock.instant()).step().status()).isEqualTo("running");
    assertThat(op.peek(clock.instant()).step().status()).isEqualTo("running");
    assertThat(op.poll(clock.instant()).step().status()).isEqualTo("succeeded");
  }

  @Test
  void concurrentPollsOfOneOperationObserveEveryPollIndexExactlyOnce() throws Exception {
    int threads = 32;
    int pollsEach = 500;
    int total = threads * pollsEach;
    Operation op = operation("running x" + total + ", succeeded");
    CountDownLatch start = new CountDownLatch(1);
    ExecutorService pool = Executors.newFixedThreadPool(threads);
    try {
      List<Future<List<Poll>>> results = new ArrayList<>();
      for (int t = 0; t < threads; t++) {
        Callable<List<Poll>> poller = () -> {
          start.await();
          List<Poll> seen = new ArrayList<>(pollsEach);
          for (int i = 0; i < pollsEach; i++) {
            seen.add(op.poll(clock.instant()));
          }
          return seen;
        };
        results.add(pool.submit(poller));
      }
      start.countDown();
      BitSet numbers = new BitSet();
      int running = 0;
      for (Future<List<Poll>> result : results) {
        for (Poll poll : result.get(60, TimeUnit.SECONDS)) {
          assertThat(numbers.get((int) poll.number())).as("poll %d seen twice", poll.number()).isFalse();
          numbers.set((int) poll.number());
          running += poll.step().status().equals("running") ? 1 : 0;
        }
      }
      assertThat(numbers.cardinality()).isEqualTo(total);
      assertThat(numbers.nextSetBit(0)).isEqualTo(1);
      assertThat(numbers.previousSetBit(Integer.MAX_VALUE)).isEqualTo(total);
      assertThat(running).isEqualTo(total);
      assertThat(op.poll(clock.instant()).step().status()).isEqualTo("succeeded");
    } finally {
      pool.shutdownNow();
    }
  }
}
