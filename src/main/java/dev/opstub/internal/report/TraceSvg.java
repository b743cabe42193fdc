package dev.opstub.internal.report;

import dev.opstub.internal.conformance.Outcome;
import dev.opstub.internal.conformance.Verdict;
import dev.opstub.internal.conformance.Violation;
import dev.opstub.internal.http.Xml;
import dev.opstub.internal.state.PollRecord;
import dev.opstub.spi.Step;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Locale;
import java.util.Set;

/**
 * One operation's trace as an SVG: the scripted steps, each poll as a mark on a time axis (its
 * shape says what it was served, its number is written above it), the wait the server asked
 * ({@code Retry-After}) against the wait the client took, each fault served with the client's
 * answer to it, and the rules' verdicts. Every fact is written as text or told by a shape, never
 * by colour alone; each poll mark carries a {@code <title>} with the whole poll. Self-contained: no
 * external font, script or style. The same trace always gives the same bytes.
 *
 * <pre>{@code
 * String svg = TraceSvg.draw(trace, "t1");   // "t1": a prefix for the ids inside, unique on the page
 * }</pre>
 */
public final class TraceSvg {
  static final int WIDTH = 960;
  private static final int LEFT = 150;
  private static final int RIGHT = 24;
  private static final int PLOT = WIDTH - LEFT - RIGHT;
  static final int HEIGHT = 290;
  /** At most this many faults and violations get their line written out (each has its title). */
  private static final int LABELLED = 40;
  private static final int MAX_CHIPS = 30;

  private static final String STYLE = "text{font-family:sans-serif;font-size:12px;fill:#1a202c}"
      + ".lane{font-weight:bold}.small{font-size:10px}.axis{stroke:#4a5568;stroke-width:1}"
      + ".chip{fill:#edf2f7;stroke:#4a5568}.chip.unreached{stroke-dasharray:3 3;fill:#fff}"
      + ".status{fill:#2b6cb0}.terminal{fill:#1a202c}.fault{fill:#c05621}.error{stroke:#c53030;stroke-width:2.5}"
      + ".asked{fill:none;stroke:#2b6cb0;stroke-dasharray:4 2}.taken{fill:#a0aec0}.taken.early{fill:#c53030}"
      + ".bad{fill:#c53030;font-weight:bold}";

  private TraceSvg() {}

  /** What a poll was served, as its mark's shape tells it. */
  enum Kind {
    /** A status that does not end the operation: a circle. */
    STATUS("status", "circle"),
    /** A status that ends it: a square. */
    TERMINAL("terminal", "square"),
    /** A fault step of the timeline (an HTTP error, a broken connection): a triangle. */
    FAULT("fault", "triangle"),
    /** Any other error (no such operation, a malformed id, a missing key): a cross. */
    ERROR("error", "cross");

    final String css;
    final String shape;

    Kind(String css, String shape) {
      this.css = css;
      this.shape = shape;
    }

    static Kind of(PollRecord poll) {
      if (poll.status() == null) {
        return ERROR;
      }
      if (poll.httpStatus() >= 400 || poll.status().startsWith("http(") || poll.status().startsWith("fault(")) {
        return FAULT;
      }
      return poll.terminal() ? TERMINAL : STATUS;
    }
  }

  /** The trace as a standalone SVG document (with the XML declaration), as the README shows it. */
  public static String document(Trace trace) {
    return "<?xml version=\"1.0\" encoding=\"UTF-8\"?>\n" + draw(trace, "t");
  }

  /**
   * The trace as an {@code <svg>} element.
   *
   * @param idPrefix a prefix for the ids inside, unique on the page the SVG goes in
   */
  public static String draw(Trace trace, String idPrefix) {
    StringBuilder out = new StringBuilder(2_000 + trace.polls().size() * 420);
    draw(out, trace, idPrefix, offsets(trace.polls()));
    return out.toString();
  }

