package dev.opstub.internal.conformance;

/** What a rule found for one operation. */
public enum Outcome {
  /** The client kept the rule. */
  PASSED,
  /** The client broke the rule at least once: see the verdict's violations. */
  VIOLATED,
  /** The rule was broken or not, but the test waived it with a reason. */
  WAIVED,
  /** Nothing the client did could keep or break it (no Retry-After served, no fault served, ...). */
  NOT_APPLICABLE;

  /** Lower-case for JSON and reports: {@code passed}, {@code violated}, {@code waived}, {@code not-applicable}. */
  public String label() {
    return name().toLowerCase(java.util.Locale.ROOT).replace('_', '-');
  }
}
