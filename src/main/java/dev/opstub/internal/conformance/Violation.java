package dev.opstub.internal.conformance;

import java.util.Objects;

/**
 * One time a client broke a rule.
 *
 * @param poll the poll (1 for the first poll of the operation) that broke it; 0 when the operation
 *     as a whole did (no poll at all, more polls than its timeline needs)
 * @param expected what the rule asked for at that poll: {@code at least 1000 ms after poll 2 (its Retry-After)}
 * @param happened what the client did instead: {@code came 12 ms after poll 2}
 */
public record Violation(int poll, String expected, String happened) {

  public Violation {
    if (poll < 0) {
      throw new IllegalArgumentException("poll must be 0 or more, was " + poll);
    }
    Objects.requireNonNull(expected, "expected");
    Objects.requireNonNull(happened, "happened");
  }

  /** One readable line: {@code waited-retry-after, poll 3: expected at least 1000 ms ...; happened: came 12 ms ...}. */
  public String line(String rule) {
    return rule + ", " + (poll == 0 ? "operation" : "poll " + poll) + ": expected " + expected + "; happened: "
        + happened;
  }
}
