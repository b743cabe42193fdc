package dev.opstub.spi;

import java.time.Duration;
import java.util.Objects;

/**
 * One step of a timeline: a status, or a transient {@link Fault}, that lasts a number of polls or
 * a span of time.
 *
 * @param phase what the status means; for a fault step, the phase of the status before it (the
 *     operation is still there, the poll just fails)
 * @param status the status as the timeline spelled it, normalised to the API's documented spelling
 *     (for a fault step, the status before it)
 * @param polls how many polls the step lasts ({@code 1} when the step is time-driven)
 * @param duration how long the step lasts, or {@code null} when it is counted in polls
 * @param detail the text in parentheses ({@code failed(why)}), or {@code null}
 * @param fault what the step serves instead of a status, or {@code null} for a status step
 * @param delay how long the first answer of this step is held back ({@code delay(800ms)} before
 *     it in the notation), or {@code null}
 *
 * <pre>{@code
 * Step.timed(Phase.RUNNING, "running", Duration.ofSeconds(2), null).notation(); // "running 2000ms"
 * }</pre>
 *
 * <p>Beta: may change in a minor release until 1.0.
 */
public record Step(Phase phase, String status, long polls, Duration duration, String detail, Fault fault,
    Duration delay) {

  public Step {
    Objects.requireNonNull(phase, "phase");
    Objects.requireNonNull(status, "status");
    if (polls < 1) {
      throw new IllegalArgumentException("polls must be at least 1, was " + polls);
    }
    if (duration != null && (duration.isZero() || duration.isNegative())) {
      throw new IllegalArgumentException("duration must be positive, was " + duration);
    }
    if (fault != null && phase.isTerminal()) {
      throw new IllegalArgumentException("a fault step cannot stand for a terminal status");
    }
  }

  /** A status step counted in polls. */
  public static Step polls(Phase phase, String status, long polls, String detail) {
    return new Step(phase, status, polls, null, detail, null, null);
  }

  /** A status step that lasts a span of time, however often it is polled. */
  public static Step timed(Phase phase, String status, Duration duration, String detail) {
    return new Step(phase, status, 1, duration, detail, null, null);
  }

  public boolean isTimed() {
    return duration != null;
  }

  public boolean isFault() {
    return fault != null;
  }

  /** This step with its first answer held back by {@code delay}. */
  public Step withDelay(Duration delay) {
    return new Step(phase, status, polls, duration, detail, fault, delay);
  }

  /** The step in the compact notation, e.g. {@code running x2}, {@code failed(why)}, {@code http(429)}. */
  public String notation() {
    StringBuilder out = new StringBuilder();
    if (delay != null) {
      out.append("delay(").append(delay.toMillis()).append("ms), ");
    }
    if (fault != null) {
      out.append(fault.notation());
    } else {
      out.append(status);
      if (detail != null) {
        out.append('(').append(detail).append(')');
      }
    }
    if (duration != null) {
      out.append(' ').append(duration.toMillis()).append("ms");
    } else if (polls > 1) {
      out.append(" x").append(polls);
    }
    return out.toString();
  }
}
