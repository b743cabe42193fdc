package dev.opstub.junit;

import dev.opstub.internal.conformance.Rules;

/**
 * The rules {@link ClientAssert} judges a client's polling against; each API declares which hold
 * for it and cites their source (docs/conformance.md).
 *
 * <pre>{@code
 * assertThatClient(server).keeps(GuidelineRule.WAITED_RETRY_AFTER);
 * assertThatClient(server).waiving(GuidelineRule.BOUNDED_POLLS, "the SDK polls once more by design").followsTheGuidelines();
 * }</pre>
 */
public enum GuidelineRule {
  /** Waited at least the served {@code Retry-After} (or {@code retry-after-ms}) before the next poll. */
  WAITED_RETRY_AFTER(Rules.WAITED_RETRY_AFTER),
  /** Stopped polling once the status was terminal, apart from the pattern's own final reads. */
  STOPPED_ONCE_TERMINAL(Rules.STOPPED_ONCE_TERMINAL),
  /** Polled the URL it was handed: no URL of its own, {@code api-version} kept. */
  FOLLOWED_HANDED_URL(Rules.FOLLOWED_HANDED_URL),
  /** Retried a served 429, 5xx or reset, and backed off. */
  RETRIED_FAULTS(Rules.RETRIED_FAULTS),
  /** Polled no more often than its timeline needs. */
  BOUNDED_POLLS(Rules.BOUNDED_POLLS),
  /**
   * Sent its credential on every poll, when the call that started the operation carried one (when
   * no call of the client's started it, when any poll carried one).
   */
  SENT_CREDENTIAL(Rules.SENT_CREDENTIAL),
  /** Polled only ids the server handed out. */
  POLLED_HANDED_IDS(Rules.POLLED_HANDED_IDS);

  private final String id;

  GuidelineRule(String id) {
    this.id = id;
  }

  /** The rule's id as reports and failure messages show it: {@code waited-retry-after}. */
  public String id() {
    return id;
  }
}
