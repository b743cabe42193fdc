package dev.opstub.internal.conformance;

import dev.opstub.internal.http.Ids;
import dev.opstub.internal.state.PollRecord;
import dev.opstub.spi.Step;
import dev.opstub.spi.Timeline;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;

/**
 * The rules the pack knows, each made with the source an API cites for it (see {@link Rules} for
 * their ids and docs/conformance.md for what each asks). They read only the recorded polls and the
 * API's {@link Expectations}: no API is named here.
 *
 * <pre>{@code
 * List<Rule> rules = List.of(StandardRules.waitedRetryAfter("Azure REST API Guidelines, ..."), ...);
 * }</pre>
 */
public final class StandardRules {
  private StandardRules() {}

  /** {@value Rules#WAITED_RETRY_AFTER}: after an answer that served a wait, the next poll came no sooner. */
  public static Rule waitedRetryAfter(String source) {
    return rule(Rules.WAITED_RETRY_AFTER, "Waited at least the served Retry-After (or retry-after-ms) before the next poll",
        source, new Check() {
      @Override
      public List<Violation> violations(Trace trace) {
        List<PollRecord> polls = trace.polls();
        boolean asked = false;
        List<Violation> out = new ArrayList<>();
        for (int i = 1; i < polls.size(); i++) {
          Duration wait = polls.get(i - 1).retryAfter();
          if (wait == null || wait.isZero() || wait.isNegative()) {
            continue;
          }
          asked = true;
          Duration waited = Duration.ofNanos(nanosBetween(polls.get(i - 1), polls.get(i)));
          if (waited.compareTo(wait) < 0) {
            out.add(new Violation(i + 1, "at least " + ms(wait) + " after poll " + i + " (its Retry-After)",
                "came " + ms(waited) + " after poll " + i));
          }
        }
        return asked ? out : null;
      }
    }, "no answer before another poll served a Retry-After");
  }

  /**
   * {@value Rules#STOPPED_ONCE_TERMINAL}: no poll after the first terminal one, apart from the
   * pattern's own final reads of the same URL ({@link Expectations#readsAfterTerminal()}).
   */
  public static Rule stoppedOnceTerminal(String source) {
    return rule(Rules.STOPPED_ONCE_TERMINAL, "Stopped polling once the status was terminal, apart from the pattern's "
        + "own final reads", source, new Check() {
      @Override
      public List<Violation> violations(Trace trace) {
        int end = trace.firstTerminal();
        if (end < 0) {
          return null;
        }
        int allowed = trace.expected().readsAfterTerminal();
        PollRecord last = trace.polls().get(end);
        List<Violation> out = new ArrayList<>();
        for (int i = end + 1 + allowed; i < trace.polls().size(); i++) {
          out.add(new Violation(i + 1, "no poll after poll " + (end + 1) + " (served " + last.status() + ")"
              + (allowed == 0 ? "" : " beyond the pattern's " + reads(allowed)), "polled again: "
              + answer(trace.polls().get(i))));
        }
        return out;
      }
    }, "no poll was served a terminal status");
  }

  /**
   * {@value Rules#FOLLOWED_HANDED_URL}: every poll went to the URL the client was handed (its
   * path; its {@code api-version} kept, whatever its value, as the guidelines let a client change it).
   */
  public static Rule followedHandedUrl(String source) {
    return rule(Rules.FOLLOWED_HANDED_URL, "Polled the URL it was handed: no URL of its own, api-version kept", source,
        new Check() {
      @Override
      public List<Violation> violations(Trace trace) {
        Expectations expected = trace.expected();
        List<PollRecord> polls = trace.polls();
        String first = null;
        for (int i = 0; i < polls.size() && first == null; i++) {
          first = polls.get(i).path();
        }
        if (first == null) {
          return null;
        }
        String handed = expected.handedPath() == null ? Ids.percentDecode(first) : expected.handedPath();
        List<Violation> out = new ArrayList<>();
        // A client polls one URL over and over: a path or query like the poll's before is judged alike.
        String lastPath = null;
        boolean lastSamePath = false;
        String lastQuery = null;
        boolean lastKeptVersion = false;
        for (int i = 0; i < polls.size(); i++) {
          PollRecord poll = polls.get(i);
          if (poll.path() == null) {
            continue;
          }
          if (!poll.path().equals(lastPath)) {
            String path = Ids.percentDecode(poll.path());
            lastSamePath = expected.handedRelative() ? endsWithIgnoringCase(path, handed) : path.equalsIgnoreCase(handed);
            lastPath = poll.path();
          }
          if (lastQuery == null || !lastQuery.equals(poll.query())) {
            lastKeptVersion = expected.handedApiVersion() == null || apiVersion(poll.query()) != null;
            lastQuery = poll.query();
          }
          boolean samePath = lastSamePath;
          boolean keptVersion = lastKeptVersion;
          if (!samePath || !keptVersion) {
            // One line per poll: the URL it should have polled, and the one it did.
            String version = expected.handedApiVersion() == null ? "" : "?api-version=" + expected.handedApiVersion();
            out.add(new Violation(i + 1, expected.handedPath() == null
                ? "the URL of poll 1, " + first + " (the URL handed out is no longer known)"
                : (expected.handedRelative() ? "a URL ending " : "") + handed + version + " (the URL it was handed)",
                "polled " + poll.url() + (samePath ? " (api-version dropped)" : " (a URL of its own)")));
          }
        }
        return out;
      }
    }, "no poll's URL was recorded");
  }

