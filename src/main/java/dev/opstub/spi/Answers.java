package dev.opstub.spi;

import java.time.Duration;

/**
 * How one API answers the outcomes of a poll or a look ({@link Operations#serve}, {@link
 * Operations#look}): not found, a fault step's HTTP error, the status in the API's format.
 *
 * <pre>{@code
 * return operations.serve(request, parameters, "demo", id, script, new Answers() {
 *   public Reply notFound() { return Reply.text(404, Map.of(), "{}"); }
 *   public Reply httpError(int status) { return Reply.text(status, Map.of(), "{}"); }
 *   public Reply status(Poll poll) {
 *     return Reply.text(200, Map.of(), "{\"done\":" + poll.isTerminal() + "}"); // by phase: no status word
 *   }
 * });
 * }</pre>
 *
 * <p>Beta: may change in a minor release until 1.0.
 */
public interface Answers {
  /** No live operation has the id (never created, expired or evicted). */
  Reply notFound();

  /**
   * The HTTP status of {@link #notFound()}. A shared store asks it before every poll, to record a
   * poll of no operation in the same round trip: an API whose answer has a fixed status says so
   * here instead of building the answer. A status that differs from the answer's is corrected in
   * the history afterwards.
   */
  default int notFoundStatus() {
    return notFound().status();
  }

  /** A fault step's HTTP error in the API's format. */
  Reply httpError(int status);

  /** The operation's status, as this API spells it for this request. */
  Reply status(Poll poll);

  /**
   * The status name {@link #status} serves, recorded in the history (what a trace and {@code
   * PollAssert.wasServed} show): by default the timeline's word for the step, for an API whose
   * answers carry no status word of their own (an AIP-151 operation has {@code done} and an error
   * or a response; its trace shows the timeline's words).
   */
  default String statusName(Poll poll) {
    return poll.step().status();
  }

  /**
   * The status name an answer in {@code phase} shows, asked before the poll (a shared store
   * records it in the same round trip): by default {@link #statusName(Poll)} of a step
   * spelled as the phase's enum name. A guess: a poll served otherwise is amended in the history,
   * which costs a shared store a second round trip, so an API that keeps the default {@link
   * #statusName(Poll)} returns its own word here: {@code statuses.nameOf(phase)}.
   */
  default String statusName(Phase phase) {
    return statusName(new Poll("", 0, 0, Step.polls(phase, phase.name(), 1, null), null, null, null, null,
        null, null));
  }

  /**
   * The {@code Retry-After} an answer that is not terminal carries, asked before the poll: by
   * default the stub's {@code retryAfter}. A guess, as {@link #statusName(Phase)}.
   */
  default Duration retryAfter(StubParameters parameters) {
    return parameters.get(Parameter.RETRY_AFTER);
  }
}
