package dev.opstub.bench;

import java.lang.management.ManagementFactory;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.stream.Collectors;

/**
 * The benchmarks of issue 8, in one program: {@code mvn -B -Pbench test-compile exec:exec}.
 *
 * <ol>
 *   <li>poll cost of an OpStub timeline poll vs a static stub vs WireMock scenarios;
 *   <li>poll latency and retained heap with 1 to 1M live operations;
 *   <li>per-test overhead of {@code @OperationStub} vs plain {@code WireMockExtension};
 *   <li>a JFR profile of case A;
 *   <li>(6) a bounded soak of the README's run command: its heap under action POSTs (issue 12;
 *       numbered 6 because main's benchmark 5 is the Redis state backend's);
 *   <li>(7) issue 13 on the standalone jar in a child JVM: static stub vs the shipped timeline vs
 *       scenarios vs a live mix, with the server's CPU per request;
 *   <li>(8) issue 29: {@code dev.opstub.Import} on a generated 1 MB spec with 50 long-running
 *       operations, in a JVM of its own on the standalone class path ({@code mvn -B -q package
 *       -DskipTests} first);
 *   <li>(9) issue 31: the trace page of a test with 1,000 polls, judged, drawn and written.
 * </ol>
 *
 * <p>Prints Markdown tables and writes them to {@code target/bench/results.md}. Sizes come from
 * system properties ({@link BenchConfig}). All load goes to 127.0.0.1 and every round is bounded in
 * time and in requests.
 */
public final class BenchMain {
  private BenchMain() {}

  public static void main(String[] args) throws Exception {
    if (args.length > 0 && (args[0].equals("--help") || args[0].equals("-h"))) {
      System.out.println("""
          usage: mvn -B -Pbench test-compile exec:exec [-Dbench.<property>=<value> ...]
          properties (defaults): bench.threads=4 bench.round.ms=3000 bench.warmup.rounds=6 bench.rounds=5
            bench.max.requests=500000 bench.live.sizes=1,10000,100000,1000000 bench.scale.round.ms=3000
            bench.junit.reps=5 bench.profile.ms=8000 bench.soak.rounds=6 bench.soak.round.ms=15000
            bench.soak.warmup.requests=120000 bench.only=1,2,3,4,5,6,7,8 bench.out=target/bench""");
      return;
    }
    BenchConfig config = BenchConfig.fromSystemProperties();
    Report report = new Report();
    report.line("# OpStub benchmark results");
    report.line("");
    report.line("Run " + Instant.now() + "; JVM " + System.getProperty("java.vm.name") + " "
        + System.getProperty("java.runtime.version") + ", " + Runtime.getRuntime().availableProcessors()
        + " CPUs, max heap " + Runtime.getRuntime().maxMemory() / (1024 * 1024) + " MiB, flags "
        + ManagementFactory.getRuntimeMXBean().getInputArguments());
    report.line("Settings: " + config.threads() + " client threads, rounds of " + config.roundLength().toMillis()
        + " ms (at most " + config.maxRequestsPerRound() + " requests), " + config.warmupRounds()
        + " warm-up + " + config.rounds() + " measured rounds per case.");
    long t0 = System.nanoTime();
    if (config.runs(4)) {
      HotPathProfile.initialiseJfr();
    }
    MachineLoad whole = new MachineLoad();
    if (config.runs(1)) {
      MachineLoad load = new MachineLoad();
      try (PollCostBench bench = new PollCostBench(config)) {
        pollCost(bench, config, report);
      }
      report.line("");
      report.line("_" + load.summary() + "._");
    }
    if (config.runs(2)) {
      MachineLoad load = new MachineLoad();
      LiveOperationsBench.run(config, report);
      report.line("");
      report.line("_" + load.summary() + "._");
    }
    if (config.runs(3)) {
      MachineLoad load = new MachineLoad();
      JUnitOverheadBench.run(config, report);
      report.line("");
      report.line("_" + load.summary() + "._");
    }
    if (config.runs(5)) {
      MachineLoad load = new MachineLoad();
      RedisBench.run(config, report);
      report.line("");
      report.line("_" + load.summary() + "._");
    }
    if (config.runs(4)) {
      MachineLoad load = new MachineLoad();
      try (PollCostBench bench = new PollCostBench(config)) {
        HotPathProfile.run(bench, config, report);
      }
      JUnitOverheadBench.profile(config, report);
      report.line("");
      report.line("_" + load.summary() + "._");
    }
    if (config.runs(6)) {
      MachineLoad load = new MachineLoad();
      JournalSoakBench.run(config, report);
      report.line("");
      report.line("_" + load.summary() + "._");
    }
    if (config.runs(8)) {
      MachineLoad load = new MachineLoad();
      ImportBench.run(config, report);
      report.line("");
      report.line("_" + load.summary() + "._");
    }
    if (config.runs(9)) {
      TraceReportBench.run(config, report);
    }
    long childCpu = 0;
    if (config.runs(7)) {
      childCpu = StandaloneBench.run(config, report);
    }
    report.line("");
    report.line("Whole run: " + whole.summary(childCpu) + ".");
    report.line("Total run time: " + Duration.ofNanos(System.nanoTime() - t0).toSeconds() + " s.");
    report.writeTo(config.out().resolve("results.md"));
    Report.progress("written " + config.out().resolve("results.md").toAbsolutePath());
  }

