package dev.opstub.internal.report;

import java.util.List;

/**
 * One rule's verdict on one operation, as a trace shows it.
 *
 * @param ruleId the rule's short id ({@code waits-retry-after})
 * @param title what the rule asks, in a sentence
 * @param source where the rule comes from (a guideline, a contract), or {@code null}
 * @param outcome {@code passed}, {@code violated}, {@code waived} or {@code not applicable}
 * @param note why it was waived, or why it does not apply; {@code null} otherwise
 * @param violations each poll that broke the rule (none unless violated)
 */
public record TraceVerdict(String ruleId, String title, String source, String outcome, String note,
    List<Violation> violations) {

  public static final String PASSED = "passed";
  public static final String VIOLATED = "violated";

  public TraceVerdict {
    violations = List.copyOf(violations);
  }

  /**
   * One poll that broke a rule.
   *
   * @param poll the poll's number, 1 for the first; 0 when the violation is of the whole run
   */
  public record Violation(int poll, String expected, String happened) {}

  public boolean violated() {
    return VIOLATED.equals(outcome);
  }
}
