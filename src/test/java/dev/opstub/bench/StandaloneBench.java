package dev.opstub.bench;

import java.io.IOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicLong;
import java.util.function.IntFunction;
import java.util.stream.Collectors;
import java.util.stream.Stream;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;

/**
 * Benchmark 7: the issue-13 comparison on the standalone jar. The real {@code target/standalone/*}
 * classpath runs {@code wiremock.Run} in a child JVM over a copy of the shipped {@code mappings/}
 * and {@code __files/}, request journal off; four cases share that one server and alternate:
 *
 * <ul>
 *   <li>S: a static stub (priority 3, {@code urlPath}) returning the seed operation's terminal body;
 *   <li>T: the seed's shipped operation {@code a63a3bdd-...}, polled in its terminal step;
 *   <li>C: the same timeline as three WireMock scenario stubs (priority 3), cycling;
 *   <li>L: the live mix: a user's timeline stub for any id (priority 4), a fresh id every three polls;
 *   <li>A: an Azure LRO status monitor (the shipped Document Intelligence analyze, started once
 *       through its shipped mapping), polled in its terminal step at the URL the client polls (with
 *       {@code ?api-version=...});
 *   <li>Q: the same monitor without the query: what WireMock's handling of a query costs beside A;
 *   <li>Z: A's fair baseline (issue 30): a static stub serving A's terminal body, matched as the
 *       shipped monitor mapping is (its priority and method, its {@code urlPathPattern} with {@code
 *       analyzeResults} spelled {@code static-analyzeResults}), polled at A's URL so spelled, with A's
 *       query. It is loaded from the copy's monitor file, just before the monitor mapping, so
 *       WireMock tries it right after the monitor: A's poll is not matched against Z, and Z's meets
 *       the stubs A's does, and the monitor;
 *   <li>Y: Z without the query, Q's baseline.
 * </ul>
 *
 * <p>The server's CPU per request comes from the child's {@code /proc/<pid>/stat} (utime + stime)
 * read before and after each round.
 *
 * <p>With {@code -Dbench.before=<another checkout, built>} a second server runs that checkout's
 * {@code target/standalone/*} over a copy of its own {@code mappings/} and {@code __files/}, set up
 * alike, and every round of a case runs on both, alternating which goes first: the table "before
 * and after" gives each case's ratio of the two within one run (what a change of the pack costs a
 * poll, whatever the machine's load did meanwhile).
 */
final class StandaloneBench {
  static final String S = "S: static stub, same body";
  static final String T = "T: shipped timeline a63a3bdd (terminal step)";
  static final String C = "C: WireMock scenarios, 3 stubs";
  static final String L = "L: live mix (fresh id every 3 polls)";
  static final String A = "A: Azure monitor, shipped DI analyze (terminal step)";
  static final String Q = "Q: A's monitor without ?api-version";
  static final String Z = "Z: static stub, A's body, monitor-shaped URL and query";
  static final String Y = "Y: Z without the query";
  /** The shipped monitor mapping: Z is written into its copy, just before it. */
  private static final String MONITORS = "mappings/azure/monitors.json";
  private static final String SEED = BenchServers.PATH_PREFIX + "a63a3bdd-a1db-4d05-87b8-dbad6850062a";
  private static final String STATIC_PATH = BenchServers.PATH_PREFIX + "5e000000-0000-4000-8000-000000000001";
  private static final String SCENARIO_PATH = BenchServers.PATH_PREFIX + "5c000000-0000-4000-8000-000000000001";
  private static final long TICK_NANOS = 10_000_000L; // USER_HZ = 100
  /** Jetty's request threads' kind in {@link #serverThreads()}. */
  private static final String REQUEST_THREADS = "qtp-";
  /** The JIT compiler threads' kind ({@code C2 CompilerThread0}, {@code C1 ...}, cut to 15 characters). */
  private static final String COMPILER_THREADS = "C CompilerThre";
  /** A warm-up round whose server compiled less than this per request counts as settled. */
  private static final double SETTLED_COMPILER_MICROS = 2.0;

