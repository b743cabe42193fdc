package dev.opstub.internal.conformance;

import java.util.List;
import java.util.Objects;

/**
 * What one rule found for one operation.
 *
 * @param rule the rule's id ({@code waited-retry-after})
 * @param title what the rule asks, in a sentence
 * @param source where the rule comes from (a guideline's section, with its address)
 * @param outcome passed, violated, waived or not applicable
 * @param violations each time the client broke it, oldest first (empty unless violated or waived)
 * @param note why it was waived (the test's reason) or why it does not apply; {@code null} otherwise
 */
public record Verdict(String rule, String title, String source, Outcome outcome, List<Violation> violations,
    String note) {

  public Verdict {
    Objects.requireNonNull(rule, "rule");
    Objects.requireNonNull(title, "title");
    Objects.requireNonNull(source, "source");
    Objects.requireNonNull(outcome, "outcome");
    violations = List.copyOf(violations);
  }

  /** The client kept {@code rule}. */
  public static Verdict passed(Rule rule) {
    return new Verdict(rule.id(), rule.title(), rule.source(), Outcome.PASSED, List.of(), null);
  }

  /** The client broke {@code rule} at least once; passed when {@code violations} is empty. */
  public static Verdict of(Rule rule, List<Violation> violations) {
    return violations.isEmpty() ? passed(rule)
        : new Verdict(rule.id(), rule.title(), rule.source(), Outcome.VIOLATED, violations, null);
  }

  /** Nothing the client did could keep or break {@code rule}, because {@code why}. */
  public static Verdict notApplicable(Rule rule, String why) {
    return new Verdict(rule.id(), rule.title(), rule.source(), Outcome.NOT_APPLICABLE, List.of(), why);
  }

  /** This verdict waived by a test, for {@code reason}; its violations are kept, to show. */
  public Verdict waived(String reason) {
    return new Verdict(rule, title, source, Outcome.WAIVED, violations, reason);
  }

  /** One line per violation (see {@link Violation#line}). */
  public List<String> lines() {
    return violations.stream().map(violation -> violation.line(rule)).toList();
  }
}
