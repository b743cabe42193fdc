package dev.opstub.internal.state;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.assertj.core.api.Assertions.tuple;

import dev.opstub.demo.DemoApi;
import dev.opstub.internal.face.FaceApi;
import dev.opstub.internal.face.FaceStatuses;
import dev.opstub.internal.media.MediaApi;
import dev.opstub.internal.media.MediaStatuses;
import dev.opstub.internal.timeline.ControllableClock;
import dev.opstub.internal.timeline.TimelineParser;
import dev.opstub.spi.OperationSpec;
import dev.opstub.spi.OperationView;
import dev.opstub.spi.Operations;
import dev.opstub.spi.Phase;
import dev.opstub.spi.Poll;
import dev.opstub.spi.Step;
import dev.opstub.spi.Timeline;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CyclicBarrier;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/**
 * What every {@link State} backend does alike: the in-memory one and the Redis one run these same
 * tests, so a timeline means the same on either.
 */
abstract class StateContract {
  static final String ID = "0a0a0a0a-0000-4000-8000-000000000001";
  State state;

  /** A fresh, empty backend. */
  abstract State newState();

  @BeforeEach
  void create() {
    state = newState();
    state.reset();
  }

  @AfterEach
  void clean() {
    state.reset();
  }

  /** An API with a canceled status of its own, from the test sources. */
  static final DemoApi DEMO = new DemoApi();

  static Timeline face(String notation) {
    return TimelineParser.parse(notation, FaceStatuses.INSTANCE);
  }

  private List<String> poll(String id, int times, OperationSpec create) {
    List<String> statuses = new ArrayList<>();
    for (int i = 0; i < times; i++) {
      Poll poll = state.poll(FaceApi.NAME, id, create);
      statuses.add(poll == null ? null : poll.step().isFault() ? poll.step().fault().notation() : poll.step().status());
    }
    return statuses;
  }

  @Test
  void eachPollAdvancesItsOperationByOneStep() {
    OperationSpec spec = new OperationSpec(ID, face("notStarted, running x2, succeeded"), "/snapshots/s", null);

    assertThat(poll(ID, 5, spec)).containsExactly("notStarted", "running", "running", "succeeded", "succeeded");
    Poll last = state.poll(FaceApi.NAME, ID, null);
    assertThat(last.number()).isEqualTo(6);
    assertThat(last.target()).isEqualTo("/snapshots/s");
    assertThat(last.finishedTime()).isNotNull().isAfterOrEqualTo(last.createdTime());
    assertThat(last.isTerminal()).isTrue();
  }

  @Test
  void aCanceledStepIsTerminalOfItsOwnAndExpiresLikeAnyEnd() {
    String api = DEMO.name();
    state.put(api, new OperationSpec("D-1", TimelineParser.parse("working, stopped", DEMO.statuses()), null,
        Duration.ofSeconds(30)));
    state.freezeClock(null);

    Poll first = state.poll(api, "D-1", null);
    Poll second = state.poll(api, "D-1", null);

    assertThat(first.isTerminal()).isFalse();
    assertThat(second.step().phase()).isEqualTo(Phase.CANCELED);
    assertThat(second.isTerminal()).isTrue();
    assertThat(second.finishedTime()).isNotNull();
    assertThat(state.find(api, "D-1").orElseThrow().now().step().status()).isEqualTo("stopped");
    assertThat(state.poll(api, "D-1", null).step().status()).as("the end repeats").isEqualTo("stopped");
    state.advanceClock(Duration.ofSeconds(31));
    assertThat(state.poll(api, "D-1", null)).as("a canceled operation expires as a finished one").isNull();
  }

  @Test
  void withoutASpecOnlyLiveOperationsAnswer() {
    assertThat(state.poll(FaceApi.NAME, ID, null)).isNull();
    assertThat(state.find(FaceApi.NAME, ID)).isEmpty();
    state.put(FaceApi.NAME, new OperationSpec(ID, face("running"), null, null));
    assertThat(state.poll(FaceApi.NAME, ID, null).step().status()).isEqualTo("running");
    assertThat(state.poll(MediaApi.NAME, ID, null)).as("the same id in another API is another operation").isNull();
  }

  @Test
  void aLookCountsNoPollAndAPutReplaces() {
    state.put(FaceApi.NAME, new OperationSpec(ID, face("running, succeeded"), null, null));
    state.poll(FaceApi.NAME, ID, null);

    OperationView seen = state.find(FaceApi.NAME, ID).orElseThrow();
    assertThat(seen.polls()).isEqualTo(1);
    assertThat(state.find(FaceApi.NAME, ID).orElseThrow().polls()).isEqualTo(1);
    assertThat(seen.timeline().notation()).isEqualTo("running, succeeded");

    state.put(FaceApi.NAME, new OperationSpec(ID, face("failed(why)"), "/t", null));
    assertThat(state.find(FaceApi.NAME, ID).orElseThrow().polls()).isZero();
    assertThat(state.poll(FaceApi.NAME, ID, null).step().detail()).isEqualTo("why");
    assertThat(state.remove(FaceApi.NAME, ID)).isTrue();
    assertThat(state.remove(FaceApi.NAME, ID)).isFalse();
  }

