package dev.opstub.internal.conformance;

/**
 * One rule a client's polling is judged against. An API declares the rules that hold for it
 * ({@link RuleBook}); the rules themselves name no API.
 */
public interface Rule {
  /** A short stable id, kebab-case: {@code waited-retry-after}; tests waive a rule by it. */
  String id();

  /** What the rule asks of a client, in one sentence. */
  String title();

  /** Where the rule comes from: the guideline's name and section, with its address. */
  String source();

  /** Judges one operation's polls. */
  Verdict judge(Trace trace);
}
