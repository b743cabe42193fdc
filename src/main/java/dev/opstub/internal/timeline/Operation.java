package dev.opstub.internal.timeline;

import dev.opstub.spi.Phase;
import dev.opstub.spi.Poll;
import dev.opstub.spi.Step;
import dev.opstub.spi.Timeline;
import java.lang.invoke.MethodHandles;
import java.lang.invoke.VarHandle;
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
 * Poll first = op.poll(clock.instant()); // first.step().status() == "running"
 * }</pre>
 */
public final class Operation {
  /*
   * A server may hold a million of these, so the state is kept small (88 bytes with compressed
   * oops, no objects of its own besides the id): the creation time as epoch seconds + nanos, every
   * other time as a saturating offset in nanoseconds from it, Instants made only for a Poll.
   */
  /** The smallest offset kept, so that no sum or difference of two offsets overflows unnoticed. */
  private static final long FLOOR = Long.MIN_VALUE + 1;

  private final String id;
  private final Timeline timeline;
  private final String target;
  private final Duration expireAfter;
  /** What identifies the call that started it (see OperationSpec.caller), or {@code null}. */
  private final String caller;
  private final long createdSecond;
  /**
   * The creation time's nanoseconds (under 2^30) and, in the two bits above them, whether the call
   * that started it carried a credential: {@link #START_CREDENTIAL} or {@link #START_NO_CREDENTIAL},
   * neither when not known. A flag of its own would cost 8 bytes an operation; these bits are free.
   */
  private final int createdNanoAndStart;
  /** The API the first store that held this operation keeps it under ({@link OperationStore}). */
  @SuppressWarnings("unused") // set and read through API_TAG
  private volatile String api;

  // Guarded by this. Offsets in nanoseconds from the creation time.
  private int stepIndex;
  private long pollsInStep;
  private long polls;
  /** When the current step began; once a counted step has had its last poll, when it ended. */
  private long stepStart;
  private long lastAction;
  /** The step a cancel put it on, or {@code null}: it then stays there, finished since stepStart. */
  private Step canceled;

  private static final VarHandle API_TAG;
  private static final int NANO_BITS = (1 << 30) - 1;
  private static final int START_CREDENTIAL = 1 << 30;
  private static final int START_NO_CREDENTIAL = 1 << 31;