  private final BenchConfig config;
  private final Process server;
  private final int port;
  private final Path log;
  private final Path root;
  private final AtomicLong ids = new AtomicLong(1L << 40);
  /** A's monitor path, handed out by the analyze call {@link #addStubs} makes. */
  private String azureMonitor;
  private String azureContentType;
  private String azureTerminal;
  /** Z's path: A's with {@code analyzeResults} spelled as Z's pattern wants, and A's query. */
  private String staticMonitor;

  private StandaloneBench(BenchConfig config, Process server, int port, Path log, Path root) {
    this.config = config;
    this.server = server;
    this.port = port;
    this.log = log;
    this.root = root;
  }

  /** Runs the benchmark; returns the CPU time the server JVM used. */
  static long run(BenchConfig config, Report report) throws Exception {
    report.heading("7. Standalone jar: timeline poll vs static stub vs scenarios vs live mix");
    Path project = Path.of(System.getProperty("user.dir"));
    Path root = BenchServers.shippedCopy(project, "opstub-bench7");
    String classpath = JournalSoakBench.classpath(project);
    int port = JournalSoakBench.freePort();
    report.line("Command: `java -cp \"" + classpath.replace(project + "/", "") + "\" wiremock.Run --root-dir <copy of "
        + "mappings/ and __files/> --port <free> --bind-address 127.0.0.1 --no-request-journal "
        + "--async-response-enabled true --disable-request-logging` (the README's flags, journal off). Every shipped mapping is loaded; the "
        + "benchmark adds S's, C's and L's stubs through `/__admin/mappings`; Z's stub is loaded from the copy's `"
        + MONITORS + "`, just before the monitor mapping (the server is started again with it, once A's terminal "
        + "body is known). " + config.threads()
        + " client threads (raw socket, keep-alive), " + config.warmupRounds() + " warm-up and " + config.rounds()
        + " measured rounds of " + config.roundLength().toMillis() + " ms per case, alternating "
        + String.join(" ", caseLetters()) + ".");
    report.line("");
    String beforeProject = System.getProperty("bench.before", "");
    StandaloneBench bench = startWithStubs(config, classpath, root);
    StandaloneBench before = null;
    try {
      if (!beforeProject.isEmpty()) {
        Path old = Path.of(beforeProject).toAbsolutePath();
        String oldClasspath = JournalSoakBench.classpath(old);
        if (!oldClasspath.startsWith(old.toString())) {
          throw new IllegalStateException("bench.before: build " + old + " first (mvn -B -q package -DskipTests)");
        }
        report.line("Before: `java -cp \"" + oldClasspath + "\" wiremock.Run` with the same flags over a copy of that "
            + "checkout's `mappings/` and `__files/`, its stubs added alike; every round of a case runs on both servers, "
            + "alternating which goes first.");
        report.line("");
        before = startWithStubs(config, oldClasspath, BenchServers.shippedCopy(old, "opstub-bench7-before"));
      }
      bench.measure(report, before);
      return bench.serverCpuNanos() + (before == null ? 0 : before.serverCpuNanos());
    } finally {
      bench.stop(true);
      if (before != null) {
        before.stop(true);
      }
    }
  }

  /** A server of {@code classpath} over {@code root}, with the cases' stubs (and Z's, when it runs). */
  private static StandaloneBench startWithStubs(BenchConfig config, String classpath, Path root) throws Exception {
    int port = JournalSoakBench.freePort();
    StandaloneBench bench = start(config, command(classpath, root, port), port, root);
    try {
      bench.addStubs();
      if (caseLetters().contains("Z") || caseLetters().contains("Y")) {
        // Z's body is A's, known now: the server starts again with Z beside the monitor mapping.
        bench.stop(false);
        staticMonitorBehindTheMonitor(root, bench.azureTerminal, bench.azureContentType);
        port = JournalSoakBench.freePort();
        bench = start(config, command(classpath, root, port), port, root);
        bench.addStubs();
        bench.staticMonitor = bench.azureMonitor.replaceFirst("/analyzeResults/", "/static-analyzeResults/");
      }
      return bench;
    } catch (Exception | Error e) {
      bench.stop(true);
      throw e;
    }
  }

