package dev.opstub.timeline;

import java.time.Duration;
import java.util.Objects;

/**
 * One step of a timeline: a status that lasts a number of polls or a span of time.
 *
 * @param phase what the status means
 * @param status the status as the timeline spelled it, normalised to the API's documented spelling
 * @param polls how many polls the step lasts ({@code 1} when the step is time-driven)
 * @param duration how long the step lasts, or {@code null} when it is counted in polls
 * @param detail the text in parentheses ({@code failed(why)}), or {@code null}
 */
public record Step(Phase phase, String status, long polls, Duration duration, String detail) {

  public Step {
    Objects.requireNonNull(phase, "phase");
    Objects.requireNonNull(status, "status");
    if (polls < 1) {
      throw new IllegalArgumentException("polls must be at least 1, was " + polls);
    }
    if (duration != null && (duration.isZero() || duration.isNegative())) {
      throw new IllegalArgumentException("duration must be positive, was " + duration);
    }
  }

  /** A step counted in polls. */
  public static Step polls(Phase phase, String status, long polls, String detail) {
    return new Step(phase, status, polls, null, detail);
  }

  /** A step that lasts a span of time, however often it is polled. */
  public static Step timed(Phase phase, String status, Duration duration, String detail) {
    return new Step(phase, status, 1, duration, detail);
  }

  public boolean isTimed() {
    return duration != null;
  }

  /** The step in the compact notation, e.g. {@code running x2} or {@code failed(why)}. */
  public String notation() {
    StringBuilder out = new StringBuilder(status);
    if (detail != null) {
      out.append('(').append(detail).append(')');
    }
    if (duration != null) {
      out.append(' ').append(duration.toMillis()).append("ms");
    } else if (polls > 1) {
      out.append(" x").append(polls);
    }
    return out.toString();
  }
}
