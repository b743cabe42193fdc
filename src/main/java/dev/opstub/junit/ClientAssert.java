package dev.opstub.junit;

import dev.opstub.internal.conformance.Judgement;
import dev.opstub.internal.conformance.Outcome;
import dev.opstub.internal.conformance.Verdict;
import dev.opstub.internal.state.PollRecord;
import java.util.ArrayList;
import java.util.List;
import org.assertj.core.api.AbstractAssert;

/**
 * Judges how the client polled in the running test against the rules each API declares (its
 * guidelines, its pattern's allowed final reads): all at once, or one rule at a time. A failure
 * has one line per violation (operation, rule, poll number, what was expected, what happened),
 * then the polls. See docs/conformance.md.
 *
 * <pre>{@code
 * assertThatClient(server).followsTheGuidelines();
 * assertThatClient(server, "analyze").waitedAtLeastRetryAfter().stoppedOnceTerminal();
 * assertThatClient(server)
 *     .waiving(GuidelineRule.RETRIED_FAULTS, "this test checks that the client gives up after one 503")
 *     .followsTheGuidelines();
 * }</pre>
 */
public final class ClientAssert extends AbstractAssert<ClientAssert, OpStubServer> {
  private final String stubName;

  ClientAssert(OpStubServer server, String stubName) {
    super(server, ClientAssert.class);
    this.stubName = stubName;
  }

  /**
   * Waives {@code rule} for the rest of the running test, for {@code reason}: it is still judged
   * and shown (as waived, with the reason, in reports and the admin API's judgement), but fails
   * nothing. Also waives it for the other assertions and the reports of this test.
   *
   * @param reason why this test's client may break the rule; not blank
   */
  public ClientAssert waiving(GuidelineRule rule, String reason) {
    if (reason == null || reason.isBlank()) {
      throw new IllegalArgumentException("waiving " + rule.id() + " needs a reason: say why this test's client may "
          + "break it");
    }
    actual.waive(rule.id(), reason);
    return this;
  }

  /** Every rule its API declares, for every operation polled (of the stub, when one is named). */
  public ClientAssert followsTheGuidelines() {
    return keeps(null);
  }

  /** {@link GuidelineRule#WAITED_RETRY_AFTER}. */
  public ClientAssert waitedAtLeastRetryAfter() {
    return keeps(GuidelineRule.WAITED_RETRY_AFTER);
  }

  /** {@link GuidelineRule#STOPPED_ONCE_TERMINAL}: the pattern's own final reads allowed. */
  public ClientAssert stoppedOnceTerminal() {
    return keeps(GuidelineRule.STOPPED_ONCE_TERMINAL);
  }

  /** {@link GuidelineRule#FOLLOWED_HANDED_URL}. */
  public ClientAssert followedTheUrlItWasHanded() {
    return keeps(GuidelineRule.FOLLOWED_HANDED_URL);
  }

  /** {@link GuidelineRule#RETRIED_FAULTS}. */
  public ClientAssert retriedFaultsAndBackedOff() {
    return keeps(GuidelineRule.RETRIED_FAULTS);
  }

  /** {@link GuidelineRule#BOUNDED_POLLS}. */
  public ClientAssert polledABoundedNumberOfTimes() {
    return keeps(GuidelineRule.BOUNDED_POLLS);
  }

  /** {@link GuidelineRule#SENT_CREDENTIAL}. */
  public ClientAssert sentItsCredentialOnEveryPoll() {
    return keeps(GuidelineRule.SENT_CREDENTIAL);
  }

  /** {@link GuidelineRule#POLLED_HANDED_IDS}. */
  public ClientAssert polledOnlyIdsItWasHanded() {
    return keeps(GuidelineRule.POLLED_HANDED_IDS);
  }

  /**
   * One rule (or, {@code null}, every rule). A rule an API does not declare, or that does not apply
   * to what happened (no Retry-After served, no fault), passes.
   */
  public ClientAssert keeps(GuidelineRule rule) {
    isNotNull();
    List<Judgement> judgements = actual.judgements(stubName);
    String what = rule == null ? "to follow the guidelines" : "to keep " + rule.id();
    String of = stubName == null ? "" : " (stub \"" + stubName + "\")";
    if (judgements.isEmpty()) {
      failWithMessage("Expected the client%s %s, but the server recorded no poll to judge", of, what);
    }
    List<String> lines = new ArrayList<>();
    for (Judgement judgement : judgements) {
      for (Verdict verdict : judgement.verdicts()) {
        if (verdict.outcome() == Outcome.VIOLATED && (rule == null || verdict.rule().equals(rule.id()))) {
          String operation = judgements.size() == 1 ? "" : judgement.api() + " " + judgement.operationId() + ": ";
          verdict.lines().forEach(line -> lines.add(operation + line));
        }
      }
    }
    if (!lines.isEmpty()) {
      failWithMessage("Expected the client%s %s, but %d %s:%n  %s%n%s", of, what, lines.size(),
          lines.size() == 1 ? "violation" : "violations", String.join(System.lineSeparator() + "  ", lines),
          polls(judgements));
    }
    return this;
  }

  /** The polls judged, per operation, as {@link PollAssert} shows them, with the URL each went to. */
  private static String polls(List<Judgement> judgements) {
    StringBuilder out = new StringBuilder();
    for (Judgement judgement : judgements) {
      out.append("Polls of ").append(judgement.api()).append(' ').append(judgement.operationId()).append(" (")
          .append(judgement.expected().pattern()).append("):").append(System.lineSeparator());
      List<PollRecord> polls = judgement.polls();
      for (int i = 0; i < polls.size(); i++) {
        PollRecord poll = polls.get(i);
        out.append(String.format("  %2d. %s%s%n", i + 1, RecordedPoll.of(poll).describe(polls.get(0).time()),
            poll.url() == null ? "" : "  " + (poll.method() == null ? "" : poll.method() + " ") + poll.url()));
      }
    }
    return out.toString().stripTrailing();
  }
}