  private static List<String> command(String classpath, Path root, int port) {
    return List.of(Path.of(System.getProperty("java.home"), "bin", "java").toString(), "-cp", classpath,
        "wiremock.Run", "--root-dir", root.toString(), "--port", Integer.toString(port), "--bind-address",
        "127.0.0.1", "--no-request-journal", "--async-response-enabled", "true", "--disable-request-logging");
  }

  /** Starts {@code command}'s server over {@code root} (deleted when it stops) and waits for it. */
  private static StandaloneBench start(BenchConfig config, List<String> command, int port, Path root) throws Exception {
    Path log = Files.createTempFile("opstub-bench7", ".log");
    Process server = new ProcessBuilder(command).redirectErrorStream(true).redirectOutput(log.toFile()).start();
    StandaloneBench bench = new StandaloneBench(config, server, port, log, root);
    try {
      JournalSoakBench.awaitReady(server, port, log);
      if (!config.profileLength().isZero()) {
        // JFR's first recording in a JVM slows compiled code for seconds: set it up before the warm-up.
        jcmd(Long.toString(server.pid()), "JFR.start", "name=init", "settings=profile");
        jcmd(Long.toString(server.pid()), "JFR.stop", "name=init");
      }
      return bench;
    } catch (Exception | Error e) {
      bench.stop(true);
      throw e;
    }
  }

  /** Stops the server; {@code deleteRoot}: and deletes its copy of the mappings. */
  private void stop(boolean deleteRoot) throws Exception {
    server.destroy();
    if (!server.waitFor(10, TimeUnit.SECONDS)) {
      server.destroyForcibly();
    }
    Files.deleteIfExists(log);
    if (deleteRoot) {
      BenchServers.deleteTree(root);
    }
  }

  /**
   * Writes Z's stub into the copy's monitor file, before the monitor mapping: loaded first, it is
   * older, and WireMock tries the newer of two stubs of one priority first. So A's poll meets the
   * monitor before Z, and Z's poll meets every stub A's meets, and the monitor (one rejection,
   * about a microsecond, in Z's disfavour).
   */
  private static void staticMonitorBehindTheMonitor(Path root, String body, String contentType) throws IOException {
    ObjectMapper json = new ObjectMapper();
    ObjectNode monitor = (ObjectNode) json.readTree(root.resolve(MONITORS).toFile());
    ObjectNode z = monitor.deepCopy();
    z.put("name", "benchmark 7's Z: the monitor mapping's request on static-analyzeResults, a static response");
    ObjectNode request = (ObjectNode) z.get("request");
    request.put("urlPathPattern", request.get("urlPathPattern").asText().replace("/analyzeResults/", "/static-analyzeResults/"));
    ObjectNode response = json.createObjectNode().put("status", 200);
    response.putObject("headers").put("Content-Type", contentType);
    response.put("body", body);
    z.set("response", response);
    ObjectNode file = json.createObjectNode();
    file.putArray("mappings").add(z).add(monitor);
    json.writeValue(root.resolve(MONITORS).toFile(), file);
  }

