package dev.opstub.internal.timeline;

/**
 * A timeline that cannot be used, with where the problem is and what was expected there.
 *
 * <p>The message reads on its own, e.g. {@code bad timeline "running x0, succeeded" at column 10:
 * a count must be at least 1 (x1, x2, ...)}.
 */
public class TimelineException extends IllegalArgumentException {
  private static final long serialVersionUID = 1L;

  private final String timeline;
  private final String position;
  private final String problem;

  /**
   * @param timeline the timeline as written (notation, or the JSON form's text)
   * @param position where the problem is: {@code column 10}, {@code step 2}
   * @param problem what is wrong and what is allowed
   */
  public TimelineException(String timeline, String position, String problem) {
    super("bad timeline " + timeline + " at " + position + ": " + problem);
    this.timeline = timeline;
    this.position = position;
    this.problem = problem;
  }

  /** The timeline as it was written. */
  public String timeline() {
    return timeline;
  }

  /** Where the problem is, e.g. {@code column 10} (notation) or {@code step 2} (JSON form). */
  public String position() {
    return position;
  }

  /** What is wrong and what is allowed, without the position. */
  public String problem() {
    return problem;
  }
}
