package dev.opstub.internal.timeline;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.opstub.spi.Phase;
import dev.opstub.spi.Step;
import dev.opstub.spi.Timeline;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

class TimelineParserTest {
  private static Timeline parse(String notation) {
    return TimelineParser.parse(notation, TestVocabulary.INSTANCE);
  }

  @Test
  void readsCountsStatusesAndDetails() {
    Timeline t = parse("notStarted, running x2, failed(Source person group was edited)");

    assertThat(t.steps()).containsExactly(
        Step.polls(Phase.NOT_STARTED, "notStarted", 1, null),
        Step.polls(Phase.RUNNING, "running", 2, null),
        Step.polls(Phase.FAILED, "failed", 1, "Source person group was edited"));
  }

  @Test
  void statusNamesAreCaseInsensitiveAndNormalisedToTheApiSpelling() {
    assertThat(parse("NOTSTARTED, Running X3, SUCCEEDED").notation())
        .isEqualTo("notStarted, running x3, succeeded");
  }

  @Test
  void readsTimedSteps() {
    Timeline t = parse("running 1500ms, running 2s, running 1m, succeeded");

    assertThat(t.steps()).extracting(Step::duration)
        .containsExactly(Duration.ofMillis(1500), Duration.ofSeconds(2), Duration.ofMinutes(1), null);
  }

  @Test
  void detailsMayHoldCommasAndBalancedParentheses() {
    Timeline t = parse("failed(edited (twice), please retry)");

    assertThat(t.step(0).detail()).isEqualTo("edited (twice), please retry");
  }

  @Test
  void aTimelineMayEndWithANonTerminalStepThatRepeatsForever() {
    assertThat(parse("notStarted, running").lastIndex()).isEqualTo(1);
  }

  @ParameterizedTest(name = "[{index}] {0}")
  @CsvSource(delimiter = '|', quoteCharacter = '"', value = {
      "\"\"                       | its start | the timeline is empty",
      "\"   \"                    | its start | the timeline is empty",
      "running x0, succeeded    | column 10 | x0 would be a step that never happens",
      "running x-1, succeeded   | column 10 | negative counts are not allowed",
      "running x, succeeded     | column 10 | expected the number of polls after 'x'",
      "running -5s, succeeded   | column 9  | negative durations are not allowed",
      "running 5, succeeded     | column 10 | expected a time unit after 5: ms, s or m",
      "running 0ms, succeeded   | column 9  | 0ms would be a step that never happens",
      "running 5h, succeeded    | column 10 | expected a time unit after 5",
      "InProgress x2, Succeeded | column 1  | unknown status 'InProgress' for the Test API; expected one of notStarted, running, succeeded, failed",
      "running, succeeded, running | column 21 | a step after the terminal step 'succeeded'",
      "running x2 succeeded     | column 12 | expected ',' before the next step",
      "running,                 | column 9  | expected a step after ','",
      "\"running, , succeeded\"   | column 10 | expected a status, one of notStarted",
      "failed(oops              | column 7  | '(' is never closed",
      "failed()                 | column 7  | empty parentheses",
      "running(why), succeeded  | column 9  | only a failed step takes a detail",
  })
  void rejectsBadTimelinesNamingThePositionAndWhatWasExpected(String notation, String position, String problem) {
    assertThatThrownBy(() -> parse(notation))
        .isInstanceOfSatisfying(TimelineException.class, e -> {
          assertThat(e.position()).isEqualTo(position);
          assertThat(e.problem()).contains(problem);
          assertThat(e.getMessage()).contains("\"" + notation + "\"", position, problem);
        });
  }

  @Test
  void theJsonFormIsEquivalentToTheNotation() {
    List<Object> json = List.of(
        Map.of("status", "notStarted"),
        Map.of("status", "running", "polls", 2),
        Map.of("status", "running", "duration", "1500ms"),
        "failed(source edited)");

    assertThat(TimelineParser.parseAny(json, TestVocabulary.INSTANCE))
        .isEqualTo(parse("notStarted, running x2, running 1500ms, failed(source edited)"));
  }

  @Test
  void theJsonFormJoinsCodeAndMessageIntoTheDetail() {
    Timeline t = TimelineParser.parseJson(
        List.of(Map.of("status", "failed", "code", "Timeout", "message", "took too long")), TestVocabulary.INSTANCE);

    assertThat(t.step(0).detail()).isEqualTo("Timeout: took too long");
  }