  private static void pollCost(PollCostBench bench, BenchConfig config, Report report) throws Exception {
    report.heading("1. Poll cost: OpStub timeline poll vs a static stub vs WireMock scenarios");
    // Which client: the JDK HttpClient or the raw socket client, on case B (the cheapest server side).
    Report.progress("benchmark 1: client calibration");
    List<List<String>> calibration = new ArrayList<>();
    for (LoadGenerator.Client client : LoadGenerator.Client.values()) {
      bench.round(PollCostBench.B, client, config.roundLength());
    }
    for (LoadGenerator.Client client : LoadGenerator.Client.values()) {
      LoadGenerator.Result r = bench.round(PollCostBench.B, client, config.roundLength());
      calibration.add(List.of(client.name(), Report.num(r.throughput(), 0),
          Report.num(r.latencyMicros().getValueAtPercentile(50), 0),
          Report.num(r.latencyMicros().getValueAtPercentile(99), 0),
          Report.num(r.processCpuNanos() / 1000.0 / r.requests(), 1),
          Report.num(r.clientCpuNanos() / 1000.0 / r.requests(), 1)));
    }
    report.line("Load generator on case B, one round each after one warm-up round each:");
    report.line("");
    report.table(List.of("client", "req/s", "p50 µs", "p99 µs", "process CPU µs/req", "client threads' CPU µs/req"),
        calibration);

    Report.progress("benchmark 1: warm-up and measured rounds A B C");
    Map<String, PollCostBench.Totals> totals = bench.run(LoadGenerator.Client.RAW_SOCKET,
        List.of(PollCostBench.A, PollCostBench.B, PollCostBench.C, PollCostBench.T));
    List<List<String>> rows = new ArrayList<>();
    totals.forEach((name, t) -> rows.add(List.of(name, Report.num(t.requests, 0), t.nonOk(),
        Report.num(t.throughput(), 0),
        t.roundThroughputs.stream().map(d -> Report.num(d / 1000, 1)).collect(Collectors.joining(" / ")),
        Report.num(t.latency.getValueAtPercentile(50), 0), Report.num(t.latency.getValueAtPercentile(99), 0),
        Report.num(t.latency.getValueAtPercentile(99.9), 0),
        Report.num(t.processCpuNanos / 1000.0 / t.requests, 1))));
    report.table(List.of("case", "requests", "non-200", "req/s", "each round, k req/s", "p50 µs", "p99 µs",
        "p99.9 µs", "process CPU µs/req"), rows);
    double a = totals.get(PollCostBench.A).throughput();
    double b = totals.get(PollCostBench.B).throughput();
    double c = totals.get(PollCostBench.C).throughput();
    double t = totals.get(PollCostBench.T).throughput();
    report.table(List.of("ratio", "value", "target", "verdict"), List.of(
        List.of("T/B throughput (terminal step vs static)", Report.num(t / b, 2), "≥ 0.90", Report.verdict(t / b >= 0.9)),
        List.of("T/C throughput", Report.num(t / c, 2), "≥ 1.00", Report.verdict(t / c >= 1.0)),
        List.of("A/B throughput (live mix vs static)", Report.num(a / b, 2), "≥ 0.80", Report.verdict(a / b >= 0.8)),
        List.of("A/C throughput", Report.num(a / c, 2), "(information)", ""),
        List.of("A/B p50 latency", Report.num((double) totals.get(PollCostBench.A).latency.getValueAtPercentile(50)
            / totals.get(PollCostBench.B).latency.getValueAtPercentile(50), 2), "(information)", ""),
        List.of("A/C p50 latency", Report.num((double) totals.get(PollCostBench.A).latency.getValueAtPercentile(50)
            / totals.get(PollCostBench.C).latency.getValueAtPercentile(50), 2), "(information)", "")));
    report.line("Live operations in A's store after the rounds: " + bench.liveOperations()
        + " (capacity " + dev.opstub.internal.timeline.OperationStore.DEFAULT_CAPACITY + ", filled before the warm-up).");
  }
}
