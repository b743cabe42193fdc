package dev.opstub.bench;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeSet;
import java.util.regex.Matcher;
import jdk.jfr.Recording;
import jdk.jfr.consumer.RecordedEvent;
import jdk.jfr.consumer.RecordedFrame;
import jdk.jfr.consumer.RecordedStackTrace;
import jdk.jfr.consumer.RecordedThread;
import jdk.jfr.consumer.RecordingFile;

/**
 * Benchmark 4: JFR recordings ({@code jdk.ExecutionSample} every 2 ms) of one extra round of case A
 * and one of case B, summarised by layer (which library the CPU time is in) per 1,000 requests, so
 * the two can be compared, and by the hottest methods; optionally one of the {@code @OperationStub}
 * JUnit suite. The recordings stay in {@code target/bench/*.jfr} for {@code jfr print --events
 * jdk.ExecutionSample}.
 */
final class HotPathProfile {
  private HotPathProfile() {}

  /** Layers by class-name prefix; a sample's "self" layer is that of its innermost frame in a known layer. */
  private static final Map<String, String> LAYERS = new LinkedHashMap<>();
  private static final String CLIENT = "load generator threads (incl. their socket I/O)";

  static {
    LAYERS.put("dev.opstub.internal.timeline.", "OpStub timeline store + Operation");
    LAYERS.put("dev.opstub.internal.state.", "OpStub poll journal");
    LAYERS.put("dev.opstub.bench.", "benchmark code");
    LAYERS.put("dev.opstub.", "OpStub transformer / Face API / JUnit extension");
    LAYERS.put("com.github.benmanes.caffeine.", "Caffeine");
    LAYERS.put("com.github.jknack.handlebars.", "Handlebars templating");
    LAYERS.put("com.github.tomakehurst.wiremock.", "WireMock");
    LAYERS.put("org.wiremock.", "WireMock");
    LAYERS.put("com.fasterxml.jackson.", "Jackson");
    LAYERS.put("org.eclipse.jetty.", "Jetty");
    LAYERS.put("org.apache.hc.", "Apache HttpClient (WireMock's admin client)");
    LAYERS.put("org.junit.", "JUnit");
    LAYERS.put("jdk.internal.net.http.", "JDK HttpClient");
    LAYERS.put("sun.nio.", "JDK NIO / sockets");
    LAYERS.put("java.net.", "JDK NIO / sockets");
    LAYERS.put("sun.net.", "JDK NIO / sockets");
    LAYERS.put("java.util.regex.", "regex");
  }

  /** What one recording saw. */
  private record Profile(String label, long requests, double throughput, int samples, int gcs, double gcPauseMs,
      Map<String, Integer> selfByLayer, Map<String, Integer> selfByMethod, Map<String, Integer> inclusive,
      int outsideTransformer) {

    /** Inclusive samples of the OpStub methods (not the benchmark's). */
    Map<String, Integer> inclusiveOpStub() {
      Map<String, Integer> opstub = new HashMap<>();
      inclusive.forEach((method, count) -> {
        if (method.startsWith("dev.opstub.") && !method.startsWith("dev.opstub.bench.")) {
          opstub.put(method, count);
        }
      });
      return opstub;
    }
  }

  /** Methods whose inclusive share answers "what does a poll / a test spend its time on". */
  private static final Map<String, String> PROBES = new LinkedHashMap<>();

  static {
    PROBES.put("dev.opstub.internal.wiremock.HandlerTransformer.transform", "the whole OpStub transformer");
    PROBES.put("com.github.tomakehurst.wiremock.extension.responsetemplating.TemplateEngine.buildModelForRequest",
        "WireMock's request model for the template");
    PROBES.put("com.github.tomakehurst.wiremock.extension.responsetemplating.HandlebarsOptimizedTemplate.apply",
        "rendering the Handlebars body template");
    PROBES.put("com.github.jknack.handlebars.Handlebars.compileInline", "compiling the body template");
    PROBES.put("dev.opstub.internal.wiremock.BodyTemplates.fromFiles", "reading the template from __files");
    PROBES.put("dev.opstub.internal.timeline.TimelineParser.parseAny", "parsing the mapping's timeline");
    PROBES.put("dev.opstub.internal.timeline.OperationStore.getOrCreate", "store look-up (Caffeine)");
    PROBES.put("dev.opstub.internal.timeline.Operation.poll", "Operation.poll");
    PROBES.put("dev.opstub.internal.face.FaceOperations.timestamp", "formatting the three timestamps");
    PROBES.put("dev.opstub.internal.state.PollJournal.record", "recording the poll in the journal");
    PROBES.put("dev.opstub.junit.StubServer.install", "installing a test's stubs (admin HTTP calls)");
    PROBES.put("dev.opstub.junit.StubServer.take", "resetting the server for a test");
    PROBES.put("com.github.tomakehurst.wiremock.client.WireMock.register", "WireMock client: register a stub");
  }