  /**
   * {@value Rules#RETRIED_FAULTS}: after a 408, 429, 5xx or a broken connection, the client polled
   * again; a run of such answers without a Retry-After was met with waits that did not shrink.
   */
  public static Rule retriedFaults(String source) {
    return rule(Rules.RETRIED_FAULTS, "Retried a served 429, 5xx or reset, and backed off", source, new Check() {
      @Override
      public List<Violation> violations(Trace trace) {
        List<PollRecord> polls = trace.polls();
        boolean served = false;
        List<Violation> out = new ArrayList<>();
        Duration previousBackoff = null;
        for (int i = 0; i < polls.size(); i++) {
          PollRecord poll = polls.get(i);
          if (!isFault(poll)) {
            previousBackoff = null;
            continue;
          }
          served = true;
          if (i + 1 == polls.size()) {
            out.add(new Violation(i + 1, "a retry after " + answer(poll), "no poll came after it"));
            break;
          }
          Duration waited = Duration.between(poll.time(), polls.get(i + 1).time());
          // A served Retry-After is waited-retry-after's to judge; without one, the waits must not shrink.
          if (poll.retryAfter() == null && previousBackoff != null && waited.compareTo(previousBackoff) < 0) {
            out.add(new Violation(i + 2, "a wait after poll " + (i + 1) + " no shorter than the " + ms(previousBackoff)
                + " after the fault before it (backing off)", "came " + ms(waited) + " after poll " + (i + 1)));
          }
          previousBackoff = poll.retryAfter() == null ? waited : null;
        }
        return served ? out : null;
      }
    }, "no poll was served a 429, 5xx or reset");
  }

  /**
   * {@value Rules#BOUNDED_POLLS}: the polls up to the first terminal one were no more than its
   * timeline needs: each counted step's polls, and for a timed step its span over the smallest
   * wait served, plus one.
   */
  public static Rule boundedPolls(String source) {
    return rule(Rules.BOUNDED_POLLS, "Polled no more often than its timeline needs", source, new Check() {
      @Override
      public List<Violation> violations(Trace trace) {
        Timeline timeline = trace.expected().timeline();
        if (timeline == null || trace.polls().isEmpty()) {
          return null;
        }
        Step last = timeline.step(timeline.lastIndex());
        if (last.isFault() || !last.phase().isTerminal()) {
          return null;
        }
        Duration smallestWait = null;
        for (PollRecord poll : trace.polls()) {
          Duration wait = poll.retryAfter();
          if (wait != null && !wait.isZero() && !wait.isNegative()
              && (smallestWait == null || wait.compareTo(smallestWait) < 0)) {
            smallestWait = wait;
          }
        }
        long budget = 1; // the terminal poll
        for (int i = 0; i < timeline.lastIndex(); i++) {
          Step step = timeline.step(i);
          if (step.isTimed()) {
            if (smallestWait == null) {
              return null;
            }
            budget += ceilDiv(step.duration().toNanos(), smallestWait.toNanos()) + 1;
          } else {
            budget += step.polls();
          }
        }
        int end = trace.firstTerminal();
        int judged = end < 0 ? trace.polls().size() : end + 1;
        if (judged <= budget) {
          return List.of();
        }
        return List.of(new Violation((int) budget + 1, "at most " + budget + " polls to reach the end of \""
            + timeline.notation() + "\"", judged + " polls" + (end < 0 ? " without reaching it" : " to reach it")));
      }
    }, "its timeline is not known or never ends, or a timed step had no Retry-After to bound it");
  }