  @ParameterizedTest(name = "{1}")
  @CsvSource(delimiter = '|', value = {
      "0 | step 1 | unknown key \"count\"; allowed keys: status, polls, duration, message, code",
      "1 | step 2 | \"polls\" must be a whole number of at least 1; was 0",
      "2 | step 1 | give \"polls\" or \"duration\", not both",
      "3 | step 1 | \"duration\" must be a positive whole number with a unit",
      "4 | step 2 | a step after the terminal step 'succeeded'",
      "5 | its start | the timeline is empty",
      "6 | step 1, column 10 | x0 would be a step that never happens",
      "7 | step 1 | \"status\" is missing or not a string",
  })
  void rejectsBadJsonTimelinesNamingTheStep(int example, String position, String problem) {
    List<List<Object>> examples = List.of(
        List.of(Map.of("status", "running", "count", 2)),
        List.of(Map.of("status", "running"), Map.of("status", "running", "polls", 0)),
        List.of(Map.of("status", "running", "polls", 2, "duration", "2s")),
        List.of(Map.of("status", "running", "duration", "soon")),
        List.of(Map.of("status", "succeeded"), Map.of("status", "running")),
        List.of(),
        List.of("running x0"),
        List.of(Map.of("polls", 2)));

    assertThatThrownBy(() -> TimelineParser.parseAny(examples.get(example), TestVocabulary.INSTANCE))
        .isInstanceOfSatisfying(TimelineException.class, e -> {
          assertThat(e.position()).isEqualTo(position);
          assertThat(e.problem()).contains(problem);
        });
  }

  @Test
  void rejectsATimelineThatIsNeitherStringNorArray() {
    assertThatThrownBy(() -> TimelineParser.parseAny(42, TestVocabulary.INSTANCE))
        .isInstanceOf(TimelineException.class)
        .hasMessageContaining("expected a string in the compact notation or an array of steps");
  }

  @Test
  void aTimelineOfAtMostTheDocumentedNumberOfStepsIsRead() {
    String longest = "running, ".repeat(TimelineParser.MAX_STEPS - 1) + "succeeded";

    assertThat(parse(longest).steps()).hasSize(TimelineParser.MAX_STEPS);
  }

  @Test
  void oneStepMoreIsRefusedNamingTheBoundAndWhereItWasPassed() {
    String tooMany = "running, ".repeat(TimelineParser.MAX_STEPS) + "succeeded";

    assertThatThrownBy(() -> parse(tooMany)).isInstanceOfSatisfying(TimelineException.class, e -> {
      assertThat(e.position()).isEqualTo("column " + (9 * TimelineParser.MAX_STEPS + 1));
      assertThat(e.problem()).contains("at most 1000 steps").contains("running x1000 is one step");
      assertThat(e.getMessage()).as("a long timeline is shown by its start only").hasSizeLessThan(600);
    });
    List<Object> items = new java.util.ArrayList<>(java.util.Collections.nCopies(TimelineParser.MAX_STEPS, "running"));
    items.add("succeeded");
    assertThatThrownBy(() -> TimelineParser.parseAny(items, TestVocabulary.INSTANCE))
        .isInstanceOfSatisfying(TimelineException.class, e -> {
          assertThat(e.position()).isEqualTo("step 1001");
          assertThat(e.problem()).contains("at most 1000 steps");
        });
  }

  @Test
  void aNotationLongerThanTheDocumentedLengthIsRefusedInEitherForm() {
    String detail = "x".repeat(TimelineParser.MAX_NOTATION);

    assertThatThrownBy(() -> parse("failed(" + detail + ")")).isInstanceOfSatisfying(TimelineException.class,
        e -> assertThat(e.problem()).isEqualTo("a timeline's notation may be at most 65536 characters long; was "
            + (TimelineParser.MAX_NOTATION + 8)));
    assertThatThrownBy(() -> TimelineParser.parseAny(List.of(Map.of("status", "failed", "message", detail)),
        TestVocabulary.INSTANCE)).isInstanceOfSatisfying(TimelineException.class,
            e -> assertThat(e.problem()).startsWith("a timeline's notation may be at most 65536 characters long"));
  }
}