  /**
   * S's, C's and L's stubs, with bodies copied from the server's own answers, and A's operation,
   * started and polled into its terminal step.
   */
  private void addStubs() throws Exception {
    String terminal;
    String running;
    try (RawHttpClient client = new RawHttpClient(port, BenchServers.KEY_HEADER)) {
      for (int i = 0; i < 3; i++) {
        expect200(client.get(SEED), client);
      }
      terminal = client.lastBody();
      post("{\"priority\":4,\"request\":{\"method\":\"GET\",\"urlPathPattern\":\"" + BenchServers.PATH_REGEX.replace("\\", "\\\\")
          + "\"},\"response\":{\"status\":200,\"transformers\":[\"opstub-face-operation\"],\"transformerParameters\":"
          + "{\"timeline\":\"" + BenchServers.TIMELINE + "\",\"resourceLocation\":\"" + BenchServers.RESOURCE_LOCATION + "\"}}}");
      expect200(client.get(BenchServers.PATH_PREFIX + BenchServers.faceId(ids.getAndIncrement())), client);
      running = client.lastBody();
    }
    if (!terminal.contains("\"succeeded\"") || !running.contains("\"running\"")) {
      throw new IllegalStateException("unexpected bodies: " + terminal + " / " + running);
    }
    azureTerminal = startAzureAnalyze();
    post(staticStub(STATIC_PATH, terminal, null, null));
    post(staticStub(SCENARIO_PATH, running, "Started", "running-2"));
    post(staticStub(SCENARIO_PATH, running, "running-2", "succeeded"));
    post(staticStub(SCENARIO_PATH, terminal, "succeeded", "Started"));
  }

  /**
   * Starts one analyze through the shipped mapping and polls its monitor into the terminal step;
   * returns the terminal body (and keeps its {@code Content-Type}).
   */
  private String startAzureAnalyze() throws Exception {
    String base = "http://127.0.0.1:" + port;
    HttpResponse<String> started = HttpClient.newHttpClient().send(HttpRequest.newBuilder(URI.create(base
            + "/documentintelligence/documentModels/prebuilt-read:analyze?api-version=2024-11-30"))
        .timeout(Duration.ofSeconds(30)).POST(HttpRequest.BodyPublishers.ofString("{\"urlSource\":\"https://x/a.pdf\"}"))
        .build(), HttpResponse.BodyHandlers.ofString());
    String monitor = started.headers().firstValue("Operation-Location")
        .orElseThrow(() -> new IllegalStateException("the analyze answered " + started.statusCode() + ": " + started.body()));
    azureMonitor = monitor.substring(base.length());
    try (RawHttpClient client = new RawHttpClient(port, BenchServers.KEY_HEADER)) {
      for (int i = 0; i < 3; i++) {
        expect200(client.get(azureMonitor), client);
      }
      if (!client.lastBody().contains("\"succeeded\"")) {
        throw new IllegalStateException("the analyze did not reach its terminal step: " + client.lastBody());
      }
    }
    HttpResponse<String> terminal = HttpClient.newHttpClient().send(HttpRequest.newBuilder(URI.create(base + azureMonitor))
        .timeout(Duration.ofSeconds(30)).GET().build(), HttpResponse.BodyHandlers.ofString());
    azureContentType = terminal.headers().firstValue("Content-Type").orElseThrow();
    return terminal.body();
  }

  private static String staticStub(String path, String body, String state, String next) {
    String scenario = state == null ? "" : ",\"scenarioName\":\"bench\",\"requiredScenarioState\":\"" + state
        + "\",\"newScenarioState\":\"" + next + "\"";
    return "{\"priority\":3" + scenario + ",\"request\":{\"method\":\"GET\",\"urlPath\":\"" + path + "\"},"
        + "\"response\":{\"status\":200,\"headers\":{\"Content-Type\":\"application/json; charset=utf-8\"},"
        + "\"body\":" + jsonString(body) + "}}";
  }

  private static String jsonString(String text) {
    StringBuilder out = new StringBuilder("\"");
    for (char c : text.toCharArray()) {
      switch (c) {
        case '"' -> out.append("\\\"");
        case '\\' -> out.append("\\\\");
        case '\n' -> out.append("\\n");
        case '\r' -> out.append("\\r");
        default -> out.append(c < 0x20 ? String.format("\\u%04x", (int) c) : String.valueOf(c));
      }
    }
    return out.append('"').toString();
  }

  private void post(String mapping) throws IOException, InterruptedException {
    HttpResponse<String> reply = HttpClient.newHttpClient().send(HttpRequest.newBuilder(
        URI.create("http://127.0.0.1:" + port + "/__admin/mappings")).timeout(Duration.ofSeconds(30))
        .POST(HttpRequest.BodyPublishers.ofString(mapping)).build(), HttpResponse.BodyHandlers.ofString());
    if (reply.statusCode() != 201) {
      throw new IllegalStateException("adding a stub answered " + reply.statusCode() + ": " + reply.body());
    }
  }

