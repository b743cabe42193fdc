package dev.opstub.timeline;

import java.time.Duration;
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
  private final Duration expireAfter;

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
    this(id, timeline, createdTime, target, null);
  }

  /**
   * An operation that is forgotten {@code expireAfter} after it finished, as the real services
   * remove finished operation records: from then on it is "not found".
   *
   * @param expireAfter how long a finished operation stays visible, or {@code null} for ever
   */
  public Operation(String id, Timeline timeline, Instant createdTime, String target, Duration expireAfter) {
    if (expireAfter != null && (expireAfter.isNegative() || expireAfter.isZero())) {
      throw new IllegalArgumentException("expireAfter must be positive, was " + expireAfter);
    }
    this.expireAfter = expireAfter;
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
      String target,
      Duration delay) {

    /** Whether this poll saw the operation finished (a fault step never is). */
    public boolean isTerminal() {
      return !step.isFault() && step.phase().isTerminal();
    }
  }

  /** Serves one poll at {@code now}: advances the operation and returns what this poll sees. */
  public synchronized Poll poll(Instant now) {
    advance(now, true);
    Step step = timeline.step(stepIndex);
    pollsInStep++;
    polls++;
    lastPollTime = now;
    // A fault leaves the operation as it was; only the answer fails.
    switch (step.isFault() ? Phase.NOT_STARTED : step.phase()) {
      case RUNNING -> lastActionTime = later(lastActionTime, now);
      case SUCCEEDED, FAILED -> {
        if (finishedTime == null) {
          finishedTime = stepStart;
          lastActionTime = stepStart;
        }
      }
      default -> { }
    }
    return snapshot(polls, step, pollsInStep == 1 ? step.delay() : null);
  }

  /**
   * What the operation looks like at {@code now} without counting a poll: the step the last poll
   * saw, or a later one if a timed step has run out since.
   */
  public synchronized Poll peek(Instant now) {
    advance(now, false);
    return snapshot(polls, timeline.step(stepIndex), null);
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

  private Poll snapshot(long number, Step step, Duration delay) {
    return new Poll(id, number, stepIndex, step, createdTime, lastActionTime, finishedTime, target, delay);
  }

  /** Whether the operation finished more than {@code expireAfter} before {@code now}. */
  public synchronized boolean isExpired(Instant now) {
    return expireAfter != null && finishedTime != null && !now.isBefore(finishedTime.plus(expireAfter));
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
