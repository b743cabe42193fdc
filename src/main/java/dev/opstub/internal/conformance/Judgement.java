package dev.opstub.internal.conformance;

import dev.opstub.internal.state.PollRecord;
import java.util.List;
import java.util.Objects;

/**
 * How one operation's client did against its API's rules.
 *
 * @param api the API's name
 * @param operationId the operation's id
 * @param expected what the API handed out and allows for it (pattern, URL, final reads)
 * @param polls the polls judged, oldest first
 * @param verdicts one per rule the API declares, in its order
 */
public record Judgement(String api, String operationId, Expectations expected, List<PollRecord> polls,
    List<Verdict> verdicts) {

  public Judgement {
    Objects.requireNonNull(api, "api");
    Objects.requireNonNull(operationId, "operationId");
    Objects.requireNonNull(expected, "expected");
    polls = List.copyOf(polls);
    verdicts = List.copyOf(verdicts);
  }

  /** Whether no rule was violated (waived ones do not count). */
  public boolean conforms() {
    return verdicts.stream().noneMatch(verdict -> verdict.outcome() == Outcome.VIOLATED);
  }

  /** The verdict of one rule, or {@code null} when the API does not declare it. */
  public Verdict verdict(String rule) {
    return verdicts.stream().filter(verdict -> verdict.rule().equals(rule)).findFirst().orElse(null);
  }

  /** One line per violation of a rule not waived, rule by rule. */
  public List<String> violations() {
    return verdicts.stream().filter(verdict -> verdict.outcome() == Outcome.VIOLATED)
        .flatMap(verdict -> verdict.lines().stream()).toList();
  }
}