  interface Action {
    long run() throws Exception;
  }

  /**
   * Starts JFR and stops it again. The first recording of a JVM sets JFR up, which sent every
   * later round of case A (already compiled) back to a fraction of its speed for many seconds;
   * done at the start, before any warm-up, it costs the measured rounds nothing.
   */
  static void initialiseJfr() {
    try (Recording recording = new Recording()) {
      recording.enable("jdk.ExecutionSample").withPeriod(Duration.ofMillis(20));
      recording.start();
      recording.stop();
    }
  }

  static void run(PollCostBench bench, BenchConfig config, Report report) throws Exception {
    report.heading("4. Profile of the hot path (JFR execution samples)");
    Report.progress("benchmark 4: JFR recordings of cases A and B");
    // Warm the new servers (and the code, when benchmark 1 did not run first).
    for (int i = 0; i < (config.runs(1) ? 1 : config.warmupRounds()); i++) {
      bench.round(PollCostBench.A, LoadGenerator.Client.RAW_SOCKET, config.roundLength());
      bench.round(PollCostBench.B, LoadGenerator.Client.RAW_SOCKET, config.roundLength());
    }
    LoadGenerator.Result unprofiled = bench.round(PollCostBench.A, LoadGenerator.Client.RAW_SOCKET, config.profileLength());
    double[] throughput = new double[2];
    Profile a = record(config, "case-a.jfr", "A", () -> {
      LoadGenerator.Result r = bench.round(PollCostBench.A, LoadGenerator.Client.RAW_SOCKET, config.profileLength());
      throughput[0] = r.throughput();
      return r.requests();
    }, throughput, 0);
    Profile b = record(config, "case-b.jfr", "B", () -> {
      LoadGenerator.Result r = bench.round(PollCostBench.B, LoadGenerator.Client.RAW_SOCKET, config.profileLength());
      throughput[1] = r.throughput();
      return r.requests();
    }, throughput, 1);
    report.line("One round of " + config.profileLength().toMillis() + " ms each of case A and case B, "
        + config.threads() + " client threads, the load generator in the same JVM. A: " + Report.num(a.throughput(), 0)
        + " req/s while recording (" + Report.num(unprofiled.throughput(), 0) + " req/s in a round without the "
        + "recording just before), " + a.samples() + " samples, " + a.gcs() + " GCs with " + Report.num(a.gcPauseMs(), 1)
        + " ms of pauses; B: " + Report.num(b.throughput(), 0) + " req/s, " + b.samples() + " samples, " + b.gcs()
        + " GCs with " + Report.num(b.gcPauseMs(), 1) + " ms of pauses. Recordings: `" + config.out().resolve("case-a.jfr")
        + "`, `" + config.out().resolve("case-b.jfr") + "`.");
    report.line("");
    report.line("Self time by layer (a sample goes to the innermost frame that belongs to a known layer; "
        + "samples per 1,000 requests compare the two cases' CPU cost per request):");
    report.line("");
    Set<String> layers = new TreeSet<>(a.selfByLayer().keySet());
    layers.addAll(b.selfByLayer().keySet());
    List<List<String>> rows = new ArrayList<>();
    layers.stream().sorted((x, y) -> Integer.compare(a.selfByLayer().getOrDefault(y, 0), a.selfByLayer().getOrDefault(x, 0)))
        .forEach(layer -> rows.add(List.of(layer,
            share(a.selfByLayer().getOrDefault(layer, 0), a.samples()), perThousand(a.selfByLayer().getOrDefault(layer, 0), a),
            share(b.selfByLayer().getOrDefault(layer, 0), b.samples()), perThousand(b.selfByLayer().getOrDefault(layer, 0), b))));
    rows.add(List.of("**all**", "100 %", perThousand(a.samples(), a), "100 %", perThousand(b.samples(), b)));
    report.table(List.of("layer", "A share", "A samples / 1k req", "B share", "B samples / 1k req"), rows);
    report.line("Server-side samples of case A outside the OpStub transformer: " + perThousand(a.outsideTransformer(), a)
        + " per 1k requests, against " + perThousand(b.outsideTransformer(), b) + " for all of case B's server side.");
    report.line("");
    report.line("Case A, inclusive samples of the steps of a poll:");
    report.line("");
    details(report, a, "Case A, top", 15);
  }

