package dev.opstub.spi;

import java.time.Duration;
import java.time.Instant;

/**
 * What one poll (or one look without polling) of an operation saw: the step it stands on and
 * its times. A dialect answers it in its own format.
 *
 * <pre>{@code
 * String status = poll.isTerminal() ? poll.step().status() : "running";
 * }</pre>
 *
 * <p>Beta: may change in a minor release until 1.0.
 *
 * @param operationId the operation's id
 * @param number how many polls the operation has served so far (this one included, for a poll)
 * @param stepIndex the index of {@link #step()} in the timeline
 * @param step the step the operation stands on
 * @param createdTime when the operation was created
 * @param lastActionTime when it last changed
 * @param finishedTime when it reached a terminal step, or {@code null}
 * @param target what the dialect stored with the operation (e.g. a resource location), or {@code null}
 * @param delay how long to hold this answer back, or {@code null}
 * @param at when the poll happened, on the operations' clock
 */
public record Poll(
    String operationId,
    long number,
    int stepIndex,
    Step step,
    Instant createdTime,
    Instant lastActionTime,
    Instant finishedTime,
    String target,
    Duration delay,
    Instant at) {

  /** Whether this poll saw the operation finished (a fault step never is). */
  public boolean isTerminal() {
    return !step.isFault() && step.phase().isTerminal();
  }
}