  /*
   * The first page a test JVM writes runs this code interpreted and the JIT compiles it while it
   * runs: each poll's marks are appended piece by piece (no string concatenation, whose call sites
   * each cost a bootstrap the first time, no lambda or stream), each poll's time is worked out once
   * (offsets), and only the recorded strings (URL, method, status, names) go through the escaper.
   */

  /** {@link #draw(Trace, String)} into {@code out}, with the polls' {@link #offsets}. */
  static void draw(StringBuilder out, Trace trace, String idPrefix, long[] at) {
    List<PollRecord> polls = trace.polls();
    String titleId = idPrefix + "-title";
    String descId = idPrefix + "-desc";
    out.append("<svg xmlns=\"http://www.w3.org/2000/svg\" class=\"trace\" width=\"").append(WIDTH)
        .append("\" height=\"").append(HEIGHT).append("\" viewBox=\"0 0 ").append(WIDTH).append(' ').append(HEIGHT)
        .append("\" role=\"img\" aria-labelledby=\"").append(titleId).append(' ').append(descId).append("\">\n");
    esc(out.append("<title id=\"").append(titleId).append("\">Trace of "), trace.heading())
        .append("</title>\n<desc id=\"").append(descId).append("\">");
    esc(out, summary(trace, at)).append("</desc>\n");
    out.append("<style>").append(STYLE).append("</style>\n");
    out.append("<rect width=\"").append(WIDTH).append("\" height=\"").append(HEIGHT).append("\" fill=\"#fff\"/>\n");
    text(out, 8, 18, "lane", trace.heading() + (trace.state() == null ? "" : " \u2014 " + trace.state()));

    Axis axis = Axis.of(polls, at);
    script(out, trace, polls);
    pollLane(out, polls, at, axis);
    waits(out, polls, at, axis);
    faults(out, polls, at, axis);
    verdicts(out, trace, at, axis);
    legend(out);
    out.append("</svg>\n");
  }

  /** One sentence for screen readers: the polls, the faults, the verdicts ({@code at}: the polls' {@link #offsets}). */
  static String summary(Trace trace, long[] at) {
    List<PollRecord> polls = trace.polls();
    long faults = 0;
    long early = 0;
    for (int i = 0; i < polls.size(); i++) {
      if (Kind.of(polls.get(i)) == Kind.FAULT) {
        faults++;
      }
      if (i + 1 < polls.size() && isEarly(polls, at, i)) {
        early++;
      }
    }
    StringBuilder out = new StringBuilder();
    out.append(polls.size()).append(polls.size() == 1 ? " poll" : " polls");
    if (polls.size() > 1) {
      duration(out.append(" over "), at[polls.size() - 1] / 1_000_000);
    }
    out.append(", ").append(faults).append(faults == 1 ? " fault served" : " faults served");
    out.append(", ").append(early).append(early == 1 ? " poll" : " polls").append(" earlier than the Retry-After asked");
    out.append(". ").append(verdictLine(trace)).append('.');
    return out.toString();
  }

  /** The time axis: milliseconds since the first poll, to x. */
  private record Axis(double spanMs, double tickMs) {
    static Axis of(List<PollRecord> polls, long[] offsets) {
      double end = 1;
      for (int i = 0; i < polls.size(); i++) {
        double at = offsets[i] / 1e6;
        Duration asked = polls.get(i).retryAfter();
        end = Math.max(end, at + (asked == null ? 0 : asked.toNanos() / 1e6));
      }
      double raw = end / 8;
      double magnitude = Math.pow(10, Math.floor(Math.log10(raw)));
      double tick = magnitude;
      for (double factor : new double[] {1, 2, 5, 10}) {
        tick = factor * magnitude;
        if (tick >= raw) {
          break;
        }
      }
      return new Axis(Math.ceil(end / tick) * tick, tick);
    }

    double x(double ms) {
      return LEFT + ms * PLOT / spanMs;
    }
  }