  static {
    try {
      API_TAG = MethodHandles.lookup().findVarHandle(Operation.class, "api", String.class);
    } catch (ReflectiveOperationException e) {
      throw new ExceptionInInitializerError(e);
    }
  }

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
    this(id, timeline, createdTime, target, expireAfter, null);
  }

  /**
   * An operation started by {@code caller} (what identifies the call, so that its retries are told
   * from another call with the same id), or by no call in particular when {@code null}.
   */
  public Operation(String id, Timeline timeline, Instant createdTime, String target, Duration expireAfter,
      String caller) {
    this(id, timeline, createdTime, target, expireAfter, caller, null);
  }

  /**
   * An operation started by {@code caller}, knowing whether that call carried a credential.
   *
   * @param startCredential whether the call that started it carried one of its API's credential
   *     headers, or {@code null} when no call started it (a stub, the admin API) or it is not known
   */
  public Operation(String id, Timeline timeline, Instant createdTime, String target, Duration expireAfter,
      String caller, Boolean startCredential) {
    if (expireAfter != null && (expireAfter.isNegative() || expireAfter.isZero())) {
      throw new IllegalArgumentException("expireAfter must be positive, was " + expireAfter);
    }
    this.expireAfter = expireAfter;
    this.id = Objects.requireNonNull(id, "id");
    this.timeline = Objects.requireNonNull(timeline, "timeline");
    Objects.requireNonNull(createdTime, "createdTime");
    this.createdSecond = createdTime.getEpochSecond();
    this.createdNanoAndStart = createdTime.getNano()
        | (startCredential == null ? 0 : startCredential ? START_CREDENTIAL : START_NO_CREDENTIAL);
    this.target = target;
    this.caller = caller;
    this.stepStart = 0;
    this.lastAction = 0;
  }


  /** Serves one poll at {@code now}: advances the operation and returns what this poll sees. */
  public synchronized Poll poll(Instant now) {
    if (canceled != null) {
      polls++;
      return snapshot(polls, canceled, null, now);
    }
    long at = offset(now);
    advance(at, true);
    Step step = timeline.step(stepIndex);
    pollsInStep++;
    polls++;
    if (stepIndex < timeline.lastIndex() && !step.isTimed() && pollsInStep >= step.polls()) {
      // This poll ends a counted step: the next step begins now.
      stepStart = at;
    }
    // A fault leaves the operation as it was; only the answer fails.
    if (!step.isFault()) {
      switch (step.phase()) {
        case RUNNING -> lastAction = Math.max(lastAction, at);
        case SUCCEEDED, FAILED, CANCELED -> {
          if (pollsInStep == 1) {
            // The first poll that sees it finished (a terminal step is always the last one).
            lastAction = stepStart;
          }
        }
        case NOT_STARTED -> { } // nothing has happened yet
      }
    }
    return snapshot(polls, step, pollsInStep == 1 ? step.delay() : null, now);
  }

  /**
   * What the operation looks like at {@code now} without counting a poll: the step the last poll
   * saw, or a later one if a timed step has run out since.
   */
  public synchronized Poll peek(Instant now) {
    if (canceled != null) {
      return snapshot(polls, canceled, null, now);
    }
    advance(offset(now), false);
    return snapshot(polls, timeline.step(stepIndex), null, now);
  }

  /**
   * Cancels the operation at {@code now}, under the lock its polls take (so no poll comes between
   * what the cancel sees and what it changes): unless a look sees it finished, it stands on {@code
   * canceledStep} from now on, on the step of its timeline it was canceled on, with its creation
   * time and poll count. Counts no poll.
   *
   * @return the operation as it stands after the cancel, or {@code null} when it has expired
   */
  public synchronized Poll cancel(Instant now, Step canceledStep) {
    if (canceledStep.phase() != Phase.CANCELED) {
      throw new IllegalArgumentException("a cancel needs a canceled status step, was " + canceledStep.notation());
    }
    if (isExpired(now)) {
      return null;
    }
    Poll seen = peek(now);
    if (canceled == null && !seen.step().phase().isTerminal()) {
      long at = offset(now);
      canceled = canceledStep;
      stepStart = at;
      lastAction = at;
      return snapshot(polls, canceled, null, now);
    }
    return seen;
  }

  /** The caller that started it ({@link #Operation(String, Timeline, Instant, String, Duration, String)}), or {@code null}. */
  public String caller() {
    return caller;
  }

  /**
   * Whether the call that started it carried a credential ({@link #Operation(String, Timeline,
   * Instant, String, Duration, String, Boolean)}), or {@code null} when not known.
   */
  public Boolean startCredential() {
    return (createdNanoAndStart & START_CREDENTIAL) != 0 ? Boolean.TRUE
        : (createdNanoAndStart & START_NO_CREDENTIAL) != 0 ? Boolean.FALSE : null;
  }

  private int createdNano() {
    return createdNanoAndStart & NANO_BITS;
  }

  /**
   * Moves past timed steps that ran out by {@code at} and, for a poll, past a counted step that had
   * its last poll (a look without polling stops at a counted step).
   */
  private void advance(long at, boolean forPoll) {
    while (stepIndex < timeline.lastIndex()) {
      Step step = timeline.step(stepIndex);
      if (step.isTimed()) {
        long end = saturatedAdd(stepStart, nanos(step.duration()));
        if (at < end) {
          return;
        }
        stepStart = end;
      } else if (!forPoll || pollsInStep < step.polls()) {
        return;
      }
      // A counted step that had its last poll set stepStart to that poll's time already.
      stepIndex++;
      pollsInStep = 0;
    }
  }

  private Poll snapshot(long number, Step step, Duration delay, Instant now) {
    return new Poll(id, number, stepIndex, step, createdTime(), instant(lastAction), finished() ? instant(stepStart) : null,
        target, delay, now);
  }

  /**
   * Whether a cancel stopped it or a poll has seen it finished: {@link Timeline} allows a terminal
   * step only last, so that is a poll served in the last step, when that step is terminal.
   */
  private boolean finished() {
    if (canceled != null) {
      return true;
    }
    Step step = timeline.step(stepIndex);
    return stepIndex == timeline.lastIndex() && pollsInStep > 0 && !step.isFault() && step.phase().isTerminal();
  }

  /** Whether the operation finished more than {@code expireAfter} before {@code now}. */
  public synchronized boolean isExpired(Instant now) {
    return expireAfter != null && finished() && offset(now) >= saturatedAdd(stepStart, nanos(expireAfter));
  }

  public String id() {
    return id;
  }

  public Timeline timeline() {
    return timeline;
  }

  public Instant createdTime() {
    return Instant.ofEpochSecond(createdSecond, createdNano());
  }

  public String target() {
    return target;
  }

  /** How many polls this operation has served. */
  public synchronized long polls() {
    return polls;
  }

  /** The API this operation was first stored under, claiming it if it has none yet. */
  String claimApi(String api) {
    String was = (String) API_TAG.compareAndExchange(this, (String) null, api);
    return was == null ? api : was;
  }

  /** The API this operation was first stored under, or {@code null}. */
  String storedApi() {
    return (String) API_TAG.getVolatile(this);
  }

  /** Nanoseconds from the creation time to {@code instant}, saturated to the range of a long. */
  private long offset(Instant instant) {
    long seconds = instant.getEpochSecond() - createdSecond;
    long nanos = instant.getNano() - createdNano();
    if (seconds > Long.MAX_VALUE / 1_000_000_000L - 1) {
      return Long.MAX_VALUE;
    }
    if (seconds < Long.MIN_VALUE / 1_000_000_000L + 1) {
      return FLOOR;
    }
    return seconds * 1_000_000_000L + nanos;
  }

  private Instant instant(long offset) {
    return Instant.ofEpochSecond(createdSecond, createdNano()).plusNanos(offset);
  }

  private static long nanos(Duration duration) {
    try {
      return duration.toNanos();
    } catch (ArithmeticException e) {
      return duration.isNegative() ? FLOOR : Long.MAX_VALUE;
    }
  }

  private static long saturatedAdd(long a, long b) {
    long sum = a + b;
    // Overflow only when both have the same sign and the sum's sign differs.
    if (((a ^ sum) & (b ^ sum)) < 0) {
      return a < 0 ? FLOOR : Long.MAX_VALUE;
    }
    return sum;
  }
}
