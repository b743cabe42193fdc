package dev.opstub.internal.timeline;

import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneId;
import java.time.ZoneOffset;
import java.util.Objects;

/**
 * The operations' clock: real time by default, or frozen by a test or an admin call so that a
 * timed step ({@code running 10s}) lasts until the test advances it.
 *
 * <pre>{@code
 * ControllableClock clock = new ControllableClock();
 * clock.freeze();                        // time stands still
 * clock.advance(Duration.ofSeconds(10)); // jump 10 s
 * clock.resume();                        // real time again, from where it stood
 * }</pre>
 *
 * <p>Thread-safe: the state is one immutable value swapped atomically.
 */
public final class ControllableClock extends Clock {
  private final Clock real;
  private volatile State state = new State(null, Duration.ZERO);

  /** {@code frozenAt} is the frozen instant, or {@code null} when running with {@code offset}. */
  private record State(Instant frozenAt, Duration offset) {}

  public ControllableClock() {
    this(Clock.systemUTC());
  }

  /** A clock that runs on {@code real} until frozen (for tests of the clock itself). */
  public ControllableClock(Clock real) {
    this.real = Objects.requireNonNull(real, "real");
  }

  @Override
  public Instant instant() {
    State s = state;
    return s.frozenAt != null ? s.frozenAt : real.instant().plus(s.offset);
  }

  /** Stops time where it is now. */
  public synchronized void freeze() {
    state = new State(instant(), state.offset);
  }

  /** Stops time at {@code at}. */
  public synchronized void freezeAt(Instant at) {
    state = new State(Objects.requireNonNull(at, "at"), state.offset);
  }

  /** Moves time forward (frozen or not); negative spans are refused. */
  public synchronized void advance(Duration by) {
    if (by.isNegative()) {
      throw new IllegalArgumentException("the clock only moves forward; was asked to move by " + by);
    }
    State s = state;
    state = s.frozenAt != null ? new State(s.frozenAt.plus(by), s.offset) : new State(null, s.offset.plus(by));
  }

  /** Lets time run again from where it stands. */
  public synchronized void resume() {
    State s = state;
    if (s.frozenAt != null) {
      state = new State(null, Duration.between(real.instant(), s.frozenAt));
    }
  }

  /** Back to real time, no offset. */
  public synchronized void reset() {
    state = new State(null, Duration.ZERO);
  }

  public boolean isFrozen() {
    return state.frozenAt != null;
  }

  @Override
  public ZoneId getZone() {
    return ZoneOffset.UTC;
  }

  @Override
  public Clock withZone(ZoneId zone) {
    return this;
  }
}