  private static void script(StringBuilder out, Trace trace, List<PollRecord> polls) {
    text(out, 8, 50, "lane", "Script");
    if (trace.timeline() == null) {
      text(out, LEFT, 50, null, "(not live any more, or never handed out: no script to show)");
      return;
    }
    Set<String> served = new HashSet<>();
    String previous = null;
    for (PollRecord p : polls) {
      String status = p.status() == null ? "" : p.status();
      if (!status.equals(previous)) { // a run of one status is one look-up
        served.add(status.toLowerCase(Locale.ROOT));
        previous = status;
      }
    }
    List<Step> steps = trace.timeline().steps();
    int shown = steps.size() > MAX_CHIPS ? MAX_CHIPS - 1 : steps.size();
    double width = Math.min(170, (double) PLOT / (shown + (shown < steps.size() ? 1 : 0)));
    for (int i = 0; i < shown; i++) {
      Step step = steps.get(i);
      String name = (step.isFault() ? step.fault().notation() : step.status()).toLowerCase(Locale.ROOT);
      boolean reached = served.contains(name);
      double x = LEFT + i * width;
      out.append("<g class=\"step\"><title>").append(esc("step " + (i + 1) + ": " + step.notation()
          + (reached ? " (served)" : " (not served)"))).append("</title><rect class=\"chip")
          .append(reached ? "" : " unreached").append("\" x=\"").append(num(x + 1)).append("\" y=\"34\" width=\"")
          .append(num(width - 4)).append("\" height=\"22\" rx=\"4\"/>");
      text(out, x + 6, 49, "small", clip(step.notation(), (int) ((width - 10) / 6)));
      out.append("</g>\n");
    }
    if (shown < steps.size()) {
      text(out, LEFT + shown * width + 4, 49, "small", "+" + (steps.size() - shown) + " more");
    }
  }

  private static void pollLane(StringBuilder out, List<PollRecord> polls, long[] at, Axis axis) {
    text(out, 8, 100, "lane", "Polls");
    int n = polls.size();
    if (n == 0) {
      text(out, LEFT, 100, null, "No polls.");
    }
    // A label is written only where it does not run into the one before (the title has it all).
    double numberEnd = 0;
    double statusEnd = 0;
    String previousStatus = null;
    for (int i = 0; i < n; i++) {
      PollRecord poll = polls.get(i);
      Kind kind = Kind.of(poll);
      double x = axis.x(at[i] / 1e6);
      out.append("<g class=\"poll ").append(kind.css).append("\" data-poll=\"").append(i + 1)
          .append("\" data-shape=\"").append(kind.shape).append("\"><title>");
      describe(out, polls, at, i).append("</title>");
      switch (kind) {
        case STATUS -> num(out.append("<circle class=\"status\" cx=\""), x).append("\" cy=\"96\" r=\"6\"/>");
        case TERMINAL -> num(out.append("<rect class=\"terminal\" x=\""), x - 6)
            .append("\" y=\"90\" width=\"12\" height=\"12\"/>");
        case FAULT -> num(num(num(out.append("<path class=\"fault\" d=\"M"), x).append(" 89L"), x + 7).append(" 102L"),
            x - 7).append(" 102Z\"/>");
        case ERROR -> num(num(num(num(out.append("<path class=\"error\" d=\"M"), x - 6).append(" 90L"), x + 6)
            .append(" 102M"), x + 6).append(" 90L"), x - 6).append(" 102\"/>");
      }
      if (x - 3 >= numberEnd) {
        String number = Integer.toString(i + 1);
        openText(out, x - 3, 82, "small").append(number).append("</text>");
        numberEnd = x - 3 + 6 * number.length() + 4;
      }
      String shortStatus = shortStatus(poll);
      boolean changed = i == 0 || !shortStatus.equals(previousStatus);
      previousStatus = shortStatus;
      if (changed && x - 6 >= statusEnd) {
        String status = clip(shortStatus, 14);
        text(out, x - 6, 116, "small", status);
        statusEnd = x - 6 + 6 * status.length() + 6;
      }
      out.append("</g>\n");
    }
    out.append("<line class=\"axis\" x1=\"").append(LEFT).append("\" y1=\"124\" x2=\"").append(LEFT + PLOT)
        .append("\" y2=\"124\"/>\n");
    text(out, 8, 140, "lane", "Time");
    for (double t = 0; t <= axis.spanMs() + axis.tickMs() / 2; t += axis.tickMs()) {
      double x = axis.x(t);
      num(num(out.append("<line class=\"axis\" x1=\""), x).append("\" y1=\"121\" x2=\""), x).append("\" y2=\"127\"/>");
      duration(openText(out, x - 8, 140, "small"), Math.round(t)).append("</text>");
    }
    out.append('\n');
  }

