package dev.opstub.internal.report;

import dev.opstub.internal.conformance.Verdict;
import dev.opstub.internal.conformance.Violation;
import dev.opstub.internal.state.PollRecord;
import java.util.List;

/**
 * The HTML pages around the traces: a test's page (one section per operation: its SVG, the rules'
 * verdicts, its polls as a table), a test class's page linking its tests, the index of every class.
 * Self-contained (one inline style, no script, font or external resource), headed and labelled, and
 * readable without colour: every outcome is written out.
 *
 * <pre>{@code
 * String html = ReportPages.testPage(new ReportPages.TestRun("OrdersTest", "pollsToTheEnd()", "passed", null,
 *     "index.html"), traces);
 * }</pre>
 */
public final class ReportPages {
  private static final String CSS = "body{font-family:sans-serif;margin:1.5rem;color:#1a202c;line-height:1.4}"
      + "h1{font-size:1.5rem}h2{font-size:1.2rem;margin-top:2rem;border-top:1px solid #cbd5e0;padding-top:1rem}"
      + "h3{font-size:1rem}table{border-collapse:collapse;margin:.5rem 0}th,td{border:1px solid #cbd5e0;"
      + "padding:.2rem .5rem;text-align:left;vertical-align:top}th{background:#edf2f7}"
      + ".outcome-failed,.outcome-violated{color:#9b2c2c;font-weight:bold}.outcome-passed{color:#22543d}"
      + "figure{margin:0;overflow-x:auto}svg.trace{max-width:100%;height:auto;border:1px solid #cbd5e0}"
      + "a:focus{outline:2px solid #2b6cb0}pre{white-space:pre-wrap;background:#f7fafc;padding:.5rem}";

  private ReportPages() {}

  /**
   * One test as its page heads it.
   *
   * @param className the test class's name
   * @param testName the test's display name
   * @param outcome {@code passed}, {@code failed} or {@code aborted}
   * @param failure the failure's message, or {@code null}
   * @param classPage the link to the class's page, or {@code null}
   */
  public record TestRun(String className, String testName, String outcome, String failure, String classPage) {}

  /**
   * One test on its class's page.
   *
   * @param file the test's page, relative to the class's page
   * @param violations the number of rules violated across its operations
   */
  public record TestEntry(String file, String testName, String outcome, int operations, int polls, long violations) {}

  /** A test's page: what it did to each operation. */
  public static String testPage(TestRun run, List<Trace> traces) {
    int polls = 0;
    for (Trace trace : traces) {
      polls += trace.polls().size();
    }
    // About 700 characters a poll (its mark with its title, its waits, its row): no regrowing.
    StringBuilder body = new StringBuilder(4_000 + traces.size() * 6_000 + polls * 720);
    body.append("<header><h1>").append(esc(run.testName())).append("</h1>\n<p>Test class <code>")
        .append(esc(run.className())).append("</code>. Outcome: ").append(outcome(run.outcome())).append(".</p>\n");
    if (run.failure() != null) {
      body.append("<pre aria-label=\"Failure\">").append(esc(run.failure())).append("</pre>\n");
    }
    if (run.classPage() != null) {
      body.append("<nav aria-label=\"Reports\"><a href=\"").append(esc(run.classPage()))
          .append("\">Every test of ").append(esc(run.className())).append("</a></nav>\n");
    }
    body.append("</header>\n<main>\n");
    sections(body, traces);
    body.append("</main>\n");
    return page("OpStub trace: " + run.testName(), null, body);
  }