  /**
   * {@value Rules#SENT_CREDENTIAL}: every poll carried a credential, when the start call did (or,
   * when the start is not known, such as an operation a stub or the admin API made, when any poll did).
   */
  public static Rule sentCredential(String source) {
    return rule(Rules.SENT_CREDENTIAL, "Sent its credential on every poll", source, new Check() {
      @Override
      public List<Violation> violations(Trace trace) {
        List<String> names = trace.expected().credentialHeaders();
        Boolean atStart = trace.expected().startCredential();
        if (names.isEmpty() || Boolean.FALSE.equals(atStart)) {
          return null;
        }
        List<Violation> out = new ArrayList<>();
        boolean anyCarried = false;
        for (int i = 0; i < trace.polls().size(); i++) {
          if (Credentials.carried(trace.polls().get(i), names)) {
            anyCarried = true;
          } else {
            out.add(new Violation(i + 1, "a credential (" + String.join(" or ", names) + ")"
                + (atStart == null ? "" : ", as the call that started it carried one"), "none was sent"));
          }
        }
        return atStart == null && !anyCarried ? null : out;
      }
    }, "the client sent no credential to start with");
  }

  /** {@value Rules#POLLED_HANDED_IDS}: the id was one the server served (live, or answered with a status). */
  public static Rule polledHandedIds(String source) {
    return rule(Rules.POLLED_HANDED_IDS, "Polled only ids the server handed out", source, new Check() {
      @Override
      public List<Violation> violations(Trace trace) {
        if (trace.expected().timeline() != null) {
          return List.of();
        }
        for (PollRecord poll : trace.polls()) {
          if (poll.status() != null) {
            return List.of();
          }
        }
        PollRecord first = trace.polls().get(0);
        return List.of(new Violation(1, "an id the server handed out", "polled " + trace.operationId()
            + ", which it never served (HTTP " + first.httpStatus() + (trace.polls().size() == 1 ? ""
            : " and " + (trace.polls().size() - 1) + " more polls of it") + ")"));
      }
    }, "no poll was recorded");
  }

  // --- helpers

  /**
   * What a rule checks: the violations, or {@code null} when it does not apply. A class of its own
   * per rule rather than a lambda: the first report of a test JVM would spin a class for each.
   */
  private interface Check {
    List<Violation> violations(Trace trace);
  }

  /**
   * A rule whose check returns its violations, or {@code null} when it does not apply (then
   * {@code notApplicable} says why).
   */
  private static Rule rule(String id, String title, String source, Check check, String notApplicable) {
    return new Rule() {
      @Override
      public String id() {
        return id;
      }

      @Override
      public String title() {
        return title;
      }

      @Override
      public String source() {
        return source;
      }

      @Override
      public Verdict judge(Trace trace) {
        if (trace.polls().isEmpty()) {
          return Verdict.notApplicable(this, "no poll was recorded");
        }
        List<Violation> found = check.violations(trace);
        return found == null ? Verdict.notApplicable(this, notApplicable) : Verdict.of(this, found);
      }

      @Override
      public String toString() {
        return id;
      }
    };
  }

  /** A 408, 429 or 5xx (a broken connection is recorded as a 500). */
  static boolean isFault(PollRecord poll) {
    return poll.httpStatus() == 408 || poll.httpStatus() == 429 || poll.httpStatus() >= 500;
  }

  /** What a poll was answered, for messages: {@code HTTP 200 succeeded}, {@code HTTP 429 http(429)}. */
  static String answer(PollRecord poll) {
    return "HTTP " + poll.httpStatus() + (poll.status() == null ? "" : " " + poll.status());
  }

  /** Nanoseconds from one poll to another, as {@code Duration.between} counts them (with less work a poll). */
  private static long nanosBetween(PollRecord from, PollRecord to) {
    return (to.time().getEpochSecond() - from.time().getEpochSecond()) * 1_000_000_000L + to.time().getNano()
        - from.time().getNano();
  }

  static String ms(Duration duration) {
    return duration.toMillis() + " ms";
  }

  private static String reads(int count) {
    return count == 1 ? "one final read" : count + " final reads";
  }

  private static long ceilDiv(long a, long b) {
    return -Math.floorDiv(-a, b);
  }

  private static boolean endsWithIgnoringCase(String text, String end) {
    return text.length() >= end.length() && text.regionMatches(true, text.length() - end.length(), end, 0, end.length());
  }

  /** The {@code api-version} of a raw query, or {@code null} when it has none (or an empty one). */
  static String apiVersion(String query) {
    if (query == null || query.isEmpty()) {
      return null;
    }
    for (String pair : query.split("&")) {
      int equals = pair.indexOf('=');
      if (equals > 0 && pair.substring(0, equals).toLowerCase(Locale.ROOT).equals("api-version")
          && equals + 1 < pair.length()) {
        return pair.substring(equals + 1);
      }
    }
    return null;
  }
}
