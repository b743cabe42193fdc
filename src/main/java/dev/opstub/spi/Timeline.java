package dev.opstub.spi;

import java.util.List;

/**
 * The ordered steps an operation goes through; the last step repeats forever.
 *
 * <p>Immutable and shared by every operation that follows it. A dialect gets one already read
 * from a stub's {@code timeline} parameter (the notation and its parser stay internal), or builds
 * one from steps:
 *
 * <pre>{@code
 * Timeline t = new Timeline(List.of(
 *     Step.polls(Phase.RUNNING, "running", 2, null),
 *     Step.polls(Phase.SUCCEEDED, "succeeded", 1, null)));
 * t.notation(); // "running x2, succeeded"
 * }</pre>
 *
 * <p>Beta: may change in a minor release until 1.0.
 */
public final class Timeline {
  private final List<Step> steps;

  /**
   * @throws IllegalArgumentException if there are no steps or a terminal step is not the last
   */
  public Timeline(List<Step> steps) {
    if (steps.isEmpty()) {
      throw new IllegalArgumentException("a timeline needs at least one step");
    }
    for (int i = 0; i < steps.size() - 1; i++) {
      if (steps.get(i).phase().isTerminal()) {
        throw new IllegalArgumentException("step " + (i + 1) + " is terminal but not last");
      }
    }
    this.steps = List.copyOf(steps);
  }

  public List<Step> steps() {
    return steps;
  }

  public Step step(int index) {
    return steps.get(index);
  }

  public int lastIndex() {
    return steps.size() - 1;
  }

  /** The timeline in the compact notation, e.g. {@code running x2, succeeded}. */
  public String notation() {
    // A loop, not a stream: a test JVM's first trace page asks for it (a lambda costs a class there).
    StringBuilder out = new StringBuilder(steps.size() * 12);
    for (int i = 0; i < steps.size(); i++) {
      out.append(i == 0 ? "" : ", ").append(steps.get(i).notation());
    }
    return out.toString();
  }

  @Override
  public boolean equals(Object other) {
    return other instanceof Timeline t && t.steps.equals(steps);
  }

  @Override
  public int hashCode() {
    return steps.hashCode();
  }

  @Override
  public String toString() {
    return notation();
  }
}