  @Test
  void timedStepsFollowTheClockWhichTestsFreezeAndAdvance() {
    state.freezeClock(Instant.parse("2026-01-01T00:00:00Z"));
    assertThat(state.isClockFrozen()).isTrue();
    state.put(FaceApi.NAME, new OperationSpec(ID, face("running 10s, succeeded"), null, null));

    assertThat(poll(ID, 2, null)).containsExactly("running", "running");
    state.advanceClock(Duration.ofSeconds(10));
    assertThat(state.clock().instant()).isEqualTo(Instant.parse("2026-01-01T00:00:10Z"));
    assertThat(state.find(FaceApi.NAME, ID).orElseThrow().now().step().status()).as("a look sees it too")
        .isEqualTo("succeeded");
    Poll done = state.poll(FaceApi.NAME, ID, null);
    assertThat(done.step().status()).isEqualTo("succeeded");
    assertThat(done.finishedTime()).isEqualTo(Instant.parse("2026-01-01T00:00:10Z"));

    state.resumeClock();
    assertThat(state.isClockFrozen()).isFalse();
    assertThat(state.clock().instant()).isAfterOrEqualTo(Instant.parse("2026-01-01T00:00:10Z"));
  }

  @Test
  void aFinishedOperationExpiresButIsNotCreatedAgain() {
    state.freezeClock(Instant.parse("2026-01-01T00:00:00Z"));
    OperationSpec spec = new OperationSpec(ID, face("succeeded"), null, Duration.ofMinutes(1));

    assertThat(poll(ID, 1, spec)).containsExactly("succeeded");
    state.advanceClock(Duration.ofMinutes(1));

    assertThat(poll(ID, 1, spec)).as("expired, and the stub's script does not start it over").containsExactly((String) null);
  }

  @Test
  void faultAndDelayStepsComeBackFromTheStoreAsWritten() {
    Timeline timeline = face("delay(800ms), running, http(429, Retry-After=1500ms), fault(connection-reset), "
        + "failed(The source (a group) was edited)");
    OperationSpec spec = new OperationSpec(ID, timeline, null, null);

    Poll first = state.poll(FaceApi.NAME, ID, spec);
    assertThat(first.delay()).isEqualTo(Duration.ofMillis(800));
    assertThat(poll(ID, 3, null)).containsExactly("http(429, Retry-After=1500ms)", "fault(connection-reset)", "failed");
    assertThat(state.find(FaceApi.NAME, ID).orElseThrow().timeline()).isEqualTo(timeline);
  }

  @ParameterizedTest
  @ValueSource(strings = {"InProgress x3, Failed(InsufficientCapacity)", "InProgress, Failed(Timeout: took: too (long))",
      "InProgress 1500ms, Succeeded"})
  void mediaTimelinesComeBackFromTheStoreAsWritten(String notation) {
    Timeline timeline = TimelineParser.parse(notation, MediaStatuses.INSTANCE);
    String id = "nb:opid:UUID:0a0a0a0a-0000-4000-8000-000000000002";

    state.put(MediaApi.NAME, new OperationSpec(id, timeline, "nb:chid:UUID:x", null));

    assertThat(state.find(MediaApi.NAME, id).orElseThrow().timeline()).isEqualTo(timeline);
    assertThat(state.operations()).extracting(OperationView::id).containsExactly(id);
  }

  @Test
  void concurrentPollsOfOneOperationSeeEveryPollNumberExactlyOnce() throws Exception {
    int threads = 16;
    int each = 50;
    state.put(FaceApi.NAME, new OperationSpec(ID, face("running x" + (threads * each) + ", succeeded"), null, null));
    ExecutorService pool = Executors.newFixedThreadPool(threads);
    try {
      List<Future<List<Long>>> futures = new ArrayList<>();
      for (int t = 0; t < threads; t++) {
        futures.add(pool.submit(() -> {
          List<Long> numbers = new ArrayList<>();
          for (int i = 0; i < each; i++) {
            numbers.add(state.poll(FaceApi.NAME, ID, null).number());
          }
          return numbers;
        }));
      }
      List<Long> all = new ArrayList<>();
      for (Future<List<Long>> future : futures) {
        all.addAll(future.get());
      }
      Collections.sort(all);
      List<Long> expected = new ArrayList<>();
      for (long n = 1; n <= threads * each; n++) {
        expected.add(n);
      }
      assertThat(all).isEqualTo(expected);
      assertThat(state.poll(FaceApi.NAME, ID, null).step().status()).isEqualTo("succeeded");
    } finally {
      pool.shutdownNow();
    }
  }

