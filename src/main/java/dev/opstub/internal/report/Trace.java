package dev.opstub.internal.report;

import dev.opstub.internal.conformance.Outcome;
import dev.opstub.internal.conformance.Verdict;
import dev.opstub.internal.state.PollRecord;
import dev.opstub.spi.Timeline;
import java.util.List;

/**
 * What one operation's picture shows.
 *
 * @param heading what the page calls it (a stub's name, or the API and id)
 * @param apiName the API's display name ({@code Face})
 * @param api the API's short name ({@code face})
 * @param id the operation id
 * @param timeline the scripted steps, or {@code null} when the operation is no longer live (or
 *     never was: polls of an id nobody handed out)
 * @param state where the operation stands now, in words ({@code running, step 2 of 3}), or {@code null}
 * @param polls the polls the server answered, oldest first
 * @param verdicts the rules' verdicts, or {@code null} when the operation was not judged
 */
public record Trace(String heading, String apiName, String api, String id, Timeline timeline, String state,
    List<PollRecord> polls, List<Verdict> verdicts) {

  public Trace {
    polls = List.copyOf(polls);
    verdicts = verdicts == null ? null : List.copyOf(verdicts);
  }

  /** The number of verdicts that are violations (0 when not judged). */
  public long violations() {
    long violated = 0;
    for (Verdict verdict : verdicts == null ? List.<Verdict>of() : verdicts) {
      if (verdict.outcome() == Outcome.VIOLATED) {
        violated++;
      }
    }
    return violated;
  }
}