  private static void waits(StringBuilder out, List<PollRecord> polls, long[] at, Axis axis) {
    text(out, 8, 164, "lane", "Wait asked");
    text(out, 8, 182, "lane", "Wait taken");
    for (int i = 0; i < polls.size(); i++) {
      double from = axis.x(at[i] / 1e6);
      Duration asked = polls.get(i).retryAfter();
      if (asked != null) {
        num(out.append("<rect class=\"asked\" x=\""), from).append("\" y=\"156\" width=\"");
        num(out, Math.max(1, axis.x(at[i] / 1e6 + asked.toNanos() / 1e6) - from))
            .append("\" height=\"8\"><title>after poll ").append(i + 1).append(" the server asked for ");
        duration(out, asked.toMillis()).append("</title></rect>");
      }
      if (i + 1 < polls.size()) {
        boolean early = isEarly(polls, at, i);
        long waited = (at[i + 1] - at[i]) / 1_000_000;
        double to = axis.x(at[i + 1] / 1e6);
        num(out.append("<rect class=\"taken").append(early ? " early" : "").append("\" x=\""), from)
            .append("\" y=\"174\" width=\"");
        num(out, Math.max(1, to - from - 1)).append("\" height=\"8\"><title>the client waited ");
        duration(out, waited).append(" before poll ").append(i + 2);
        if (early) {
          duration(out.append(", less than the "), asked.toMillis()).append(" asked");
        }
        out.append("</title></rect>");
        if (early) {
          text(out, to - 4, 194, "small bad", "early");
        }
      }
      out.append('\n');
    }
  }

  private static void faults(StringBuilder out, List<PollRecord> polls, long[] at, Axis axis) {
    text(out, 8, 214, "lane", "Faults");
    int shown = 0;
    for (int i = 0; i < polls.size(); i++) {
      PollRecord poll = polls.get(i);
      if (Kind.of(poll) != Kind.FAULT) {
        continue;
      }
      String answer = i + 1 < polls.size()
          ? "retried after " + duration((at[i + 1] - at[i]) / 1_000_000)
          : "not retried";
      String line = "poll " + (i + 1) + ": " + faultName(poll) + " \u2192 " + answer;
      out.append("<g class=\"fault-answer\" data-poll=\"").append(i + 1).append("\"><title>").append(esc(line))
          .append("</title>");
      if (shown++ < LABELLED) {
        text(out, axis.x(at[i] / 1e6) - 4, 214 + (shown % 2 == 0 ? 12 : 0), "small", line);
      }
      out.append("</g>\n");
    }
    if (shown == 0) {
      text(out, LEFT, 214, "small", "none served");
    }
  }

  private static void verdicts(StringBuilder out, Trace trace, long[] at, Axis axis) {
    text(out, 8, 246, "lane", "Verdicts");
    List<PollRecord> polls = trace.polls();
    if (trace.verdicts() != null) {
      int[] onPoll = new int[polls.size() + 1];
      for (Verdict verdict : trace.verdicts()) {
        if (verdict.outcome() != Outcome.VIOLATED) {
          continue;
        }
        for (Violation violation : verdict.violations()) {
          int poll = violation.poll();
          if (poll < 1 || poll > polls.size() || onPoll[poll] >= 2) {
            continue;
          }
          double x = axis.x(at[poll - 1] / 1e6);
          out.append("<g class=\"violation\" data-poll=\"").append(poll).append("\"><title>")
              .append(esc(violation.line(verdict.rule()))).append("</title>");
          text(out, x - 4, 240 + 11 * onPoll[poll]++, "small bad", "\u2717 " + verdict.rule());
          out.append("</g>\n");
        }
      }
    }
    text(out, LEFT, 262, null, verdictLine(trace));
  }