  /** The sections of the traces: a heading, the picture, the verdicts and the polls of each. */
  static void sections(StringBuilder body, List<Trace> traces) {
    if (traces.isEmpty()) {
      body.append("<p>No operation was polled or live on the server.</p>\n");
    }
    if (traces.size() >= Traces.MAX_PER_PAGE) {
      body.append("<p>The first ").append(Traces.MAX_PER_PAGE).append(" operations are shown.</p>\n");
    }
    for (int i = 0; i < traces.size(); i++) {
      Trace trace = traces.get(i);
      String id = "op-" + (i + 1);
      body.append("<section aria-labelledby=\"").append(id).append("\">\n<h2 id=\"").append(id).append("\">")
          .append(esc(trace.heading())).append("</h2>\n<p>");
      if (trace.timeline() != null) {
        body.append("Timeline <code>").append(esc(trace.timeline().notation())).append("</code>; now ")
            .append(esc(trace.state())).append(". ");
      }
      long[] at = TraceSvg.offsets(trace.polls()); // once: the summary, the drawing and the table read them
      body.append(esc(TraceSvg.summary(trace, at))).append("</p>\n<figure>\n");
      TraceSvg.draw(body, trace, id, at);
      body.append("<figcaption>Trace of ").append(esc(trace.heading()))
          .append(": polls on a time axis from the first poll; the wait the server asked against the wait taken;"
              + " faults and the client's answer; violations by poll.</figcaption>\n</figure>\n");
      verdicts(body, trace);
      polls(body, trace.polls(), at);
      body.append("</section>\n");
    }
  }

  private static void verdicts(StringBuilder body, Trace trace) {
    body.append("<h3>Verdicts</h3>\n");
    if (trace.verdicts() == null) {
      body.append("<p>").append(esc(TraceSvg.verdictLine(trace))).append(".</p>\n");
      return;
    }
    body.append("<table><caption>").append(esc(TraceSvg.verdictLine(trace))).append("</caption>\n")
        .append("<thead><tr><th scope=\"col\">Rule</th><th scope=\"col\">Verdict</th><th scope=\"col\">Details</th>"
            + "<th scope=\"col\">Source</th></tr></thead>\n<tbody>\n");
    for (Verdict verdict : trace.verdicts()) {
      body.append("<tr><th scope=\"row\"><code>").append(esc(verdict.rule())).append("</code><br>")
          .append(esc(verdict.title())).append("</th><td>").append(outcome(verdict.outcome().label()))
          .append("</td><td>");
      if (verdict.note() != null) {
        body.append(esc(verdict.note()));
      }
      if (!verdict.violations().isEmpty()) {
        body.append("<ul>");
        for (Violation violation : verdict.violations()) {
          body.append("<li>").append(violation.poll() > 0 ? "Poll " + violation.poll() : "The run")
              .append(": expected ").append(esc(violation.expected())).append("; ").append(esc(violation.happened()))
              .append("</li>");
        }
        body.append("</ul>");
      }
      body.append("</td><td>").append(source(verdict.source())).append("</td></tr>\n");
    }
    body.append("</tbody></table>\n");
  }

  private static void polls(StringBuilder body, List<PollRecord> polls, long[] at) {
    if (polls.isEmpty()) {
      return;
    }
    body.append("<details><summary>The ").append(polls.size()).append(polls.size() == 1 ? " poll" : " polls")
        .append(" as a table</summary>\n<table><thead><tr><th scope=\"col\">Poll</th><th scope=\"col\">At</th>"
            + "<th scope=\"col\">Waited</th><th scope=\"col\">Request</th><th scope=\"col\">HTTP</th><th scope=\"col\">Served</th>"
            + "<th scope=\"col\">Retry-After</th></tr></thead>\n<tbody>\n");
    for (int i = 0; i < polls.size(); i++) {
      PollRecord poll = polls.get(i);
      TraceSvg.duration(body.append("<tr><td>").append(i + 1).append("</td><td>+"), at[i] / 1_000_000).append("</td><td>");
      if (i > 0) {
        TraceSvg.duration(body, (at[i] - at[i - 1]) / 1_000_000);
        if (TraceSvg.isEarly(polls, at, i - 1)) {
          body.append(" <strong>(early)</strong>");
        }
      }
      body.append("</td><td>");
      if (poll.url() != null) {
        body.append("<code>");
        if (poll.method() != null) {
          TraceSvg.esc(body, poll.method()).append(' ');
        }
        TraceSvg.esc(body, poll.url()).append("</code>");
      }
      body.append("</td><td>").append(poll.httpStatus()).append("</td><td>");
      if (poll.status() == null) {
        body.append("(error)");
      } else {
        TraceSvg.esc(body, poll.status());
      }
      body.append(poll.terminal() ? " (terminal)" : "").append("</td><td>");
      if (poll.retryAfter() != null) {
        TraceSvg.duration(body, poll.retryAfter().toMillis());
      }
      body.append("</td></tr>\n");
    }
    body.append("</tbody></table></details>\n");
  }