  private static void expect200(int status, RawHttpClient client) {
    if (status != 200) {
      throw new IllegalStateException("answered " + status + ": " + client.lastBody());
    }
  }

  private IntFunction<LoadGenerator.Paths> plan(String name) {
    return switch (name) {
      case S -> thread -> () -> STATIC_PATH;
      case T -> thread -> () -> SEED;
      case C -> thread -> () -> SCENARIO_PATH;
      case L -> BenchServers.threePollsPerFreshId(ids);
      case A -> thread -> () -> azureMonitor;
      case Q -> thread -> () -> azureMonitor.replaceFirst("[?].*", "");
      case Z -> thread -> () -> staticMonitor;
      case Y -> thread -> () -> staticMonitor.replaceFirst("[?].*", "");
      default -> throw new IllegalArgumentException(name);
    };
  }

  /** {@code -Dbench.cases=A,Z} runs only those cases (by letter), to iterate on one comparison. */
  private static List<String> caseLetters() {
    return List.of(System.getProperty("bench.cases", "S,T,C,L,A,Q,Z,Y").split(","));
  }

  /** One round of one case, with the server's CPU time over it. */
  private Round round(String name, Duration length) throws Exception {
    Map<String, ThreadCpu> threads0 = serverThreads();
    long cpu0 = serverCpuNanos();
    LoadGenerator.Result r = new LoadGenerator(port, config.threads(), BenchServers.KEY_HEADER)
        .run(length, config.maxRequestsPerRound(), plan(name), LoadGenerator.Client.RAW_SOCKET);
    long cpu = serverCpuNanos() - cpu0;
    Map<String, Long> byKind = new java.util.TreeMap<>();
    serverThreads().forEach((tid, now) -> {
      ThreadCpu before = threads0.get(tid);
      byKind.merge(now.kind(), now.nanos() - (before == null ? 0 : before.nanos()), Long::sum);
    });
    return new Round(r, cpu, byKind);
  }

  /** @param serverCpuByThreadKind the server's CPU time over the round by kind of thread (JFR does not see GC or JIT threads) */
  record Round(LoadGenerator.Result result, long serverCpuNanos, Map<String, Long> serverCpuByThreadKind) {}

  private record ThreadCpu(String kind, long nanos) {}

  /**
   * utime + stime of each of the server's threads ({@code /proc/<pid>/task/<tid>/stat}) by thread
   * id, with its kind: the thread's name without digits ({@code GC Thread#}, {@code C2
   * CompilerThread}, {@code qtp-}: Jetty's request threads). A thread that ends during a round
   * takes its time with it: Jetty retires idle request threads after a minute.
   */
  private Map<String, ThreadCpu> serverThreads() throws IOException {
    Map<String, ThreadCpu> out = new java.util.HashMap<>();
    try (Stream<Path> tasks = Files.list(Path.of("/proc", Long.toString(server.pid()), "task"))) {
      for (Path task : tasks.toList()) {
        String stat;
        try {
          stat = Files.readString(task.resolve("stat"));
        } catch (IOException gone) {
          continue; // the thread ended
        }
        String name = stat.substring(stat.indexOf('(') + 1, stat.lastIndexOf(')')).replaceAll("[0-9]+", "");
        String[] f = stat.substring(stat.lastIndexOf(')') + 2).split(" ");
        out.put(task.getFileName().toString(), new ThreadCpu(name, (Long.parseLong(f[11]) + Long.parseLong(f[12])) * TICK_NANOS));
      }
    }
    return out;
  }