  @Test
  void resourcesAreStoredAsTextAndForgotten() {
    state.putResource("face", "snapshot", "s1", "{\"a\":1}", Duration.ofHours(48));
    state.putResource("face", "snapshot", "s2", "{\"b\":2}", Duration.ofHours(48));

    assertThat(state.resource("face", "snapshot", "s1")).hasValue("{\"a\":1}");
    assertThat(state.resources("face", "snapshot")).containsExactlyInAnyOrder("{\"a\":1}", "{\"b\":2}");
    assertThat(state.removeResource("face", "snapshot", "s1")).isTrue();
    assertThat(state.resource("face", "snapshot", "s1")).isEmpty();
    assertThat(state.removeResource("face", "snapshot", "s1")).isFalse();
  }

  @Test
  void resourcesOfOtherApisAndKindsWithTheSameIdAreKeptApart() {
    state.putResource("face", "snapshot", "x", "{\"face\":1}", Duration.ofHours(1));
    state.putResource("demo", "snapshot", "x", "{\"demo\":1}", Duration.ofHours(1));
    state.putResource("face", "model", "x", "{\"model\":1}", Duration.ofHours(1));

    assertThat(state.resource("face", "snapshot", "x")).hasValue("{\"face\":1}");
    assertThat(state.resources("face", "snapshot")).containsExactly("{\"face\":1}");
    assertThat(state.resources("demo", "snapshot")).containsExactly("{\"demo\":1}");
    assertThat(state.removeResource("face", "model", "x")).isTrue();
    assertThat(state.resource("face", "snapshot", "x")).as("only the kind removed goes").isPresent();
  }

  @Test
  void removingAnOperationThatWasOnlyPolledSaysItWasNotLive() {
    state.record(new PollRecord(FaceApi.NAME, ID, Instant.parse("2026-01-01T00:00:00Z"), Map.of(), 404, null, false,
        null));

    assertThat(state.remove(FaceApi.NAME, ID)).as("a poll of no operation made none").isFalse();
  }

  @Test
  void theHistoryKeepsEveryPollOldestFirst() {
    Instant t = Instant.parse("2026-01-01T00:00:00Z");
    state.record(new PollRecord(FaceApi.NAME, ID, t, Map.of("Ocp-Apim-Subscription-Key", "k"), 200, "running", false,
        Duration.ofSeconds(2)));
    state.record(new PollRecord(FaceApi.NAME, "other", t.plusSeconds(1), Map.of(), 404, null, false, null));
    state.record(new PollRecord(FaceApi.NAME, ID, t.plusSeconds(2), Map.of(), 200, "succeeded", true, null));

    assertThat(state.polls()).extracting(PollRecord::status).containsExactly("running", null, "succeeded");
    List<PollRecord> own = state.polls(FaceApi.NAME, ID);
    assertThat(own).hasSize(2);
    assertThat(own.get(0)).isEqualTo(new PollRecord(FaceApi.NAME, ID, t, Map.of("Ocp-Apim-Subscription-Key", "k"), 200,
        "running", false, Duration.ofSeconds(2)));
  }

  @Test
  void theHistoryKeepsTheNewestTenThousandPollsInAllAndOfEachOperation() {
    Instant t = Instant.parse("2026-01-01T00:00:00Z");
    PollDraft draft = new PollDraft(t, Map.of(), () -> 404, phase -> phase.name(), null);
    OperationSpec spec = new OperationSpec(ID, face("running"), null, null);
    int polls = PollJournal.DEFAULT_CAPACITY + 150;
    for (int i = 0; i < polls; i++) {
      state.poll(FaceApi.NAME, ID, spec, draft.withTime(t.plusSeconds(i)));
    }

    for (List<PollRecord> history : List.of(state.polls(), state.polls(FaceApi.NAME, ID))) {
      assertThat(history).hasSize(PollJournal.DEFAULT_CAPACITY);
      assertThat(history.get(0).time()).isEqualTo(t.plusSeconds(150));
      assertThat(history.get(history.size() - 1).time()).isEqualTo(t.plusSeconds(polls - 1));
    }
  }