  /** The probes' table, the top self methods and the top OpStub methods by inclusive samples. */
  private static void details(Report report, Profile p, String prefix, int opStubLimit) {
    report.table(List.of("method", "what", "samples", "share", "samples / 1k req"), probes(p));
    report.line(prefix + " 15 methods by self samples:");
    report.line("");
    report.table(List.of("method", "samples", "share"), top(p.selfByMethod(), p.samples(), 15));
    report.line(prefix + " " + opStubLimit + " OpStub methods by inclusive samples (the time spent in them and what they call):");
    report.line("");
    report.table(List.of("method", "samples", "share"), top(p.inclusiveOpStub(), p.samples(), opStubLimit));
  }

  /** A recording of the {@code @OperationStub} suite, run {@code runs} times. */
  static void runJUnit(BenchConfig config, Report report, Action suiteRuns) throws Exception {
    Profile p = record(config, "junit-opstub-suite.jfr", "@OperationStub suite", suiteRuns, null, 0);
    report.line("");
    report.line("Profile of the `@OperationStub` suite (" + p.requests() + " test invocations, " + p.samples()
        + " samples; `" + config.out().resolve("junit-opstub-suite.jfr") + "`), self time by layer:");
    report.line("");
    report.table(List.of("layer", "samples", "share"), top(p.selfByLayer(), p.samples(), 15));
    report.line("Inclusive samples of the steps of a test:");
    report.line("");
    report.table(List.of("method", "what", "samples", "share", "samples / 1k tests"), probes(p));
    report.line("Top 15 OpStub methods by inclusive samples:");
    report.line("");
    report.table(List.of("method", "samples", "share"), top(p.inclusiveOpStub(), p.samples(), 15));
  }

  /**
   * A recording the standalone server (a child JVM) made of one case's round: its self time by
   * layer, the steps of a poll and the top methods, per 1,000 requests of that round.
   */
  static void standalone(Path file, String label, long requests, double throughput, Report report) throws IOException {
    Profile p = read(file, label, requests, throughput);
    report.line("");
    report.line("Profile of the standalone server, " + label + " (" + requests + " requests at "
        + Report.num(throughput, 0) + " req/s, " + p.samples() + " samples, " + p.gcs() + " GCs with "
        + Report.num(p.gcPauseMs(), 1) + " ms of pauses; `" + file + "`), self time by layer:");
    report.line("");
    List<List<String>> rows = new ArrayList<>();
    p.selfByLayer().entrySet().stream().sorted(Map.Entry.<String, Integer>comparingByValue().reversed())
        .forEach(e -> rows.add(List.of(e.getKey(), share(e.getValue(), p.samples()), perThousand(e.getValue(), p))));
    rows.add(List.of("**all**", "100 %", perThousand(p.samples(), p)));
    report.table(List.of("layer", "share", "samples / 1k req"), rows);
    details(report, p, "Top", 10);
  }

  private static List<List<String>> probes(Profile profile) {
    List<List<String>> rows = new ArrayList<>();
    PROBES.forEach((method, what) -> {
      int count = profile.inclusive().getOrDefault(method, 0);
      if (count > 0) {
        rows.add(List.of("`" + method.substring(method.lastIndexOf('.', method.lastIndexOf('.') - 1) + 1) + "`", what,
            Integer.toString(count), share(count, profile.samples()), perThousand(count, profile)));
      }
    });
    return rows;
  }

