package dev.opstub.timeline;

import java.time.Instant;
import java.util.Objects;

/**
 * One server-side job and its progress along its timeline.
 *
 * <p>Each {@link #poll(Instant)} advances this operation by exactly one poll, also when many
 * threads poll it at once (the state is guarded by the operation's own lock, so polls of different
 * operations never wait on each other). A step counted in polls ends with its last poll; a timed
 * step ends when its span has passed since the step began, whether or not anyone polled. The first
 * step begins when the operation is created; the last step repeats forever.
 *
 * <pre>{@code
 * Operation op = new Operation("a63a3bdd-...", timeline, clock.instant(), "/snapshots/e58b...");
 * Operation.Poll first = op.poll(clock.instant()); // first.step().status() == "running"
 * }</pre>
 */
public final class Operation {
  private final String id;
  private final Timeline timeline;
  private final Instant createdTime;
  private final String target;

  // Guarded by this. Times are kept as Instants only where a client sees them.
  private int stepIndex;
  private long pollsInStep;
  private Instant stepStart;
  private Instant lastPollTime;
  private long polls;
  private Instant lastActionTime;
  private Instant finishedTime;

  /**
   * @param id the operation id as clients see it
   * @param timeline the steps it goes through
   * @param createdTime when it was requested; timed steps are measured from here
   * @param target what the operation works on: Face {@code resourceLocation}, Media {@code
   *     TargetEntityId}; may be {@code null}
   */
  public Operation(String id, Timeline timeline, Instant createdTime, String target) {
    this.id = Objects.requireNonNull(id, "id");
    this.timeline = Objects.requireNonNull(timeline, "timeline");
    this.createdTime = Objects.requireNonNull(createdTime, "createdTime");
    this.target = target;
    this.stepStart = createdTime;
    this.lastPollTime = createdTime;
    this.lastActionTime = createdTime;
  }

  /** What one poll (or one look without polling) saw. */
  public record Poll(
      String operationId,
      long number,
      int stepIndex,
      Step step,
      Instant createdTime,
      Instant lastActionTime,
      Instant finishedTime,
      String target) {

    public boolean isTerminal() {
      return step.phase().isTerminal();
    }
  }

  /** Serves one poll at {@code now}: advances the operation and returns what this poll sees. */
  public synchronized Poll poll(Instant now) {
    advance(now, true);
    Step step = timeline.step(stepIndex);
    pollsInStep++;
    polls++;
    lastPollTime = now;
    switch (step.phase()) {
      case RUNNING -> lastActionTime = later(lastActionTime, now);
      case SUCCEEDED, FAILED -> {
        if (finishedTime == null) {
          finishedTime = stepStart;
          lastActionTime = stepStart;
        }
      }
      default -> { }
    }
    return snapshot(polls, step);
  }

  /**
   * What the operation looks like at {@code now} without counting a poll: the step the last poll
   * saw, or a later one if a timed step has run out since.
   */
  public synchronized Poll peek(Instant now) {
    advance(now, false);
    return snapshot(polls, timeline.step(stepIndex));
  }

  private void advance(Instant now, boolean forPoll) {
    while (stepIndex < timeline.lastIndex()) {
      Step step = timeline.step(stepIndex);
      if (step.isTimed()) {
        Instant end = stepStart.plus(step.duration());
        if (now.isBefore(end)) {
          return;
        }
        stepStart = end;
      } else {
        if (!forPoll || pollsInStep < step.polls()) {
          return;
        }
        stepStart = lastPollTime;
      }
      stepIndex++;
      pollsInStep = 0;
    }
  }

  private Poll snapshot(long number, Step step) {
    return new Poll(id, number, stepIndex, step, createdTime, lastActionTime, finishedTime, target);
  }

  private static Instant later(Instant a, Instant b) {
    return b.isAfter(a) ? b : a;
  }

  public String id() {
    return id;
  }

  public Timeline timeline() {
    return timeline;
  }

  public Instant createdTime() {
    return createdTime;
  }

  public String target() {
    return target;
  }

  /** How many polls this operation has served. */
  public synchronized long polls() {
    return polls;
  }
}