  @Test
  void anOperationFollowingAnotherTimelineThanTheStubsIsRecordedWithItsOwnStatuses() {
    state.put(FaceApi.NAME, new OperationSpec(ID, face("running, succeeded"), null, null));
    PollDraft draft = new PollDraft(Instant.parse("2026-01-01T00:00:00Z"), Map.of(), () -> 404,
        phase -> phase.name().toLowerCase(java.util.Locale.ROOT), null);
    OperationSpec stubs = new OperationSpec(ID, face("failed(no)"), null, null);

    assertThat(state.poll(FaceApi.NAME, ID, stubs, draft).step().phase()).isEqualTo(Phase.RUNNING);
    assertThat(state.poll(FaceApi.NAME, ID, stubs, draft).step().phase()).isEqualTo(Phase.SUCCEEDED);

    assertThat(state.polls(FaceApi.NAME, ID)).extracting(PollRecord::status).containsExactly("running", "succeeded");
    assertThat(state.find(FaceApi.NAME, ID).orElseThrow().now().number()).isEqualTo(2);
  }

  @Test
  void theClockRefusesTimesOutsideTheYears1970To9999AndStaysAsItWas() {
    state.freezeClock(Instant.parse("9999-12-31T23:59:59Z"));

    assertThatThrownBy(() -> state.advanceClock(Duration.ofSeconds(1))).isInstanceOf(IllegalArgumentException.class)
        .hasMessageContaining("years 1970 to 9999");
    assertThatThrownBy(() -> state.freezeClock(Instant.MAX)).isInstanceOf(IllegalArgumentException.class)
        .hasMessageContaining("years 1970 to 9999");
    assertThatThrownBy(() -> state.freezeClock(Instant.parse("1969-12-31T23:59:59Z")))
        .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("years 1970 to 9999");
    assertThat(state.clock().instant()).isEqualTo(Instant.parse("9999-12-31T23:59:59Z"));

    state.reset();
    assertThatThrownBy(() -> state.advanceClock(Duration.ofSeconds(Long.MAX_VALUE)))
        .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("years 1970 to 9999");
    assertThat(state.clock().instant()).isBefore(Instant.parse("2100-01-01T00:00:00Z"));
  }

  @Test
  void aResetLeavesNothingOfAnyKind() {
    state.put(FaceApi.NAME, new OperationSpec(ID, face("running"), null, null));
    state.putResource("face", "snapshot", "s1", "{}", Duration.ofHours(1));
    state.record(new PollRecord(FaceApi.NAME, ID, Instant.now(), Map.of(), 200, "running", false, null));
    state.freezeClock(Instant.parse("2000-01-01T00:00:00Z"));

    state.reset();

    assertThat(state.operations()).isEmpty();
    assertThat(state.resources("face", "snapshot")).isEmpty();
    assertThat(state.polls()).isEmpty();
    assertThat(state.polls(FaceApi.NAME, ID)).isEmpty();
    assertThat(state.isClockFrozen()).isFalse();
    assertThat(state.clock().instant()).isAfter(Instant.parse("2020-01-01T00:00:00Z"));
  }

  @Test
  void aPollServedWithADraftIsRecordedOnceWithWhatItSaw() {
    PollDraft draft = new PollDraft(Instant.parse("2026-01-01T00:00:00Z"), Map.of("Ocp-Apim-Subscription-Key", "k"),
        () -> 404, phase -> phase.name().toLowerCase(java.util.Locale.ROOT), Duration.ofSeconds(2));
    OperationSpec spec = new OperationSpec(ID, face("running, http(429, Retry-After=3), failed(no)"), null, null);

    state.poll(FaceApi.NAME, ID, spec, draft);
    state.poll(FaceApi.NAME, ID, spec, draft);
    state.poll(FaceApi.NAME, ID, spec, draft);
    state.poll(FaceApi.NAME, "0a0a0a0a-0000-4000-8000-000000000009", null, draft);

    assertThat(state.polls(FaceApi.NAME, ID)).containsExactly(
        new PollRecord(FaceApi.NAME, ID, draft.time(), draft.headers(), 200, "running", false, Duration.ofSeconds(2)),
        new PollRecord(FaceApi.NAME, ID, draft.time(), draft.headers(), 429, "http(429, Retry-After=3000ms)", false,
            Duration.ofSeconds(3)),
        new PollRecord(FaceApi.NAME, ID, draft.time(), draft.headers(), 200, "failed", true, null));
    assertThat(state.polls()).hasSize(4).last().satisfies(notFound -> {
      assertThat(notFound.httpStatus()).isEqualTo(404);
      assertThat(notFound.status()).isNull();
    });
  }

