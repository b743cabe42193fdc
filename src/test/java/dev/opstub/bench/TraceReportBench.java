package dev.opstub.bench;

import dev.opstub.internal.api.Apis;
import dev.opstub.internal.api.OperationApi;
import dev.opstub.internal.conformance.Waivers;
import dev.opstub.internal.report.ReportPages;
import dev.opstub.internal.report.Trace;
import dev.opstub.internal.report.Traces;
import dev.opstub.internal.state.InMemoryState;
import dev.opstub.internal.state.OperationSpec;
import dev.opstub.internal.state.PollDraft;
import dev.opstub.internal.state.State;
import dev.opstub.internal.timeline.TimelineParser;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Locale;
import java.util.Map;

/**
 * Benchmark 9 (issue 31): the trace page of a test whose client polled 1,000 times, written as the
 * JUnit extension writes it after the test: the operation judged against its API's rules, the
 * page drawn (SVG, verdicts, poll table), the test's and the class's page written to disk. Target:
 * under 200 ms.
 */
final class TraceReportBench {
  static final int POLLS = 1_000;
  static final double TARGET_MS = 200;
  private static final int WARMUP = 20;
  private static final int MEASURED = 30;
  /** Where the last write's time went. */
  private static String lastSplit;

  private TraceReportBench() {}

  static void run(BenchConfig config, Report report) throws IOException {
    report.heading("8. A trace page of 1,000 polls (issue 31)");
    State state = state();
    Path dir = Files.createTempDirectory("opstub-trace-bench");
    double[] millis = new double[MEASURED];
    int bytes = 0;
    double cold = 0;
    String coldSplit = null;
    for (int i = -WARMUP; i < MEASURED; i++) {
      long t0 = System.nanoTime();
      bytes = write(state, dir);
      double took = (System.nanoTime() - t0) / 1e6;
      if (i == -WARMUP) {
        cold = took; // the first page a test JVM writes: classes loaded, nothing compiled yet
        coldSplit = lastSplit;
      } else if (i >= 0) {
        millis[i] = took;
      }
    }
    Arrays.sort(millis);
    double median = millis[MEASURED / 2];
    double worst = millis[MEASURED - 1];
    report.line(MEASURED + " writes after " + WARMUP + " warm-up writes of the page of one operation polled " + POLLS
        + " times (a 429 among them, Retry-After on each answer), judged, drawn and written with its class page ("
        + bytes / 1024 + " KiB).");
    report.line("");
    report.line("The first write: " + coldSplit + "; the last: " + lastSplit + ".");
    report.line("");
    report.table(List.of("first (cold) ms", "median ms", "p90 ms", "worst ms", "target", "verdict"), List.of(List.of(
        Report.num(cold, 1), Report.num(median, 1), Report.num(millis[(int) (MEASURED * 0.9)], 1), Report.num(worst, 1),
        "< " + Report.num(TARGET_MS, 0) + " ms", Report.verdict(worst < TARGET_MS && cold < TARGET_MS))));
    Report.progress("trace page of " + POLLS + " polls: first " + Report.num(cold, 1) + " ms, median " + Report.num(median, 1) + " ms, worst "
        + Report.num(worst, 1) + " ms");
  }

  /**
   * The first page of a fresh JVM: builds the state (as a test's polls would have loaded the
   * state's classes before its report), then times one write and prints {@code cold <ms> <split>}.
   * Run by {@link #cold} in a JVM of its own per sample.
   */
  public static void main(String[] args) throws IOException {
    State state = state();
    Path dir = Files.createTempDirectory("opstub-trace-cold");
    long t0 = System.nanoTime();
    write(state, dir);
    double took = (System.nanoTime() - t0) / 1e6;
    System.out.println("cold " + took + " " + lastSplit);
    for (String file : new String[] {"pollsAThousandTimes.html", "index.html"}) {
      Files.deleteIfExists(dir.resolve(file));
    }
    Files.delete(dir);
  }

  /** What TraceReports does after a test: judge, draw, write the test's page and the class's. */
  private static int write(State state, Path dir) throws IOException {
    long t0 = System.nanoTime();
    List<Trace> traces = Traces.all(state, Apis.builtIn(), Waivers.NONE, (api, id) -> "@OperationStub \"bench\"");
    long t1 = System.nanoTime();
    String page = ReportPages.testPage(new ReportPages.TestRun("dev.opstub.bench.Bench", "pollsAThousandTimes()",
        "passed", null, "index.html"), traces);
    long t2 = System.nanoTime();
    Files.writeString(dir.resolve("pollsAThousandTimes.html"), page, StandardCharsets.UTF_8);
    lastSplit = "judged " + Report.num((t1 - t0) / 1e6, 1) + " ms, drawn " + Report.num((t2 - t1) / 1e6, 1)
        + " ms, written " + Report.num((System.nanoTime() - t2) / 1e6, 1) + " ms";
    Files.writeString(dir.resolve("index.html"), ReportPages.classPage("dev.opstub.bench.Bench", "../index.html",
        List.of(new ReportPages.TestEntry("pollsAThousandTimes.html", "pollsAThousandTimes()", "passed", 1, POLLS,
            traces.get(0).violations()))), StandardCharsets.UTF_8);
    return page.length();
  }

  /** One Face operation polled {@value #POLLS} times, 50 ms apart, with a 429 halfway. */
  private static State state() {
    State state = new InMemoryState(10);
    OperationApi face = Apis.builtIn().byName("face").orElseThrow();
    String id = "0c0c0c0c-0000-4000-8000-000000000008";
    state.put(face.name(), new OperationSpec(id, TimelineParser.parse("running x500, http(429, Retry-After=1), running x"
        + (POLLS - 502) + ", succeeded", face.statuses()), null, null));
    Instant t0 = Instant.parse("2026-01-01T00:00:00Z");
    List<Long> times = new ArrayList<>();
    for (int i = 0; i < POLLS; i++) {
      times.add(i * 50L + (i > 500 ? 1_000 : 0));
    }
    for (long at : times) {
      state.poll(face.name(), id, null, new PollDraft(t0.plusMillis(at), Map.of("Ocp-Apim-Subscription-Key", "k"),
          () -> 404, phase -> phase.name().toLowerCase(Locale.ROOT), Duration.ofMillis(50), "GET",
          "/face/v1.0-preview/operations/" + id, ""));
    }
    return state;
  }
}