  private static void legend(StringBuilder out) {
    int y = 282;
    text(out, 8, y, "small", "Key:");
    out.append("<circle class=\"status\" cx=\"48\" cy=\"").append(y - 4).append("\" r=\"5\"/>");
    text(out, 58, y, "small", "status (circle)");
    out.append("<rect class=\"terminal\" x=\"148\" y=\"").append(y - 9).append("\" width=\"10\" height=\"10\"/>");
    text(out, 162, y, "small", "terminal (square)");
    out.append("<path class=\"fault\" d=\"M269 ").append(y - 10).append("L275 ").append(y).append("L263 ").append(y)
        .append("Z\"/>");
    text(out, 280, y, "small", "fault (triangle)");
    out.append("<path class=\"error\" d=\"M373 ").append(y - 9).append("L383 ").append(y).append("M383 ")
        .append(y - 9).append("L373 ").append(y).append("\"/>");
    text(out, 388, y, "small", "error (cross)");
    out.append("<rect class=\"asked\" x=\"470\" y=\"").append(y - 8).append("\" width=\"24\" height=\"8\"/>");
    text(out, 498, y, "small", "asked (dashed)");
    out.append("<rect class=\"taken\" x=\"584\" y=\"").append(y - 8).append("\" width=\"24\" height=\"8\"/>");
    text(out, 612, y, "small", "taken (solid; \u201cearly\u201d when shorter than asked)");
    out.append('\n');
  }

  /** The verdicts in one line: {@code 6 rules: 5 passed, 1 violated (waits-retry-after)}. */
  static String verdictLine(Trace trace) {
    if (trace.verdicts() == null) {
      return "Not judged: no rules were applied to this operation";
    }
    int passed = 0;
    int waived = 0;
    int notApplicable = 0;
    List<String> violated = new ArrayList<>();
    for (Verdict verdict : trace.verdicts()) {
      switch (verdict.outcome()) {
        case PASSED -> passed++;
        case VIOLATED -> violated.add(verdict.rule());
        case WAIVED -> waived++;
        case NOT_APPLICABLE -> notApplicable++;
      }
    }
    return trace.verdicts().size() + " rules: " + passed + " passed, " + violated.size() + " violated"
        + (violated.isEmpty() ? "" : " (" + String.join(", ", violated) + ")") + ", " + waived + " waived, "
        + notApplicable + " not applicable";
  }

  /**
   * The whole poll in a line, escaped for XML: {@code poll 3 at +2.01 s: GET /operations/7 → HTTP 200
   * running, Retry-After 1 s, after a wait of 1 s}.
   */
  static StringBuilder describe(StringBuilder out, List<PollRecord> polls, long[] at, int i) {
    PollRecord poll = polls.get(i);
    duration(out.append("poll ").append(i + 1).append(" at +"), at[i] / 1_000_000).append(": ");
    if (poll.url() != null) {
      if (poll.method() != null) {
        esc(out, poll.method()).append(' ');
      }
      esc(out, poll.url()).append(" \u2192 ");
    }
    out.append("HTTP ").append(poll.httpStatus()).append(' ');
    if (poll.status() == null) {
      out.append("(error)");
    } else {
      esc(out, poll.status());
    }
    if (poll.terminal()) {
      out.append(" (terminal)");
    }
    if (poll.retryAfter() != null) {
      duration(out.append(", Retry-After "), poll.retryAfter().toMillis());
    }
    if (i > 0) {
      duration(out.append(", after a wait of "), (at[i] - at[i - 1]) / 1_000_000);
      if (isEarly(polls, at, i - 1)) {
        duration(out.append(" (early: "), polls.get(i - 1).retryAfter().toMillis()).append(" was asked)");
      }
    }
    return out;
  }