  @Test
  void aPollSpelledByItsOperationIsRecordedAsServedNotAsThePhaseGuess() {
    // Guessed PascalCase from the phase; the operation (its target) says it serves camelCase.
    PollDraft draft = new PollDraft(Instant.parse("2026-01-01T00:00:00Z"), Map.of("k", "v"), () -> 404,
        phase -> phase == Phase.RUNNING ? "Running" : "Succeeded", Duration.ofSeconds(1),
        poll -> "camel".equals(poll.target()) ? (poll.isTerminal() ? "succeeded" : "running")
            : (poll.isTerminal() ? "Succeeded" : "Running"));
    OperationSpec camel = new OperationSpec(ID, face("running, http(503), succeeded"), "camel", null);
    String other = "0a0a0a0a-0000-4000-8000-000000000009";
    OperationSpec pascal = new OperationSpec(other, face("running"), "pascal", null);

    List<PollRecord> returned = new ArrayList<>();
    for (int i = 0; i < 4; i++) {
      PollDraft at = draft.withTime(draft.time().plusSeconds(i));
      returned.add(at.recordOf(FaceApi.NAME, ID, state.poll(FaceApi.NAME, ID, camel, at)));
    }
    returned.add(draft.recordOf(FaceApi.NAME, other, state.poll(FaceApi.NAME, other, pascal, draft)));

    assertThat(state.polls(FaceApi.NAME, ID)).extracting(PollRecord::httpStatus, PollRecord::status).containsExactly(
        tuple(200, "running"), tuple(503, "http(503)"),
        tuple(200, "succeeded"), tuple(200, "succeeded"));
    assertThat(state.polls(FaceApi.NAME, other)).extracting(PollRecord::status).containsExactly("Running");
    // What the draft says was recorded is what the history holds (Polls amends that entry when
    // the answer differs), on every store.
    assertThat(state.polls()).containsExactlyElementsOf(returned);
  }

  @Test
  void aRecordedPollWhoseAnswerFailedAfterwardsIsAmendedInItsPlace() {
    PollDraft draft = new PollDraft(Instant.parse("2026-01-01T00:00:00Z"), Map.of("k", "v"), () -> 404,
        phase -> phase.name(), null);
    OperationSpec spec = new OperationSpec(ID, face("running x3"), null, null);
    state.poll(FaceApi.NAME, ID, spec, draft);
    Poll second = state.poll(FaceApi.NAME, ID, spec, draft.withTime(draft.time().plusSeconds(1)));
    state.poll(FaceApi.NAME, ID, spec, draft.withTime(draft.time().plusSeconds(2)));
    PollRecord recorded = draft.withTime(draft.time().plusSeconds(1)).recordOf(FaceApi.NAME, ID, second);

    state.amend(recorded, new PollRecord(FaceApi.NAME, ID, recorded.time(), recorded.headers(), 500, null, false, null));

    assertThat(state.polls(FaceApi.NAME, ID)).extracting(PollRecord::httpStatus).containsExactly(200, 500, 200);
    assertThat(state.polls()).extracting(PollRecord::httpStatus).containsExactly(200, 500, 200);
  }

  @Test
  void theLongestTimelineIsPolledToItsEnd() {
    List<String> notation = new ArrayList<>(Collections.nCopies(TimelineParser.MAX_STEPS - 1, "running"));
    notation.add("succeeded");
    OperationSpec spec = new OperationSpec(ID, face(String.join(", ", notation)), null, null);

    List<String> seen = poll(ID, TimelineParser.MAX_STEPS + 1, spec);

    assertThat(seen.subList(0, TimelineParser.MAX_STEPS - 1)).containsOnly("running");
    assertThat(seen.subList(TimelineParser.MAX_STEPS - 1, seen.size())).containsOnly("succeeded");
    assertThat(state.find(FaceApi.NAME, ID).orElseThrow().now().stepIndex()).isEqualTo(TimelineParser.MAX_STEPS - 1);
  }

  @Test
  void pagesOfOperationsFollowApiThenIdAndResumeAfterTheLastOne() {
    List<String> ids = new ArrayList<>();
    for (int i = 0; i < 7; i++) {
      ids.add(String.format("0a0a0a0a-0000-4000-8000-%012d", 6 - i));
      state.put(FaceApi.NAME, new OperationSpec(ids.get(i), face("running"), null, null));
    }
    state.put(MediaApi.NAME, new OperationSpec("nb:opid:UUID:1", TimelineParser.parse("InProgress", MediaStatuses.INSTANCE),
        null, null));
    Collections.sort(ids);

    List<OperationView> first = state.operations(null, 3);
    List<OperationView> second = state.operations(new State.OperationKey(FaceApi.NAME, first.get(2).id()), 3);
    List<OperationView> third = state.operations(new State.OperationKey(FaceApi.NAME, second.get(2).id()), 3);

    assertThat(first).extracting(OperationView::id).containsExactlyElementsOf(ids.subList(0, 3));
    assertThat(second).extracting(OperationView::id).containsExactlyElementsOf(ids.subList(3, 6));
    assertThat(third).extracting(OperationView::id).containsExactly(ids.get(6), "nb:opid:UUID:1");
    assertThat(state.operations(new State.OperationKey(MediaApi.NAME, "nb:opid:UUID:1"), 3)).isEmpty();
  }

