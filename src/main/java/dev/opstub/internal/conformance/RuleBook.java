package dev.opstub.internal.conformance;

import dev.opstub.spi.OperationView;
import dev.opstub.spi.Operations;
import java.util.List;

/**
 * The rules one API declares for its clients ({@code Dialect#conformance}) and what it
 * expects of each operation: the judgement asks it, and names no API itself.
 */
public interface RuleBook {
  /** Where {@link #GENERIC}'s rules come from. */
  String GENERIC_SOURCE = "OpStub's rules for any long-running-operation API (docs/conformance.md); this API "
      + "declares no sources of its own";

  /**
   * The book of an API that declares none of its own ({@code Dialect#conformance}'s default):
   * every rule but the credential's (it names no credential header), against the URL of each
   * operation's first poll, no final read allowed.
   */
  RuleBook GENERIC = of(List.of(StandardRules.waitedRetryAfter(GENERIC_SOURCE),
      StandardRules.stoppedOnceTerminal(GENERIC_SOURCE), StandardRules.followedHandedUrl(GENERIC_SOURCE),
      StandardRules.retriedFaults(GENERIC_SOURCE), StandardRules.boundedPolls(GENERIC_SOURCE),
      StandardRules.polledHandedIds(GENERIC_SOURCE)),
      (id, operation, operations) -> new Expectations("generic", null, false, null, 0, "none", List.of(), null,
          operation == null ? null : operation.timeline()));

  /** An API that declares no rules: every judgement of it is empty. */
  RuleBook NONE = new RuleBook() {
    @Override
    public List<Rule> rules() {
      return List.of();
    }

    @Override
    public Expectations expectations(String operationId, OperationView operation, Operations operations) {
      return new Expectations("unknown", null, false, null, 0, "none", List.of(), null,
          operation == null ? null : operation.timeline());
    }
  };

  /** What an API expects of one operation ({@link #expectations}). */
  @FunctionalInterface
  interface Expect {
    Expectations of(String operationId, OperationView operation, Operations operations);
  }

  /** A book of {@code rules} (in the order reports list them) whose expectations {@code expect} gives. */
  static RuleBook of(List<Rule> rules, Expect expect) {
    List<Rule> kept = List.copyOf(rules);
    return new RuleBook() {
      @Override
      public List<Rule> rules() {
        return kept;
      }

      @Override
      public Expectations expectations(String operationId, OperationView operation, Operations operations) {
        return expect.of(operationId, operation, operations);
      }
    };
  }

  /** The rules, in the order reports list them. */
  List<Rule> rules();

  /**
   * What the API handed out and allows for one operation.
   *
   * @param operation the operation as it stands, or {@code null} when it is no longer live
   *     (expired, evicted, or never was)
   */
  Expectations expectations(String operationId, OperationView operation, Operations operations);
}