  private static Profile record(BenchConfig config, String fileName, String label, Action action, double[] throughput,
      int index) throws Exception {
    Path file = config.out().toAbsolutePath().resolve(fileName);
    Files.createDirectories(file.getParent());
    long requests;
    try (Recording recording = new Recording()) {
      recording.enable("jdk.ExecutionSample").withPeriod(Duration.ofMillis(2));
      recording.enable("jdk.GarbageCollection");
      recording.start();
      requests = action.run();
      recording.stop();
      recording.dump(file);
    }
    return read(file, label, requests, throughput == null ? 0 : throughput[index]);
  }

  /** Reads a recording: self samples by layer and method, inclusive samples by method, GCs. */
  private static Profile read(Path file, String label, long requests, double throughput) throws IOException {
    Map<String, Integer> selfByMethod = new HashMap<>();
    Map<String, Integer> selfByLayer = new HashMap<>();
    Map<String, Integer> inclusive = new HashMap<>();
    int samples = 0;
    int outside = 0;
    long gcPauseNanos = 0;
    int gcs = 0;
    for (RecordedEvent event : RecordingFile.readAllEvents(file)) {
      if (event.getEventType().getName().equals("jdk.GarbageCollection")) {
        gcs++;
        gcPauseNanos += event.getDuration("sumOfPauses").toNanos();
        continue;
      }
      RecordedStackTrace stack = event.getEventType().getName().equals("jdk.ExecutionSample") ? event.getStackTrace() : null;
      if (stack == null || stack.getFrames().isEmpty()) {
        continue;
      }
      samples++;
      List<RecordedFrame> frames = stack.getFrames();
      selfByMethod.merge(name(frames.get(0)), 1, Integer::sum);
      RecordedThread thread = event.getThread("sampledThread");
      boolean client = thread != null && thread.getJavaName() != null && thread.getJavaName().startsWith("bench-client");
      String selfLayer = client ? CLIENT : "JDK / other";
      if (!client) {
        for (RecordedFrame frame : frames) {
          String layer = layer(frame);
          if (layer != null) {
            selfLayer = layer;
            break;
          }
        }
      }
      selfByLayer.merge(selfLayer, 1, Integer::sum);
      Set<String> methods = new HashSet<>();
      if (!client) {
        for (RecordedFrame frame : frames) {
          methods.add(name(frame));
        }
        if (!methods.contains("dev.opstub.internal.wiremock.HandlerTransformer.transform")) {
          outside++;
        }
      }
      methods.forEach(m -> inclusive.merge(m, 1, Integer::sum));
    }
    return new Profile(label, requests, throughput, samples, gcs, gcPauseNanos / 1e6,
        selfByLayer, selfByMethod, inclusive, outside);
  }

  private static String layer(RecordedFrame frame) {
    // The standalone jar relocates its libraries under "wiremock." (wiremock.org.eclipse.jetty...).
    String type = frame.getMethod().getType().getName().replaceFirst("^wiremock\\.(?=[a-z]+\\.)", "");
    for (Map.Entry<String, String> layer : LAYERS.entrySet()) {
      if (type.startsWith(layer.getKey())) {
        return layer.getValue();
      }
    }
    return null;
  }

  private static String name(RecordedFrame frame) {
    return frame.getMethod().getType().getName() + "." + frame.getMethod().getName();
  }

  private static String share(int count, int total) {
    return Report.num(100.0 * count / Math.max(1, total), 1) + " %";
  }

  private static String perThousand(int count, Profile profile) {
    return Report.num(1000.0 * count / Math.max(1, profile.requests()), 1);
  }

  private static List<List<String>> top(Map<String, Integer> counts, int total, int limit) {
    List<List<String>> rows = new ArrayList<>();
    counts.entrySet().stream().sorted(Map.Entry.<String, Integer>comparingByValue().reversed()).limit(limit)
        .forEach(e -> rows.add(List.of("`" + e.getKey().replaceAll("\\$\\$Lambda\\$[^.]*", Matcher.quoteReplacement("$$Lambda")) + "`",
            Integer.toString(e.getValue()), share(e.getValue(), total))));
    return rows;
  }
}