  @Test
  void aClockResumedAtTheEndOfItsRangeStandsThereAndSoDoesEveryTimeAPollShows() {
    state.freezeClock(ControllableClock.LATEST);
    state.resumeClock();
    state.put(FaceApi.NAME, new OperationSpec(ID, face("running 1ms, succeeded"), null, null));
    state.freezeClock(null);
    state.resumeClock();

    Poll poll = state.poll(FaceApi.NAME, ID, null);

    assertThat(state.clock().instant()).isBeforeOrEqualTo(ControllableClock.LATEST)
        .isAfter(ControllableClock.LATEST.minusSeconds(1));
    assertThat(List.of(poll.createdTime(), poll.lastActionTime(), poll.at())).allSatisfy(
        shown -> assertThat(shown).isBeforeOrEqualTo(ControllableClock.LATEST));
    assertThat(state.isClockFrozen()).isFalse();
    assertThatThrownBy(() -> state.advanceClock(Duration.ofSeconds(1))).isInstanceOf(IllegalArgumentException.class);
  }

  // --- start: one operation per id, atomically; cancel: one atomic step with the polls

  static Timeline demo(String notation) {
    return TimelineParser.parse(notation, DEMO.statuses());
  }

  /** The Demo API's canceled status, as a cancel puts an operation on it. */
  static final Step STOPPED = demo("stopped").step(0);

  /** A draft that records the Demo API's spelling of each phase. */
  static PollDraft demoDraft() {
    return new PollDraft(Instant.parse("2026-01-01T00:00:00Z"), Map.of(), () -> 404,
        phase -> DEMO.statuses().statusNames().get(DEMO.statuses().phases().indexOf(phase)), null);
  }

  @Test
  void aStartCreatesOnceAndLaterStartsGetThatOperationWithItsCallerCountingNoPoll() {
    Operations.Started first = state.start(FaceApi.NAME, new OperationSpec(ID, face("running, succeeded"), "/t", null, "POST /a"));
    state.poll(FaceApi.NAME, ID, null);

    Operations.Started again = state.start(FaceApi.NAME, new OperationSpec(ID, face("failed(no)"), "/u", null, "POST /b"));

    assertThat(first.created()).isTrue();
    assertThat(first.caller()).isEqualTo("POST /a");
    assertThat(first.operation().polls()).isZero();
    assertThat(again.created()).isFalse();
    assertThat(again.caller()).as("the caller that created it, not this one").isEqualTo("POST /a");
    assertThat(again.operation().createdTime()).isEqualTo(first.operation().createdTime());
    assertThat(again.operation().target()).isEqualTo("/t");
    assertThat(again.operation().timeline().notation()).isEqualTo("running, succeeded");
    assertThat(state.find(FaceApi.NAME, ID).orElseThrow().polls()).isEqualTo(1);
    assertThat(state.start(MediaApi.NAME, new OperationSpec(ID, face("running"), null, null)).created())
        .as("the same id in another API is another operation").isTrue();
  }

  @Test
  void whetherTheStartCarriedACredentialIsKeptWithTheOperationThroughPollsLooksAndACancel() {
    String without = "0a0a0a0a-0000-4000-8000-000000000002";
    String unknown = "0a0a0a0a-0000-4000-8000-000000000003";
    state.freezeClock(Instant.parse("2026-01-01T00:00:00.999999Z"));
    state.start(FaceApi.NAME, new OperationSpec(ID, face("running, succeeded"), null, null, "POST /a")
        .withStartCredential(true));
    OperationView put = state.put(FaceApi.NAME, new OperationSpec(without, face("running x3, succeeded"), null, null)
        .withStartCredential(false));
    state.poll(FaceApi.NAME, unknown, new OperationSpec(unknown, face("running, succeeded"), null, null));
    state.poll(FaceApi.NAME, ID, null);
    OperationView canceled = state.cancel(FaceApi.NAME, without, Step.polls(Phase.CANCELED, "canceled", 1, null))
        .orElseThrow();

    assertThat(put.startCredential()).isFalse();
    assertThat(canceled.startCredential()).as("the cancel's view").isFalse();
    assertThat(state.start(FaceApi.NAME, new OperationSpec(ID, face("running"), null, null, "POST /a")
        .withStartCredential(false)).operation().startCredential()).as("a retry keeps the first start's").isTrue();
    assertThat(state.find(FaceApi.NAME, ID).orElseThrow().startCredential()).isTrue();
    assertThat(state.find(FaceApi.NAME, without).orElseThrow().startCredential()).isFalse();
    assertThat(state.find(FaceApi.NAME, unknown).orElseThrow().startCredential()).as("made by a poll").isNull();
    assertThat(state.find(FaceApi.NAME, ID).orElseThrow().createdTime()).isEqualTo("2026-01-01T00:00:00.999999Z");
  }

