package dev.opstub.internal.timeline;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.opstub.spi.Fault;
import dev.opstub.spi.Phase;
import dev.opstub.spi.Poll;
import dev.opstub.spi.Timeline;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

/** Transient faults, delays and expiry in timelines. */
class FaultStepsTest {
  private static final Instant T0 = Instant.parse("2026-01-01T00:00:00Z");
  private final MutableClock clock = new MutableClock(T0);

  private static Timeline parse(String notation) {
    return TimelineParser.parse(notation, TestVocabulary.INSTANCE);
  }

  private List<String> served(Operation op, int polls) {
    List<String> out = new ArrayList<>();
    for (int i = 0; i < polls; i++) {
      Poll poll = op.poll(clock.instant());
      out.add(poll.step().isFault() ? poll.step().fault().notation() : poll.step().status());
      clock.advance(Duration.ofSeconds(1));
    }
    return out;
  }

  @Test
  void faultsAreStepsThatEachConsumeAPollAndTheTimelineGoesOn() {
    Operation op = new Operation("op", parse("running, http(429, Retry-After=1), running, succeeded"), T0, null);

    assertThat(served(op, 5)).containsExactly("running", "http(429, Retry-After=1000ms)", "running", "succeeded", "succeeded");
  }

  @Test
  void readsEveryKindOfFault() {
    Timeline t = parse("running, http(503, Retry-After=2), http(500) x2, fault(connection-reset), fault(Empty-Response), succeeded");

    assertThat(t.step(1).fault()).isEqualTo(new Fault(Fault.Kind.HTTP, 503, Duration.ofSeconds(2)));
    assertThat(t.step(2).fault()).isEqualTo(new Fault(Fault.Kind.HTTP, 500, null));
    assertThat(t.step(2).polls()).isEqualTo(2);
    assertThat(t.step(3).fault().kind()).isEqualTo(Fault.Kind.CONNECTION_RESET);
    assertThat(t.step(4).fault().kind()).isEqualTo(Fault.Kind.EMPTY_RESPONSE);
    assertThat(t.step(2).phase()).as("a fault keeps the status before it").isEqualTo(Phase.RUNNING);
  }

  @Test
  void aFaultDoesNotMoveLastActionTimeNorFinishTheOperation() {
    Operation op = new Operation("op", parse("running, http(500), succeeded"), T0, null);
    op.poll(T0.plusSeconds(1));
    Poll fault = op.poll(T0.plusSeconds(5));

    assertThat(fault.isTerminal()).isFalse();
    assertThat(fault.lastActionTime()).isEqualTo(T0.plusSeconds(1));
    assertThat(fault.finishedTime()).isNull();
  }

  @Test
  void aDelayHoldsBackTheFirstAnswerOfTheStepAfterIt() {
    Operation op = new Operation("op", parse("running, delay(800ms), running x2, succeeded"), T0, null);

    assertThat(op.poll(T0).delay()).isNull();
    assertThat(op.poll(T0).delay()).isEqualTo(Duration.ofMillis(800));
    assertThat(op.poll(T0).delay()).isNull();
    assertThat(op.poll(T0).delay()).isNull();
  }

  @Test
  void theJsonFormTakesFaultStringsAndADelayKey() {
    Timeline t = TimelineParser.parseJson(List.of(
        Map.of("status", "running"), "http(429)", Map.of("status", "succeeded", "delay", "300ms")), TestVocabulary.INSTANCE);

    assertThat(t.notation()).isEqualTo("running, http(429), delay(300ms), succeeded");
    assertThat(t.step(1).phase()).isEqualTo(Phase.RUNNING);
  }

  @Test
  void aDelayOfTenMinutesIsTheLongestAllowed() {
    assertThat(parse("delay(10m), running").step(0).delay()).isEqualTo(TimelineParser.MAX_DELAY);
    assertThat(TimelineParser.MAX_DELAY).isEqualTo(Duration.ofMinutes(10));
  }

  @Test
  void theJsonFormRejectsADelayPastTheLimitNamingTheStep() {
    assertThatThrownBy(() -> TimelineParser.parseJson(List.of(Map.of("status", "running"),
        Map.of("status", "succeeded", "delay", "601s")), TestVocabulary.INSTANCE))
        .isInstanceOfSatisfying(TimelineException.class, e -> {
          assertThat(e.position()).isEqualTo("step 2");
          assertThat(e.problem()).contains("\"delay\" may hold an answer back at most 10m (600000ms); was 601s");
        });
  }

  @Test
  void aFinishedOperationExpiresAfterItsTimeToLive() {
    Operation op = new Operation("op", parse("running, succeeded"), T0, null, Duration.ofMinutes(1));
    op.poll(T0);
    op.poll(T0.plusSeconds(10));

    // It finished when the running step ended, at its last poll (T0).
    assertThat(op.isExpired(T0.plusSeconds(59))).isFalse();
    assertThat(op.isExpired(T0.plusSeconds(60))).isTrue();
  }

  @Test
  void anOperationThatNeverFinishedNeverExpires() {
    Operation op = new Operation("op", parse("running"), T0, null, Duration.ofSeconds(1));
    op.poll(T0);

    assertThat(op.isExpired(T0.plusSeconds(3600))).isFalse();
  }

  @ParameterizedTest(name = "[{index}] {0}")
  @CsvSource(delimiter = '|', quoteCharacter = '"', value = {
      "running, http(200), succeeded       | column 15 | http(...) takes an HTTP error status from 400 to 599",
      "running, http(abc), succeeded       | column 15 | http(...) takes an HTTP error status from 400 to 599",
      "running, http(503, Wait=2)          | column 15 | takes one option, Retry-After=<seconds>",
      "running, http(503, Retry-After=soon) | column 15 | Retry-After must be whole seconds or a span",
      "running, fault(timeout), succeeded  | column 16 | unknown fault 'timeout'; expected connection-reset or empty-response",
      "running, delay(soon), succeeded     | column 16 | delay takes a positive span with a unit",
      "running, delay(800ms) x2, succeeded | column 23 | delay(...) takes no count or span of its own",
      "running, delay(800ms)               | column 10 | delay(...) holds back the step after it",
      "running, delay(11m), succeeded      | column 16 | delay(...) may hold an answer back at most 10m (600000ms); was 11m",
      "running, delay(600001ms), succeeded | column 16 | delay(...) may hold an answer back at most 10m (600000ms); was 600001ms",
      "delay(999999999999m), running       | column 7  | delay(...) may hold an answer back at most 10m (600000ms); was 999999999999m",
      "succeeded, http(500)                | column 12 | a step after the terminal step 'succeeded'",
      "running, http(429) x0               | column 21 | x0 would be a step that never happens",
  })
  void rejectsBadFaultsNamingThePosition(String notation, String position, String problem) {
    assertThatThrownBy(() -> parse(notation)).isInstanceOfSatisfying(TimelineException.class, e -> {
      assertThat(e.position()).isEqualTo(position);
      assertThat(e.problem()).contains(problem);
    });
  }
}