  /** utime + stime of the server JVM, from {@code /proc/<pid>/stat}. */
  long serverCpuNanos() throws IOException {
    if (!server.isAlive()) {
      throw new IllegalStateException("the server exited:\n" + Files.readString(log));
    }
    String stat = Files.readString(Path.of("/proc", Long.toString(server.pid()), "stat"));
    // Fields after the command name (which may hold spaces) start at ") "; utime and stime are 14 and 15.
    String[] f = stat.substring(stat.lastIndexOf(')') + 2).split(" ");
    return (Long.parseLong(f[11]) + Long.parseLong(f[12])) * TICK_NANOS;
  }

  /** @param before the server of {@code -Dbench.before}, or {@code null} */
  private void measure(Report report, StandaloneBench before) throws Exception {
    List<String> letters = caseLetters();
    List<String> cases = Stream.of(S, T, C, L, A, Q, Z, Y).filter(name -> letters.contains(name.substring(0, 1))).toList();
    MachineLoad load = new MachineLoad();
    long serverCpuStart = serverCpuNanos() + (before == null ? 0 : before.serverCpuNanos());
    Report.progress("benchmark 7: warm-up");
    // On a busy machine the JIT is still compiling after the configured warm-up: it goes on, up
    // to three times as long, until the server no longer compiles much in any case's round.
    int warmups = 0;
    boolean settled = false;
    while (warmups < config.warmupRounds() || (!settled && warmups < 3 * config.warmupRounds())) {
      settled = true;
      for (String name : cases) {
        Round round = round(name, config.roundLength());
        long compiling = round.serverCpuByThreadKind().entrySet().stream()
            .filter(kind -> kind.getKey().startsWith(COMPILER_THREADS)).mapToLong(Map.Entry::getValue).sum();
        settled &= compiling / 1000.0 / Math.max(1, round.result().requests()) < SETTLED_COMPILER_MICROS;
        if (before != null) {
          Round old = before.round(name, config.roundLength());
          long oldCompiling = old.serverCpuByThreadKind().entrySet().stream()
              .filter(kind -> kind.getKey().startsWith(COMPILER_THREADS)).mapToLong(Map.Entry::getValue).sum();
          settled &= oldCompiling / 1000.0 / Math.max(1, old.result().requests()) < SETTLED_COMPILER_MICROS;
        }
      }
      warmups++;
    }
    report.line("Warm-up: " + warmups + " rounds per case (at least " + config.warmupRounds() + "; more, up to "
        + 3 * config.warmupRounds() + ", while the server's JIT compiler threads charged "
        + SETTLED_COMPILER_MICROS + " µs per request or more in its round)" + (settled ? "." : ", and still compiling."));
    report.line("");
    Map<String, PollCostBench.Totals> totals = new LinkedHashMap<>();
    Map<String, Long> serverCpu = new LinkedHashMap<>();
    Map<String, Map<String, Long>> byThread = new LinkedHashMap<>();
    Map<String, PollCostBench.Totals> beforeTotals = new LinkedHashMap<>();
    Map<String, Long> beforeCpu = new LinkedHashMap<>();
    cases.forEach(name -> {
      totals.put(name, new PollCostBench.Totals());
      serverCpu.put(name, 0L);
      beforeTotals.put(name, new PollCostBench.Totals());
      beforeCpu.put(name, 0L);
    });
    for (int r = 0; r < config.rounds(); r++) {
      Report.progress("benchmark 7: round " + (r + 1) + "/" + config.rounds());
      for (String name : cases) {
        if (before != null && r % 2 == 1) {
          before.roundInto(name, beforeTotals, beforeCpu);
        }
        Round round = round(name, config.roundLength());
        totals.get(name).add(round.result());
        serverCpu.merge(name, round.serverCpuNanos(), Long::sum);
        round.serverCpuByThreadKind().forEach((kind, nanos) ->
            byThread.computeIfAbsent(kind, k -> new LinkedHashMap<>()).merge(name, nanos, Long::sum));
        if (before != null && r % 2 == 0) {
          before.roundInto(name, beforeTotals, beforeCpu);
        }
      }
    }
    List<List<String>> rows = new ArrayList<>();
    totals.forEach((name, t) -> rows.add(List.of(name, Report.num(t.requests, 0), t.nonOk(),
        Report.num(t.throughput(), 0),
        t.roundThroughputs.stream().map(d -> Report.num(d / 1000, 1)).collect(Collectors.joining(" / ")),
        Report.num(t.latency.getValueAtPercentile(50), 0), Report.num(t.latency.getValueAtPercentile(99), 0),
        Report.num(serverCpu.get(name) / 1000.0 / t.requests, 1),
        Report.num(t.processCpuNanos / 1000.0 / t.requests, 1))));
    report.table(List.of("case", "requests", "non-200", "req/s", "each round, k req/s", "p50 µs", "p99 µs",
        "server CPU µs/req", "load generator JVM CPU µs/req"), rows);
    Map<String, Double> rate = new LinkedHashMap<>();
    Map<String, Double> cpu = new LinkedHashMap<>();
    Map<String, Double> requestThreadsCpu = new LinkedHashMap<>();
    totals.forEach((name, t) -> {
      rate.put(name.substring(0, 1), t.throughput());
      cpu.put(name.substring(0, 1), serverCpu.get(name) / (double) t.requests);
      requestThreadsCpu.put(name.substring(0, 1),
          byThread.getOrDefault(REQUEST_THREADS, Map.of()).getOrDefault(name, 0L) / (double) t.requests);
    });
    List<List<String>> ratios = new ArrayList<>();
    ratio(ratios, rate, "T/S throughput", "≥ 0.90", r -> r >= 0.9);
    ratio(ratios, rate, "T/C throughput", "≥ 1.00", r -> r >= 1.0);
    ratio(ratios, rate, "L/S throughput", "≥ 0.80", r -> r >= 0.8);
    ratio(ratios, rate, "L/C throughput", "(information)", null);
    ratio(ratios, rate, "A/S throughput", "(information)", null);
    ratio(ratios, rate, "A/T throughput", "≥ 1.00 (issue 20)", r -> r >= 1.0);
    ratio(ratios, cpu, "T/A server CPU per request", "(information)", null);
    ratio(ratios, rate, "Q/T throughput", "(information: A without its query)", null);
    ratio(ratios, cpu, "A/Z server CPU per request", "≤ 1.10 (issue 30)", r -> r <= 1.1);
    ratio(ratios, requestThreadsCpu, "A/Z CPU per request of Jetty's request threads (`qtp-`)",
        "(information: without JIT and GC)", null);
    ratio(ratios, rate, "A/Z throughput", "(information)", null);
    ratio(ratios, cpu, "Q/Y server CPU per request", "(information: A and Z without the query)", null);
    ratio(ratios, rate, "Q/Y throughput", "(information)", null);
    ratio(ratios, cpu, "S/T server CPU per request", "(information)", null);
    ratio(ratios, cpu, "S/L server CPU per request", "(information)", null);
    report.table(List.of("ratio", "value", "target", "verdict"), ratios);
    report.line("Server CPU µs per request by kind of thread (`/proc/<pid>/task`; JFR samples only Java code, "
        + "not GC, JIT or G1's refinement; kinds under 1 µs/req in every case left out):");
    report.line("");
    List<List<String>> kinds = new ArrayList<>();
    byThread.forEach((kind, perCase) -> {
      List<String> row = new ArrayList<>(List.of("`" + kind + "`"));
      totals.forEach((name, t) -> row.add(Report.num(perCase.getOrDefault(name, 0L) / 1000.0 / t.requests, 1)));
      if (totals.keySet().stream().anyMatch(name -> perCase.getOrDefault(name, 0L) / 1000.0 / totals.get(name).requests >= 1)) {
        kinds.add(row);
      }
    });
    List<String> header = new ArrayList<>(List.of("thread kind"));
    totals.keySet().forEach(name -> header.add(name.substring(0, 1)));
    report.table(header, kinds);
    if (before != null) {
      report.line("Before and after (`-Dbench.before`): the same cases on the older checkout's server, in the same "
          + "rounds; a ratio after/before above 1 for CPU (below 1 for throughput) is what the newer pack costs:");
      report.line("");
      List<List<String>> pairs = new ArrayList<>();
      totals.forEach((name, t) -> {
        PollCostBench.Totals old = beforeTotals.get(name);
        double cpuNow = serverCpu.get(name) / 1000.0 / t.requests;
        double cpuBefore = beforeCpu.get(name) / 1000.0 / old.requests;
        pairs.add(List.of(name, Report.num(cpuBefore, 1), Report.num(cpuNow, 1), "**" + Report.num(cpuNow / cpuBefore, 2) + "**",
            Report.num(old.throughput(), 0), Report.num(t.throughput(), 0), Report.num(t.throughput() / old.throughput(), 2),
            old.roundThroughputs.stream().map(d -> Report.num(d / 1000, 1)).collect(Collectors.joining(" / ")),
            t.roundThroughputs.stream().map(d -> Report.num(d / 1000, 1)).collect(Collectors.joining(" / "))));
      });
      report.table(List.of("case", "before: server CPU µs/req", "after", "after/before CPU", "before req/s", "after req/s",
          "after/before throughput", "before, each round, k req/s", "after, each round"), pairs);
    }
    report.line("_" + load.summary(serverCpuNanos() + (before == null ? 0 : before.serverCpuNanos()) - serverCpuStart)
        + "._");
    if (!config.profileLength().isZero()) {
      for (String name : cases) {
        if (List.of(T, S, A, Z).contains(name)) {
          profile(report, name, "case-7" + name.substring(0, 1).toLowerCase(java.util.Locale.ROOT) + ".jfr");
        }
      }
    }
  }

