package dev.opstub.spi;

import java.time.Instant;

/**
 * A live operation as it stands, read without counting a poll.
 *
 * <pre>{@code
 * Phase phase = operations.find("demo", id).map(view -> view.now().step().phase()).orElse(null);
 * }</pre>
 *
 * <p>Beta: may change in a minor release until 1.0.
 *
 * @param api the API it belongs to
 * @param timeline the steps it goes through
 * @param now what a look at it sees now: the step the last poll saw (or a later one, when a timed
 *     step ran out since), and the number of polls so far
 * @param startCredential whether the call that started it carried one of its API's credential
 *     headers, or {@code null} when not known ({@link OperationSpec#startCredential()})
 */
public record OperationView(String api, Timeline timeline, Poll now, Boolean startCredential) {

  /** An operation whose start is not known. */
  public OperationView(String api, Timeline timeline, Poll now) {
    this(api, timeline, now, null);
  }

  public String id() {
    return now.operationId();
  }

  public Instant createdTime() {
    return now.createdTime();
  }

  public String target() {
    return now.target();
  }

  public long polls() {
    return now.number();
  }

  /**
   * Whether a cancel stopped it ({@link Operations#cancel}): it then shows the canceled status on the
   * step of its timeline it was canceled on, since {@code now.finishedTime()}.
   */
  public boolean canceled() {
    // The same step object first: a record's equals costs a bootstrap the first time a JVM calls
    // one (20 ms of a test JVM's first trace page), and a step that is not canceled is the timeline's own.
    Step step = timeline.step(now.stepIndex());
    return now.step() != step && !now.step().equals(step);
  }
}