  @Test
  void aStartAfterTheOperationExpiredCreatesItAfresh() {
    state.freezeClock(Instant.parse("2026-01-01T00:00:00Z"));
    OperationSpec spec = new OperationSpec(ID, face("succeeded"), null, Duration.ofMinutes(1), "POST /a");
    state.start(FaceApi.NAME, spec);
    state.poll(FaceApi.NAME, ID, null);
    state.advanceClock(Duration.ofMinutes(1));

    Operations.Started again = state.start(FaceApi.NAME, spec.withCaller("POST /b"));

    assertThat(again.created()).isTrue();
    assertThat(again.caller()).isEqualTo("POST /b");
    assertThat(again.operation().createdTime()).isEqualTo(Instant.parse("2026-01-01T00:01:00Z"));
    assertThat(state.poll(FaceApi.NAME, ID, null).number()).isEqualTo(1);
  }

  @Test
  void sixteenConcurrentStartsOfOneIdCreateExactlyOneOperationEveryRound() throws Exception {
    int threads = 16;
    CyclicBarrier together = new CyclicBarrier(threads);
    ExecutorService pool = Executors.newFixedThreadPool(threads);
    try {
      for (int round = 0; round < 20; round++) {
        String id = String.format("0b0b0b0b-0000-4000-8000-%012d", round);
        List<Future<Operations.Started>> futures = new ArrayList<>();
        for (int t = 0; t < threads; t++) {
          OperationSpec spec = new OperationSpec(id, face("running x" + (t + 1) + ", succeeded"), "/" + t, null, "call " + t);
          futures.add(pool.submit(() -> {
            together.await(10, TimeUnit.SECONDS);
            return state.start(FaceApi.NAME, spec);
          }));
        }
        List<Operations.Started> all = new ArrayList<>();
        for (Future<Operations.Started> future : futures) {
          all.add(future.get());
        }
        List<Operations.Started> creators = all.stream().filter(Operations.Started::created).toList();
        assertThat(creators).as("round %d", round).hasSize(1);
        Operations.Started creator = creators.get(0);
        assertThat(all).as("round %d: every start sees the one operation", round).allSatisfy(started -> {
          assertThat(started.caller()).isEqualTo(creator.caller());
          assertThat(started.operation().createdTime()).isEqualTo(creator.operation().createdTime());
          assertThat(started.operation().target()).isEqualTo(creator.operation().target());
          assertThat(started.operation().timeline()).isEqualTo(creator.operation().timeline());
        });
        assertThat(creator.caller()).isEqualTo("call" + creator.operation().target().replace("/", " "));
        assertThat(state.operations()).extracting(OperationView::id).filteredOn(id::equals).hasSize(1);
      }
    } finally {
      pool.shutdownNow();
    }
  }

  @Test
  void aCancelKeepsTheCreationTimeThePollsAndTheStepItWasCanceledOn() {
    state.freezeClock(Instant.parse("2026-01-01T00:00:00Z"));
    String api = DEMO.name();
    state.put(api, new OperationSpec("D-1", demo("queued, working x3, done"), "/t", Duration.ofSeconds(30)));
    state.poll(api, "D-1", null, demoDraft());
    state.poll(api, "D-1", null, demoDraft());
    state.advanceClock(Duration.ofSeconds(5));

    OperationView canceled = state.cancel(api, "D-1", STOPPED).orElseThrow();

    assertThat(canceled.now().step()).isEqualTo(STOPPED);
    assertThat(canceled.canceled()).isTrue();
    assertThat(canceled.now().isTerminal()).isTrue();
    assertThat(canceled.createdTime()).isEqualTo(Instant.parse("2026-01-01T00:00:00Z"));
    assertThat(canceled.polls()).as("a cancel counts no poll").isEqualTo(2);
    assertThat(canceled.now().stepIndex()).as("canceled on the second step").isEqualTo(1);
    assertThat(canceled.timeline().notation()).isEqualTo("queued, working x3, done");
    assertThat(canceled.target()).isEqualTo("/t");
    assertThat(canceled.now().finishedTime()).isEqualTo(Instant.parse("2026-01-01T00:00:05Z"));
    assertThat(canceled.now().lastActionTime()).isEqualTo(Instant.parse("2026-01-01T00:00:05Z"));

    state.advanceClock(Duration.ofSeconds(5));
    Poll after = state.poll(api, "D-1", null, demoDraft());
    assertThat(after.step()).isEqualTo(STOPPED);
    assertThat(after.number()).isEqualTo(3);
    assertThat(after.finishedTime()).isEqualTo(Instant.parse("2026-01-01T00:00:05Z"));
    assertThat(state.cancel(api, "D-1", STOPPED).orElseThrow().now().finishedTime()).as("a second cancel changes nothing")
        .isEqualTo(Instant.parse("2026-01-01T00:00:05Z"));
    OperationView seen = state.find(api, "D-1").orElseThrow();
    assertThat(seen.canceled()).isTrue();
    assertThat(seen.polls()).isEqualTo(3);
    assertThat(state.polls(api, "D-1")).extracting(PollRecord::status).containsExactly("queued", "working", "stopped");
    assertThat(state.polls(api, "D-1").get(2).terminal()).isTrue();

    state.advanceClock(Duration.ofSeconds(25));
    assertThat(state.poll(api, "D-1", null)).as("expires 30 s after the cancel, as a finished one").isNull();
    assertThat(state.cancel(api, "D-1", STOPPED)).isEmpty();
  }

