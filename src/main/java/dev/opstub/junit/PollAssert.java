package dev.opstub.junit;

import java.time.Duration;
import java.time.Instant;
import java.util.List;
import org.assertj.core.api.AbstractAssert;

/**
 * Assertions on how a client polled one operation. Every failure message shows the poll history.
 *
 * <pre>{@code
 * OpStubAssertions.assertThatPolls(server, "face", id)
 *     .wasPolledExactly(3)
 *     .stoppedPollingOnceTerminal()
 *     .waitedAtLeastRetryAfterBetweenPolls()
 *     .sentSubscriptionKeyOnEveryPoll();
 * }</pre>
 */
public final class PollAssert extends AbstractAssert<PollAssert, List<RecordedPoll>> {
  private final String operation;

  PollAssert(String operation, List<RecordedPoll> polls) {
    super(List.copyOf(polls), PollAssert.class);
    this.operation = operation;
  }

  /** The client polled exactly {@code count} times. */
  public PollAssert wasPolledExactly(int count) {
    if (actual.size() != count) {
      fail("to be polled exactly " + count + " times, but was polled " + actual.size() + " times");
    }
    return this;
  }

  /** The client polled {@code count} times or more. */
  public PollAssert wasPolledAtLeast(int count) {
    if (actual.size() < count) {
      fail("to be polled at least " + count + " times, but was polled " + actual.size() + " times");
    }
    return this;
  }

  /** The polls were served these statuses, in this order (error replies count as {@code null}). */
  public PollAssert wasServed(String... statuses) {
    List<String> served = actual.stream().map(RecordedPoll::status).toList();
    if (!served.equals(List.of(statuses))) {
      fail("to be served " + List.of(statuses) + ", but was served " + served);
    }
    return this;
  }

  /** The client saw a terminal status and stopped: no poll came after the first terminal one. */
  public PollAssert stoppedPollingOnceTerminal() {
    int firstTerminal = -1;
    for (int i = 0; i < actual.size(); i++) {
      if (actual.get(i).terminal()) {
        firstTerminal = i;
        break;
      }
    }
    if (firstTerminal < 0) {
      fail("to stop polling once the status was terminal, but no poll was served a terminal status");
    }
    if (firstTerminal != actual.size() - 1) {
      fail("to stop polling once the status was terminal (poll " + (firstTerminal + 1) + "), but it polled "
          + (actual.size() - 1 - firstTerminal) + " more times");
    }
    return this;
  }

  /** After each poll that served {@code Retry-After}, the next poll came no sooner. */
  public PollAssert waitedAtLeastRetryAfterBetweenPolls() {
    for (int i = 0; i + 1 < actual.size(); i++) {
      Duration asked = actual.get(i).retryAfter();
      Duration waited = Duration.between(actual.get(i).time(), actual.get(i + 1).time());
      if (asked != null && waited.compareTo(asked) < 0) {
        fail("to wait at least the served Retry-After between polls, but poll " + (i + 2) + " came "
            + waited.toMillis() + "ms after poll " + (i + 1) + ", which asked for " + asked.toMillis() + "ms");
      }
    }
    return this;
  }

  /** Every poll carried the header, with a value that is not blank. */
  public PollAssert sentHeaderOnEveryPoll(String name) {
    for (int i = 0; i < actual.size(); i++) {
      String value = actual.get(i).header(name);
      if (value == null || value.isBlank()) {
        fail("to send " + name + " on every poll, but poll " + (i + 1) + " did not");
      }
    }
    return this;
  }

  /** Face: every poll carried {@code Ocp-Apim-Subscription-Key}. */
  public PollAssert sentSubscriptionKeyOnEveryPoll() {
    return sentHeaderOnEveryPoll("Ocp-Apim-Subscription-Key");
  }

  /** Media Services: every poll carried {@code Authorization: Bearer <token>}. */
  public PollAssert sentBearerTokenOnEveryPoll() {
    for (int i = 0; i < actual.size(); i++) {
      String value = actual.get(i).header("Authorization");
      if (value == null || !value.regionMatches(true, 0, "Bearer ", 0, 7) || value.substring(7).isBlank()) {
        fail("to send Authorization: Bearer <token> on every poll, but poll " + (i + 1) + " sent "
            + (value == null ? "none" : "'" + value.split(" ")[0] + " ...'"));
      }
    }
    return this;
  }

  private void fail(String problem) {
    failWithMessage("Expected operation %s %s.%nPolls received:%n%s", operation, problem, history(actual));
  }

  static String history(List<RecordedPoll> polls) {
    if (polls.isEmpty()) {
      return "  (none)";
    }
    Instant first = polls.get(0).time();
    StringBuilder out = new StringBuilder();
    for (int i = 0; i < polls.size(); i++) {
      RecordedPoll poll = polls.get(i);
      // The id is worth a column only when the history holds polls of several operations.
      out.append(String.format("  %2d. %s%s%n", i + 1, polls.stream().map(RecordedPoll::operationId).distinct()
          .count() == 1 ? "" : poll.operationId() + " ", poll.describe(first)));
    }
    return out.toString().stripTrailing();
  }
}
