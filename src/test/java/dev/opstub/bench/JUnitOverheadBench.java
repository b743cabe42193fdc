package dev.opstub.bench;

import static org.junit.platform.engine.discovery.DiscoverySelectors.selectClass;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import org.junit.platform.engine.TestExecutionResult;
import org.junit.platform.launcher.Launcher;
import org.junit.platform.launcher.LauncherDiscoveryRequest;
import org.junit.platform.launcher.TestExecutionListener;
import org.junit.platform.launcher.TestIdentifier;
import org.junit.platform.launcher.core.LauncherDiscoveryRequestBuilder;
import org.junit.platform.launcher.core.LauncherFactory;
import org.junit.platform.launcher.listeners.SummaryGeneratingListener;
import org.junit.platform.launcher.listeners.TestExecutionSummary;

/**
 * Benchmark 3: {@link OpStubJUnitSuite} ({@code @OperationStub}) vs {@link PlainWireMockJUnitSuite}
 * ({@code WireMockExtension} and hand-written scenario stubs), 200 test invocations each, run
 * through the JUnit Platform launcher in this JVM: warm-up runs, then alternating repetitions.
 */
final class JUnitOverheadBench {
  private JUnitOverheadBench() {}

  private record Run(long totalNanos, long tests, long[] perTestNanos) {}

  /** Times each test invocation from its start to its finish (callbacks of the extensions included). */
  private static final class Timing implements TestExecutionListener {
    private final Map<String, Long> started = new ConcurrentHashMap<>();
    private final List<Long> durations = new ArrayList<>();

    @Override
    public void executionStarted(TestIdentifier test) {
      if (test.isTest()) {
        started.put(test.getUniqueId(), System.nanoTime());
      }
    }

    @Override
    public synchronized void executionFinished(TestIdentifier test, TestExecutionResult result) {
      Long start = started.remove(test.getUniqueId());
      if (test.isTest() && start != null) {
        durations.add(System.nanoTime() - start);
      }
    }
  }

  private static Run runSuite(Launcher launcher, Class<?> suite) {
    LauncherDiscoveryRequest request = LauncherDiscoveryRequestBuilder.request().selectors(selectClass(suite)).build();
    SummaryGeneratingListener summary = new SummaryGeneratingListener();
    Timing timing = new Timing();
    long t0 = System.nanoTime();
    launcher.execute(request, summary, timing);
    long total = System.nanoTime() - t0;
    TestExecutionSummary s = summary.getSummary();
    long expected = (long) SuitePolls.METHODS * SuitePolls.REPETITIONS;
    if (s.getTotalFailureCount() > 0 || s.getTestsSucceededCount() != expected) {
      StringBuilder why = new StringBuilder();
      s.getFailures().stream().limit(3).forEach(f -> why.append("\n  ").append(f.getTestIdentifier().getDisplayName())
          .append(": ").append(f.getException()));
      throw new IllegalStateException(suite.getSimpleName() + ": " + s.getTestsSucceededCount() + " of " + expected
          + " tests passed, " + s.getTotalFailureCount() + " failed" + why);
    }
    return new Run(total, s.getTestsSucceededCount(), timing.durations.stream().mapToLong(Long::longValue).sorted().toArray());
  }

  static void run(BenchConfig config, Report report) {
    report.heading("3. JUnit overhead: @OperationStub vs WireMockExtension with hand-written stubs");
    Launcher launcher = LauncherFactory.create();
    Report.progress("benchmark 3: warm-up runs of both suites");
    for (int i = 0; i < 2; i++) {
      runSuite(launcher, OpStubJUnitSuite.class);
      runSuite(launcher, PlainWireMockJUnitSuite.class);
    }
    List<Run> opstub = new ArrayList<>();
    List<Run> plain = new ArrayList<>();
    for (int rep = 0; rep < config.junitReps(); rep++) {
      Report.progress("benchmark 3: repetition " + (rep + 1) + " of " + config.junitReps());
      opstub.add(runSuite(launcher, OpStubJUnitSuite.class));
      plain.add(runSuite(launcher, PlainWireMockJUnitSuite.class));
    }
    long n = opstub.get(0).tests();
    List<List<String>> rows = new ArrayList<>();
    List<Double> overheads = new ArrayList<>();
    for (int rep = 0; rep < opstub.size(); rep++) {
      Run o = opstub.get(rep);
      Run p = plain.get(rep);
      double overhead = (o.totalNanos() - p.totalNanos()) / 1e6 / n;
      overheads.add(overhead);
      rows.add(List.of(Integer.toString(rep + 1), Report.num(o.totalNanos() / 1e6, 0), Report.num(p.totalNanos() / 1e6, 0),
          Report.num(overhead, 3), Report.num(median(o.perTestNanos()) / 1e6, 3),
          Report.num(median(p.perTestNanos()) / 1e6, 3)));
    }
    double meanO = opstub.stream().mapToLong(Run::totalNanos).average().orElse(0) / 1e6;
    double meanP = plain.stream().mapToLong(Run::totalNanos).average().orElse(0) / 1e6;
    double overhead = (meanO - meanP) / n;
    rows.add(List.of("mean", Report.num(meanO, 0), Report.num(meanP, 0), Report.num(overhead, 3),
        Report.num(opstub.stream().mapToDouble(r -> median(r.perTestNanos())).average().orElse(0) / 1e6, 3),
        Report.num(plain.stream().mapToDouble(r -> median(r.perTestNanos())).average().orElse(0) / 1e6, 3)));
    report.line(n + " test invocations per suite (" + SuitePolls.METHODS + " methods x `@RepeatedTest("
        + SuitePolls.REPETITIONS + ")`), each polling its operation 3 times over HTTP; run with the JUnit "
        + "Platform launcher in the benchmark's JVM, 2 warm-up runs of each suite, then " + config.junitReps()
        + " alternating repetitions. A suite's total includes starting and stopping its server.");
    report.line("");
    report.table(List.of("repetition", "@OperationStub suite ms", "WireMockExtension suite ms",
        "overhead ms / method ((total A − total B) / " + n + ")", "median test ms, @OperationStub",
        "median test ms, WireMockExtension"), rows);
    double[] sorted = overheads.stream().mapToDouble(d -> d).sorted().toArray();
    report.line("Target (issue 13): at most 1 ms a method: " + Report.num(overhead, 3) + " ms (from the mean totals; median of the "
        + "repetitions " + Report.num(sorted[sorted.length / 2], 3) + ", range " + Report.num(sorted[0], 3) + " – "
        + Report.num(sorted[sorted.length - 1], 3) + ") — " + Report.verdict(overhead <= 1) + ".");
  }

  /** Benchmark 4's recording of the {@code @OperationStub} suite: three runs after a warm-up run. */
  static void profile(BenchConfig config, Report report) throws Exception {
    Report.progress("benchmark 4: JFR recording of the @OperationStub suite");
    Launcher launcher = LauncherFactory.create();
    runSuite(launcher, OpStubJUnitSuite.class);
    HotPathProfile.runJUnit(config, report, () -> {
      long tests = 0;
      for (int i = 0; i < 3; i++) {
        tests += runSuite(launcher, OpStubJUnitSuite.class).tests();
      }
      return tests;
    });
  }

  private static double median(long[] sorted) {
    return sorted.length == 0 ? 0 : sorted[sorted.length / 2];
  }
}
