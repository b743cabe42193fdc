package dev.opstub.bench;

import com.github.tomakehurst.wiremock.WireMockServer;
import dev.opstub.internal.api.Apis;
import dev.opstub.internal.conformance.Waivers;
import dev.opstub.internal.report.ReportPages;
import dev.opstub.internal.report.Trace;
import dev.opstub.internal.report.Traces;
import dev.opstub.internal.state.InMemoryState;
import dev.opstub.internal.state.PollDraft;
import dev.opstub.internal.state.State;
import dev.opstub.internal.timeline.TimelineParser;
import dev.opstub.spi.Dialect;
import dev.opstub.spi.OperationSpec;
import dev.opstub.wiremock.OpStubExtensions;
import java.io.IOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
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
import java.util.concurrent.TimeUnit;

/**
 * Benchmark 9 (issue 31): the trace page of a test whose client polled 1,000 times, written as the
 * JUnit extension writes it after the test: the operation judged against its API's rules, the
 * page drawn (SVG, verdicts, poll table), the test's and the class's page written to disk. Target:
 * under 200 ms, for the first page a test JVM writes (cold: measured in fresh JVMs, each forked
 * from here, that first served a client's polls as a test's server does) as for later ones (warm).
 */
final class TraceReportBench {
  static final int POLLS = 1_000;
  static final double TARGET_MS = 200;
  private static final int WARMUP = 20;
  private static final int MEASURED = 30;
  /** Fresh JVMs, one cold page each. */
  private static final int COLD_JVMS = Integer.getInteger("bench.trace.cold", 7);
  /** Where the last write's time went: judging, drawing, writing, in nanoseconds. */
  private static final long[] lastSplit = new long[3];

  private TraceReportBench() {}

  static void run(BenchConfig config, Report report) throws Exception {
    report.heading("9. A trace page of 1,000 polls (issue 31)");
    MachineLoad load = new MachineLoad();
    // Cold first, before this JVM's own writes compete with the children for the CPU.
    double[] cold = new double[COLD_JVMS];
    String coldSplits = "";
    // -Dbench.before=<an older checkout, compiled>: its classes' cold page, alternating with today's.
    String beforeProject = System.getProperty("bench.before", "");
    Path beforeClasses = beforeProject.isEmpty() ? null : Path.of(beforeProject).toAbsolutePath().resolve("target/classes");
    if (beforeClasses != null && !Files.isDirectory(beforeClasses)) {
      throw new IllegalStateException("bench.before: compile " + beforeProject + " first (mvn -B -q compile)");
    }
    double[] before = new double[beforeClasses == null ? 0 : COLD_JVMS];
    long childrenCpu = 0;
    for (int i = 0; i < COLD_JVMS; i++) {
      Report.progress("benchmark 9: cold page " + (i + 1) + "/" + COLD_JVMS);
      if (beforeClasses != null && i % 2 == 1) {
        String[] old = coldPageInAFreshJvm(beforeClasses).split(" ");
        before[i] = Double.parseDouble(old[1]);
        childrenCpu += Long.parseLong(old[5]);
      }
      String[] line = coldPageInAFreshJvm(null).split(" ");
      cold[i] = Double.parseDouble(line[1]);
      childrenCpu += Long.parseLong(line[5]);
      coldSplits += (i == 0 ? "" : "; ") + Report.num(cold[i], 1) + " ms (judged " + Report.num(Double.parseDouble(line[2]), 1)
          + ", drawn " + Report.num(Double.parseDouble(line[3]), 1) + ", written " + Report.num(Double.parseDouble(line[4]), 1) + ")";
      if (beforeClasses != null && i % 2 == 0) {
        String[] old = coldPageInAFreshJvm(beforeClasses).split(" ");
        before[i] = Double.parseDouble(old[1]);
        childrenCpu += Long.parseLong(old[5]);
      }
    }
    String coldLoad = load.summary(childrenCpu).replace("its server JVM", "the cold pages' JVMs");
    Arrays.sort(cold);
    load = new MachineLoad();
    State state = state();
    Path dir = Files.createTempDirectory("opstub-trace-bench");
    double[] millis = new double[MEASURED];
    int bytes = 0;
    for (int i = -WARMUP; i < MEASURED; i++) {
      long t0 = System.nanoTime();
      bytes = write(state, dir);
      double took = (System.nanoTime() - t0) / 1e6;
      if (i >= 0) {
        millis[i] = took;
      }
    }
    Arrays.sort(millis);
    double median = millis[MEASURED / 2];
    double worst = millis[MEASURED - 1];
    double coldMedian = cold[COLD_JVMS / 2];
    double coldWorst = cold[COLD_JVMS - 1];
    report.line("The page of one operation polled " + POLLS + " times (a 429 among them, Retry-After on each answer), "
        + "judged, drawn and written with its class page (" + bytes / 1024 + " KiB). Cold: the first page of each of "
        + COLD_JVMS + " fresh JVMs (`java -cp <test class path> " + TraceReportBench.class.getName() + "`, one after "
        + "the other), each of which first served three polls of an `@OperationStub`-like Face stub on an in-process "
        + "WireMock server with the pack to the JDK's HttpClient, as a test's JVM does before its first report. Warm: "
        + MEASURED + " writes in this JVM after " + WARMUP + " warm-up writes.");
    report.line("");
    report.line("Cold pages, in the order they ran: " + coldSplits + ". The last warm write: " + split() + ".");
    report.line("");
    report.table(List.of("cold median ms", "cold worst ms", "warm median ms", "warm p90 ms", "warm worst ms", "target",
        "verdict"), List.of(List.of(Report.num(coldMedian, 1), Report.num(coldWorst, 1), Report.num(median, 1),
        Report.num(millis[(int) (MEASURED * 0.9)], 1), Report.num(worst, 1), "< " + Report.num(TARGET_MS, 0) + " ms",
        Report.verdict(coldMedian < TARGET_MS && median < TARGET_MS)
            + (coldWorst < TARGET_MS && worst < TARGET_MS ? "" : " (median; not every write)"))));
    if (beforeClasses != null) {
      double[] sortedBefore = before.clone();
      Arrays.sort(sortedBefore);
      report.line("Before (`-Dbench.before`: the cold page with " + beforeClasses + " ahead of the class path, one such "
          + "JVM beside each of today's, alternating which ran first): " + Arrays.stream(before)
          .mapToObj(ms -> Report.num(ms, 1)).collect(java.util.stream.Collectors.joining(", ")) + " ms; median "
          + Report.num(sortedBefore[COLD_JVMS / 2], 1) + " ms, worst " + Report.num(sortedBefore[COLD_JVMS - 1], 1)
          + " ms; today's median over before's: **" + Report.num(coldMedian / sortedBefore[COLD_JVMS / 2], 2) + "**.");
      report.line("");
    }
    report.line("_Cold: " + coldLoad + ". Warm: " + load.summary() + "._");
    Report.progress("trace page of " + POLLS + " polls: cold median " + Report.num(coldMedian, 1) + " ms, worst "
        + Report.num(coldWorst, 1) + " ms; warm median " + Report.num(median, 1) + " ms, worst " + Report.num(worst, 1) + " ms");
  }

