package dev.opstub.internal.timeline;

import static org.assertj.core.api.Assertions.assertThat;

import dev.opstub.spi.Poll;
import dev.opstub.spi.Timeline;
import java.time.Duration;
import java.time.Instant;
import java.util.stream.Collectors;
import org.junit.jupiter.api.Test;

/**
 * The compact state behind the store (ids as keys, the API kept in the operation, times as
 * offsets): the same id in several APIs, an operation stored in two stores, exact instants.
 */
class CompactOperationStateTest {
  private final MutableClock clock = new MutableClock(Instant.parse("2026-01-01T00:00:00.123456789Z"));
  private final Timeline timeline = TimelineParser.parse("running x2, succeeded", TestVocabulary.INSTANCE);

  private Operation op(String id) {
    return new Operation(id, timeline, clock.instant(), null);
  }

  @Test
  void whetherTheStartCarriedACredentialLeavesTheCreationTimeExactToTheNanosecond() {
    Instant latest = Instant.parse("2026-01-01T00:00:00.999999999Z");
    for (Boolean carried : new Boolean[] {null, true, false}) {
      Operation op = new Operation("x", timeline, latest, null, null, null, carried);

      assertThat(op.startCredential()).isEqualTo(carried);
      assertThat(op.poll(latest.plusNanos(1)).createdTime()).isEqualTo(latest);
      assertThat(op.peek(latest.plusNanos(1)).lastActionTime()).isEqualTo(latest.plusNanos(1));
    }
  }

  @Test
  void oneIdInTwoApisIsTwoOperationsThroughPutFindListAndRemove() {
    OperationStore store = new OperationStore(10, clock);
    Operation face = store.put("face", op("x"));
    Operation media = store.put("media", op("x"));

    assertThat(store.find("face", "x")).containsSame(face);
    assertThat(store.find("media", "x")).containsSame(media);
    assertThat(store.list().stream().collect(Collectors.toMap(OperationStore.Live::api, OperationStore.Live::operation)))
        .containsEntry("face", face).containsEntry("media", media).hasSize(2);

    assertThat(store.remove("face", "x")).isTrue();
    assertThat(store.remove("face", "x")).isFalse();
    assertThat(store.find("face", "x")).isEmpty();
    assertThat(store.find("media", "x")).containsSame(media);
    assertThat(store.remove("media", "x")).isTrue();
    assertThat(store.list()).isEmpty();
  }

  @Test
  void getOrCreateBesideAnotherApisOperationCreatesItsOwn() {
    OperationStore store = new OperationStore(10, clock);
    Operation media = store.put("media", op("x"));

    Operation face = store.getOrCreate("face", "x", this::op);

    assertThat(face).isNotSameAs(media);
    assertThat(store.getOrCreate("face", "x", id -> {
      throw new AssertionError("created twice");
    })).isSameAs(face);
    assertThat(store.find("media", "x")).containsSame(media);
  }

  @Test
  void anOperationStoredUnderOneApiCanBeStoredUnderAnotherInASecondStore() {
    OperationStore first = new OperationStore(10, clock);
    OperationStore second = new OperationStore(10, clock);
    Operation shared = first.put("face", op("x"));

    second.put("media", shared);

    assertThat(second.find("media", "x")).containsSame(shared);
    assertThat(second.find("face", "x")).isEmpty();
    assertThat(second.list()).singleElement().satisfies(live -> assertThat(live.api()).isEqualTo("media"));
  }

  @Test
  void replacingAnOperationKeepsOneEntry() {
    OperationStore store = new OperationStore(10, clock);
    store.put("face", op("x"));
    Operation newer = store.put("face", op("x"));

    assertThat(store.find("face", "x")).containsSame(newer);
    assertThat(store.size()).isEqualTo(1);
  }

  @Test
  void timesComeBackExactlyToTheNanosecond() {
    Instant created = clock.instant();
    Operation op = op("x");
    clock.advance(Duration.ofNanos(1_234_567_891L));
    Instant firstPoll = clock.instant();

    Poll running = op.poll(firstPoll);
    op.poll(clock.instant());
    clock.advance(Duration.ofMillis(5));
    Poll done = op.poll(clock.instant());

    assertThat(op.createdTime()).isEqualTo(created);
    assertThat(running.createdTime()).isEqualTo(created);
    assertThat(running.lastActionTime()).isEqualTo(firstPoll);
    assertThat(running.finishedTime()).isNull();
    assertThat(done.finishedTime()).isEqualTo(firstPoll); // the second running poll ended the step
    assertThat(done.lastActionTime()).isEqualTo(firstPoll);
  }

  @Test
  void farAwayInstantsDoNotOverflow() {
    Operation op = new Operation("x", TimelineParser.parse("running 1s, succeeded", TestVocabulary.INSTANCE),
        Instant.parse("2000-01-01T00:00:00Z"), null, Duration.ofDays(1));

    assertThat(op.poll(Instant.MAX).step().status()).isEqualTo("succeeded");
    assertThat(op.isExpired(Instant.MAX)).isTrue();
    assertThat(op.peek(Instant.MIN).step().status()).isEqualTo("succeeded");
  }
}