  /** A rule's source; its address, if it names one, as a link (the page works offline all the same). */
  private static String source(String source) {
    int at = source.indexOf("https://");
    if (at < 0) {
      return esc(source);
    }
    int end = at;
    while (end < source.length() && !Character.isWhitespace(source.charAt(end)) && source.charAt(end) != ')') {
      end++;
    }
    String url = source.substring(at, end);
    return esc(source.substring(0, at)) + "<a href=\"" + esc(url) + "\">" + esc(url) + "</a>" + esc(source.substring(end));
  }

  /** A test class's page: its tests, failed ones first, each linked. */
  public static String classPage(String className, String indexLink, List<TestEntry> tests) {
    StringBuilder body = new StringBuilder();
    body.append("<header><h1>OpStub traces of ").append(esc(className)).append("</h1>\n");
    if (indexLink != null) {
      body.append("<nav aria-label=\"Reports\"><a href=\"").append(esc(indexLink)).append("\">Every test class</a></nav>\n");
    }
    body.append("</header>\n<main>\n<table><caption>").append(tests.size()).append(tests.size() == 1 ? " test" : " tests")
        .append(", failed first</caption>\n<thead><tr><th scope=\"col\">Test</th><th scope=\"col\">Outcome</th>"
            + "<th scope=\"col\">Operations</th><th scope=\"col\">Polls</th><th scope=\"col\">Rules violated</th></tr>"
            + "</thead>\n<tbody>\n");
    for (boolean passed : new boolean[] {false, true}) { // failed first, each in its order
      for (TestEntry test : tests) {
        if ("passed".equals(test.outcome()) == passed) {
          body.append("<tr><td><a href=\"").append(esc(test.file())).append("\">").append(esc(test.testName()))
              .append("</a></td><td>").append(outcome(test.outcome())).append("</td><td>").append(test.operations())
              .append("</td><td>").append(test.polls()).append("</td><td>").append(test.violations()).append("</td></tr>\n");
        }
      }
    }
    body.append("</tbody></table>\n</main>\n");
    return page("OpStub traces of " + className, null, body);
  }

  /** The index of every class with a page: {@code classes} are the folders (class names) under it. */
  public static String indexPage(List<String> classes) {
    StringBuilder body = new StringBuilder("<header><h1>OpStub traces</h1></header>\n<main>\n<ul>\n");
    for (String name : classes) {
      body.append("<li><a href=\"").append(esc(name)).append("/index.html\">").append(esc(name)).append("</a></li>\n");
    }
    body.append("</ul>\n</main>\n");
    return page("OpStub traces", null, body);
  }

  /** An outcome in words, with a mark that does not depend on colour. */
  static String outcome(String outcome) {
    String mark = switch (outcome) {
      case "passed" -> "\u2713 ";
      case "failed", "violated" -> "\u2717 ";
      default -> "\u2013 ";
    };
    return "<span class=\"outcome-" + esc(outcome.replace(' ', '-')) + "\">" + mark + esc(outcome) + "</span>";
  }

  /**
   * A whole page.
   *
   * @param refreshSeconds reload the page after this many seconds, or {@code null} for never
   */
  static String page(String title, Integer refreshSeconds, CharSequence body) {
    StringBuilder out = new StringBuilder(body.length() + 1_000);
    out.append("<!DOCTYPE html>\n<html lang=\"en\">\n<head>\n<meta charset=\"utf-8\">\n")
        .append("<meta name=\"viewport\" content=\"width=device-width, initial-scale=1\">\n")
        // No icon to fetch: a browser would ask the server for /favicon.ico and log its 404.
        .append("<link rel=\"icon\" href=\"data:,\">\n");
    if (refreshSeconds != null) {
      out.append("<meta http-equiv=\"refresh\" content=\"").append(refreshSeconds).append("\">\n");
    }
    out.append("<title>").append(esc(title)).append("</title>\n<style>").append(CSS).append("</style>\n</head>\n<body>\n")
        .append(body).append("</body>\n</html>\n");
    return out.toString();
  }

  static String esc(String text) {
    return TraceSvg.esc(text);
  }
}