  /** One round of {@code name} on this server, added to {@code totals} and {@code cpu}. */
  private void roundInto(String name, Map<String, PollCostBench.Totals> totals, Map<String, Long> cpu) throws Exception {
    Round round = round(name, config.roundLength());
    totals.get(name).add(round.result());
    cpu.merge(name, round.serverCpuNanos(), Long::sum);
  }

  /** Adds the row of {@code label} ("X/Y what") when both cases ran; {@code target} null: no verdict. */
  private static void ratio(List<List<String>> rows, Map<String, Double> values, String label, String target,
      java.util.function.DoublePredicate met) {
    Double x = values.get(label.substring(0, 1));
    Double y = values.get(label.substring(2, 3));
    if (x != null && y != null) {
      rows.add(List.of(label, Report.num(x / y, 2), target, met == null ? "" : Report.verdict(met.test(x / y))));
    }
  }

  /** One extra round of {@code name} with JFR recording in the server ({@code jcmd JFR.start/stop}). */
  private void profile(Report report, String name, String fileName) throws Exception {
    Report.progress("benchmark 7: JFR round of " + name);
    Path file = config.out().toAbsolutePath().resolve(fileName);
    Files.createDirectories(file.getParent());
    Files.deleteIfExists(file);
    String pid = Long.toString(server.pid());
    // A sample every millisecond (the profile settings take one every 10 or 20): enough to tell two cases apart.
    jcmd(pid, "JFR.start", "name=bench7", "settings=profile", "jdk.ExecutionSample#period=1ms");
    Round round = round(name, config.profileLength());
    jcmd(pid, "JFR.stop", "name=bench7", "filename=" + file);
    HotPathProfile.standalone(file, name, round.result().requests(), round.result().throughput(), report);
  }

  private static void jcmd(String... args) throws IOException, InterruptedException {
    List<String> command = new ArrayList<>(List.of(Path.of(System.getProperty("java.home"), "bin", "jcmd").toString()));
    command.addAll(List.of(args));
    Process p = new ProcessBuilder(command).redirectErrorStream(true).start();
    String out = new String(p.getInputStream().readAllBytes(), java.nio.charset.StandardCharsets.UTF_8);
    if (!p.waitFor(60, TimeUnit.SECONDS) || p.exitValue() != 0) {
      throw new IllegalStateException("jcmd " + String.join(" ", args) + " failed: " + out);
    }
  }
}