  /** One fresh JVM's {@link #main} line. */
  private static String coldPageInAFreshJvm(Path classesAhead) throws Exception {
    String classpath = (classesAhead == null ? "" : classesAhead + java.io.File.pathSeparator)
        + System.getProperty("java.class.path");
    Process child = new ProcessBuilder(Path.of(System.getProperty("java.home"), "bin", "java").toString(), "-cp",
        classpath, TraceReportBench.class.getName()).redirectErrorStream(true).start();
    String out = new String(child.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
    if (!child.waitFor(120, TimeUnit.SECONDS) || child.exitValue() != 0) {
      throw new IllegalStateException("the cold page's JVM failed: " + out);
    }
    return out.lines().filter(line -> line.startsWith("cold ")).findFirst()
        .orElseThrow(() -> new IllegalStateException("the cold page's JVM printed no time: " + out));
  }

  /** The last write's split, for the report. */
  private static String split() {
    return "judged " + Report.num(lastSplit[0] / 1e6, 1) + " ms, drawn " + Report.num(lastSplit[1] / 1e6, 1)
        + " ms, written " + Report.num(lastSplit[2] / 1e6, 1) + " ms";
  }

  /**
   * The first page of a fresh JVM: serves a client's polls first (as a test's server does before
   * its report), builds the state, then times one write and prints {@code cold <ms> <judged ms>
   * <drawn ms> <written ms> <this JVM's CPU ns>}. Run by {@link #coldPageInAFreshJvm} in a JVM of its own per sample.
   */
  public static void main(String[] args) throws Exception {
    servedAClient();
    State state = state();
    Path dir = Files.createTempDirectory("opstub-trace-cold");
    long t0 = System.nanoTime();
    write(state, dir);
    double took = (System.nanoTime() - t0) / 1e6;
    long cpu = ((com.sun.management.OperatingSystemMXBean) java.lang.management.ManagementFactory.getOperatingSystemMXBean())
        .getProcessCpuTime(); // the whole JVM's, start-up and server included: for the machine-load line
    System.out.println("cold " + took + " " + lastSplit[0] / 1e6 + " " + lastSplit[1] / 1e6 + " " + lastSplit[2] / 1e6
        + " " + cpu);
    for (String file : new String[] {"pollsAThousandTimes.html", "index.html"}) {
      Files.deleteIfExists(dir.resolve(file));
    }
    Files.delete(dir);
  }

  /** What a test does before its report: a server with the pack answers a client's polls. */
  private static void servedAClient() throws Exception {
    Path root = BenchServers.rootWithTemplate();
    WireMockServer server = BenchServers.start(root, new OpStubExtensions());
    try {
      server.stubFor(BenchServers.opStubPoll());
      HttpClient client = HttpClient.newHttpClient();
      String[] key = BenchServers.KEY_HEADER.split(": ");
      for (int i = 0; i < 3; i++) {
        HttpResponse<String> answer = client.send(HttpRequest.newBuilder(URI.create("http://127.0.0.1:" + server.port()
            + BenchServers.PATH_PREFIX + BenchServers.faceId(1))).header(key[0], key[1]).build(),
            HttpResponse.BodyHandlers.ofString());
        if (answer.statusCode() != 200) {
          throw new IllegalStateException("the stub answered " + answer.statusCode() + ": " + answer.body());
        }
      }
    } finally {
      server.stop();
      BenchServers.deleteTree(root);
    }
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
    lastSplit[0] = t1 - t0;
    lastSplit[1] = t2 - t1;
    lastSplit[2] = System.nanoTime() - t2;
    Files.writeString(dir.resolve("index.html"), ReportPages.classPage("dev.opstub.bench.Bench", "../index.html",
        List.of(new ReportPages.TestEntry("pollsAThousandTimes.html", "pollsAThousandTimes()", "passed", 1, POLLS,
            traces.get(0).violations()))), StandardCharsets.UTF_8);
    return page.length();
  }

  /** One Face operation polled {@value #POLLS} times, 50 ms apart, with a 429 halfway. */
  private static State state() {
    State state = new InMemoryState(10);
    Dialect face = Apis.builtIn().byName("face").orElseThrow();
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
