package dev.opstub.internal.conformance;

import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Objects;

/**
 * Rules a test waived, each with its reason: a waived rule is still judged and shown, as {@link
 * Outcome#WAIVED}, and fails nothing.
 */
public record Waivers(Map<String, String> reasons) {
  /** No rule waived. */
  public static final Waivers NONE = new Waivers(Map.of());

  public Waivers {
    reasons = Map.copyOf(reasons);
  }

  /** These waivers and {@code rule}, waived for {@code reason} (not blank: a waiver says why). */
  public Waivers with(String rule, String reason) {
    Objects.requireNonNull(rule, "rule");
    if (reason == null || reason.isBlank()) {
      throw new IllegalArgumentException("waiving " + rule + " needs a reason");
    }
    Map<String, String> more = new LinkedHashMap<>(reasons);
    more.put(rule, reason);
    return new Waivers(more);
  }

  /** The verdict as the test sees it: waived when its rule is. */
  Verdict apply(Verdict verdict) {
    String reason = reasons.get(verdict.rule());
    return reason == null || verdict.outcome() == Outcome.NOT_APPLICABLE ? verdict : verdict.waived(reason);
  }
}