  @Test
  void aCancelLeavesAnOperationThatFinishedAsItWas() {
    state.freezeClock(Instant.parse("2026-01-01T00:00:00Z"));
    String api = DEMO.name();
    state.put(api, new OperationSpec("D-1", demo("working, done"), null, null));
    state.put(api, new OperationSpec("D-2", demo("working 1s, broken(no)"), null, null));
    state.poll(api, "D-1", null);
    state.poll(api, "D-1", null);
    state.advanceClock(Duration.ofSeconds(1));

    OperationView done = state.cancel(api, "D-1", STOPPED).orElseThrow();
    OperationView broken = state.cancel(api, "D-2", STOPPED).orElseThrow();

    assertThat(done.now().step().status()).isEqualTo("done");
    assertThat(done.canceled()).isFalse();
    assertThat(state.poll(api, "D-1", null).step().status()).isEqualTo("done");
    assertThat(broken.now().step().status()).as("a timed step ran out: a look sees it failed").isEqualTo("broken");
    assertThat(state.poll(api, "D-2", null).step().status()).isEqualTo("broken");
    assertThat(state.cancel(api, "0a0a0a0a-0000-4000-8000-00000000000f", STOPPED)).isEmpty();
  }

  @Test
  void aCancelRacingPollsNeverLetsAPollSeeAnEndAndThenAnotherStatus() throws Exception {
    String api = DEMO.name();
    int pollers = 4;
    CyclicBarrier together = new CyclicBarrier(pollers + 1);
    ExecutorService pool = Executors.newFixedThreadPool(pollers + 1);
    try {
      for (int round = 0; round < 30; round++) {
        String id = "R-" + round;
        state.put(api, new OperationSpec(id, demo("working x" + (1 + round % 4) + ", done"), null, null));
        List<Future<List<String>>> polled = new ArrayList<>();
        for (int t = 0; t < pollers; t++) {
          polled.add(pool.submit(() -> {
            together.await(10, TimeUnit.SECONDS);
            List<String> seen = new ArrayList<>();
            for (int i = 0; i < 3; i++) {
              seen.add(state.poll(api, id, null, demoDraft()).step().status());
            }
            return seen;
          }));
        }
        Future<OperationView> cancel = pool.submit(() -> {
          together.await(10, TimeUnit.SECONDS);
          return state.cancel(api, id, STOPPED).orElseThrow();
        });
        String end = cancel.get().now().step().status();
        List<String> all = new ArrayList<>();
        for (Future<List<String>> future : polled) {
          List<String> seen = future.get();
          all.addAll(seen);
          int firstEnd = seen.indexOf(end);
          assertThat(seen).as("round %d: a poller's statuses", round).allSatisfy(status ->
              assertThat(status).isIn("working", end));
          if (firstEnd >= 0) {
            assertThat(seen.subList(firstEnd, seen.size())).as("round %d: after the end, only the end", round)
                .containsOnly(end);
          }
        }
        assertThat(end).isIn("stopped", "done");
        OperationView after = state.find(api, id).orElseThrow();
        assertThat(after.polls()).as("round %d: every poll counted once", round).isEqualTo(pollers * 3);
        assertThat(after.now().step().status()).isEqualTo(end);
        assertThat(state.polls(api, id)).extracting(PollRecord::status).as("round %d: the history", round)
            .containsExactlyInAnyOrderElementsOf(all);
      }
    } finally {
      pool.shutdownNow();
    }
  }
}