  /** Whether the poll after {@code i} came before the {@code Retry-After} poll {@code i} was served. */
  static boolean isEarly(List<PollRecord> polls, long[] at, int i) {
    Duration asked = polls.get(i).retryAfter();
    return asked != null && i + 1 < polls.size() && at[i + 1] - at[i] < asked.toNanos();
  }

  /** Nanoseconds from the first poll to each poll. */
  static long[] offsets(List<PollRecord> polls) {
    long[] out = new long[polls.size()];
    if (out.length > 0) {
      Instant first = polls.get(0).time();
      for (int i = 0; i < out.length; i++) {
        Instant time = polls.get(i).time();
        out[i] = (time.getEpochSecond() - first.getEpochSecond()) * 1_000_000_000L + time.getNano() - first.getNano();
      }
    }
    return out;
  }

  private static String faultName(PollRecord poll) {
    return poll.status() == null ? "HTTP " + poll.httpStatus() : poll.status();
  }

  private static String shortStatus(PollRecord poll) {
    return poll.status() == null ? Integer.toString(poll.httpStatus()) : poll.status();
  }

  /** A span for people: {@code 850 ms}, {@code 1 s}, {@code 1.25 s}. */
  static String duration(long millis) {
    return duration(new StringBuilder(12), millis).toString();
  }

  /** {@link #duration(long)} appended to {@code out}. */
  static StringBuilder duration(StringBuilder out, long millis) {
    if (Math.abs(millis) < 1000) {
      return out.append(millis).append(" ms");
    }
    long hundredths = Math.round(millis / 10.0);
    out.append(hundredths / 100);
    long rest = Math.abs(hundredths % 100);
    if (rest != 0) {
      out.append('.');
      if (rest % 10 == 0) {
        out.append(rest / 10);
      } else {
        out.append(rest < 10 ? "0" : "").append(rest);
      }
    }
    return out.append(" s");
  }

  private static String clip(String text, int max) {
    return text.length() <= Math.max(4, max) ? text : text.substring(0, Math.max(3, max - 1)) + "\u2026";
  }

  private static void text(StringBuilder out, double x, double y, String css, String text) {
    esc(openText(out, x, y, css), text).append("</text>");
  }

  /** A {@code <text>} element's start tag: the caller writes its content, escaped, and {@code </text>}. */
  private static StringBuilder openText(StringBuilder out, double x, double y, String css) {
    num(num(out.append("<text x=\""), x).append("\" y=\""), y).append('"');
    if (css != null) {
      out.append(" class=\"").append(css).append('"');
    }
    return out.append('>');
  }

  /** A coordinate to one decimal, the same on every machine (no locale, no float noise). */
  static String num(double value) {
    return num(new StringBuilder(8), value).toString();
  }

  /** {@link #num(double)} appended to {@code out}. */
  static StringBuilder num(StringBuilder out, double value) {
    long tenths = Math.round(value * 10);
    long whole = tenths / 10;
    long rest = Math.abs(tenths % 10);
    if (tenths < 0 && whole == 0) {
      out.append('-');
    }
    out.append(whole);
    return rest == 0 ? out : out.append('.').append(rest);
  }

  static String esc(String text) {
    return Xml.escape(text);
  }

  /**
   * {@code text} escaped as {@link Xml#escape} does it, appended to {@code out}: a text with nothing
   * to escape (nearly every one) is appended as it is, without a copy.
   */
  static StringBuilder esc(StringBuilder out, String text) {
    for (int i = 0, n = text.length(); i < n; i++) {
      char c = text.charAt(i);
      // Below '?': the controls and & < > " (the rest of it is plain); from U+D800: surrogates, U+FFFE, U+FFFF.
      if (c < '?' ? c < ' ' || c == '&' || c == '<' || c == '>' || c == '"' : c >= '\uD800') {
        return out.append(Xml.escape(text));
      }
    }
    return out.append(text);
  }
}
