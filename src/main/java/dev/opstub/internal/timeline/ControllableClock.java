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
 * <p>A test can only set it within the years 1970 to 9999 (UTC), {@link #EARLIEST} to {@link
 * #LATEST}: further out, arithmetic on the clock's time overflows and the timestamps the APIs write
 * no longer have four-digit years, so such a freeze or advance is refused and the clock stays as
 * it was. A running clock that reaches the end of its range stands still there.
 *
 * <p>Thread-safe: the state is one immutable value swapped atomically.
 */
public final class ControllableClock extends Clock {
  /** The earliest instant a test may set: the start of 1970 (UTC). */
  public static final Instant EARLIEST = Instant.parse("1970-01-01T00:00:00Z");
  /** The latest instant a test may set or advance to: the end of 9999 (UTC). */
  public static final Instant LATEST = Instant.parse("9999-12-31T23:59:59.999999999Z");
  /** Starts every refusal, so that it says what is allowed. */
  private static final String RANGE = "the operations' clock supports the years 1970 to 9999 (UTC, "
      + EARLIEST + " to " + LATEST + "); ";

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
    return s.frozenAt != null ? s.frozenAt : clamp(real.instant().plus(s.offset));
  }

  /**
   * {@code at}, or the nearest end of the clock's range: a running clock that reaches {@link
   * #LATEST} (frozen there and resumed, say) stands still there, so no time a body or header shows
   * ever leaves the years 1970 to 9999.
   */
  public static Instant clamp(Instant at) {
    return at.isAfter(LATEST) ? LATEST : at.isBefore(EARLIEST) ? EARLIEST : at;
  }

  /** Stops time where it is now. */
  public synchronized void freeze() {
    state = new State(instant(), state.offset);
  }

  /**
   * Stops time at {@code at}.
   *
   * @throws IllegalArgumentException when {@code at} is outside {@link #EARLIEST}..{@link #LATEST}
   */
  public synchronized void freezeAt(Instant at) {
    state = new State(checkFreezeAt(at), state.offset);
  }

  /**
   * Moves time forward (frozen or not).
   *
   * @throws IllegalArgumentException for a negative span, or one that would take the clock past
   *     {@link #LATEST}
   */
  public synchronized void advance(Duration by) {
    if (by.isNegative()) {
      throw new IllegalArgumentException("the clock only moves forward; was asked to move by " + by);
    }
    Instant now = instant();
    // Compared as spans, so that even Duration.ofSeconds(Long.MAX_VALUE) cannot overflow.
    if (now.isAfter(LATEST) || by.compareTo(Duration.between(now, LATEST)) > 0) {
      throw advanceRefused(now, by);
    }
    State s = state;
    state = s.frozenAt != null ? new State(s.frozenAt.plus(by), s.offset) : new State(null, s.offset.plus(by));
  }

  /**
   * {@code at}, if a clock may be frozen there (a state backend with a clock of its own checks
   * with this too).
   *
   * @throws IllegalArgumentException when {@code at} is outside {@link #EARLIEST}..{@link #LATEST}
   */
  public static Instant checkFreezeAt(Instant at) {
    Objects.requireNonNull(at, "at");
    if (at.isBefore(EARLIEST) || at.isAfter(LATEST)) {
      throw new IllegalArgumentException(RANGE + "cannot freeze it at " + at);
    }
    return at;
  }

  /** The refusal of an advance by {@code by} from {@code now} that would pass {@link #LATEST}. */
  public static IllegalArgumentException advanceRefused(Instant now, Duration by) {
    return new IllegalArgumentException(RANGE + "moving it by " + by + " from " + now + " would leave them");
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
