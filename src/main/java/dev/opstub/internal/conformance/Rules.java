package dev.opstub.internal.conformance;

/**
 * The ids of the rules the pack knows (see docs/conformance.md): an API declares which hold for it
 * and where each comes from ({@link RuleBook}); a test waives one by its id.
 */
public final class Rules {
  /** Waited at least the served {@code Retry-After} (or {@code retry-after-ms}) before the next poll. */
  public static final String WAITED_RETRY_AFTER = "waited-retry-after";
  /** Stopped once terminal, apart from the pattern's own final reads. */
  public static final String STOPPED_ONCE_TERMINAL = "stopped-once-terminal";
  /** Polled the URL it was handed: no URL of its own, {@code api-version} kept. */
  public static final String FOLLOWED_HANDED_URL = "followed-handed-url";
  /** Retried a served 429, 5xx or reset, and backed off. */
  public static final String RETRIED_FAULTS = "retried-faults";
  /** Polled no more often than its timeline needs. */
  public static final String BOUNDED_POLLS = "bounded-polls";
  /** Sent its credential on every poll, when it sent one to start. */
  public static final String SENT_CREDENTIAL = "sent-credential";
  /** Polled only ids the server handed out. */
  public static final String POLLED_HANDED_IDS = "polled-handed-ids";

  private Rules() {}
}
