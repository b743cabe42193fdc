package dev.opstub.bench;

import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.File;
import java.io.IOException;
import java.io.InputStream;
import java.net.InetAddress;
import java.net.ServerSocket;
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
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicLong;
import java.util.function.IntFunction;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * Benchmark 6, a bounded soak: the README's run command, in a JVM of its own, takes Media action
 * POSTs (each starts a new operation, each is journaled) for a few minutes, and its heap after a
 * full GC is read between rounds with {@code jcmd}. With the journal bound the heap must be flat
 * once the store of live operations is full; the same load on the same command without {@code
 * --max-request-journal-entries} shows what the bound saves.
 *
 * <p>All load goes to 127.0.0.1; every round is bounded in time and in requests; the child JVM is
 * stopped at the end, also on failure.
 */
final class JournalSoakBench {
  private static final String PACKAGE_STEP = "mvn -q -B package -DskipTests && ";
  private static final String JOURNAL_FLAG = "--max-request-journal-entries";
  private static final String[] MEDIA = {"Authorization: Bearer bench", "x-ms-version: 2.19"};
  private static final Pattern HEAP_USED = Pattern.compile("heap\\s+total (\\d+)K, used (\\d+)K");
  private static final ObjectMapper JSON = new ObjectMapper();
  private static final Duration WARMUP_LIMIT = Duration.ofSeconds(60);
  /** The README's command keeps the default number of live operations. */
  private static final long STORE_CAPACITY = dev.opstub.internal.timeline.OperationStore.DEFAULT_CAPACITY;

  private JournalSoakBench() {}

  /** One reading between rounds. */
  record Sample(long requests, double throughput, long heapUsedBytes, long journalEntries) {}

  static void run(BenchConfig config, Report report) throws Exception {
    report.heading("6. Soak: heap of the README's run command under action POSTs");
    List<String> readmeArgs = readmeRunArguments();
    Path root = Path.of(System.getProperty("user.dir"));
    String classpath = classpath(root);
    report.line("Command (the README's, port changed): `java -cp \"" + classpath.replace(root + File.separator, "")
        + "\" wiremock.Run " + String.join(" ", readmeArgs) + "`.");
    report.line("Load: " + config.threads() + " client threads on keep-alive loopback connections, each `POST "
        + "/api/Channels('nb:chid:UUID:<fresh guid>')/Start` (202, a new live operation, one journal entry). "
        + "Warm-up of " + config.soakWarmupRequests() + " requests or " + WARMUP_LIMIT.toSeconds()
        + " s, whichever ends first (the requests fill the store of 100 000 live operations), then "
        + config.soakRounds() + " rounds of " + config.soakRoundLength().toSeconds() + " s (at most "
        + config.maxRequestsPerRound() + " requests each). Heap: `jcmd <pid> GC.run`, then `GC.heap_info` used.");
    report.line("");

    List<Sample> bounded = soak("with the README's flags", root, classpath, readmeArgs, config, config.soakRounds());
    report.line("**README command** (`" + JOURNAL_FLAG + " 1000`):");
    report.line("");
    table(report, bounded);

    List<String> unbounded = withoutJournalBound(readmeArgs);
    int contrastRounds = Math.max(1, config.soakRounds() / 2);
    List<Sample> before = soak("without the journal bound", root, classpath, unbounded, config, contrastRounds);
    report.line("**The same command without `" + JOURNAL_FLAG + "`** (WireMock's default, as before issue 12), "
        + contrastRounds + " rounds:");
    report.line("");
    table(report, before);

    // Judged once the store of live operations is full (each request adds one until then).
    List<Sample> full = bounded.stream().filter(x -> x.requests() >= STORE_CAPACITY).toList();
    if (full.size() < 2) {
      full = bounded.subList(Math.max(0, bounded.size() - 2), bounded.size());
    }
    double flat = slope(full);
    double growing = slope(before.subList(1, before.size()));
    Sample first = full.get(0);
    Sample last = full.get(full.size() - 1);
    long change = last.heapUsedBytes() - first.heapUsedBytes();
    boolean met = Math.abs(change) <= 32L * 1024 * 1024 && last.journalEntries() <= 1000;
    report.table(List.of("measure", "README command", "without the journal bound", "target", "verdict"), List.of(
        List.of("heap growth once the store is full, bytes per request (least squares; without the bound: after "
            + "warm-up)", Report.num(flat, 1), Report.num(growing, 1), "≈ 0", ""),
        List.of("heap after GC, first → last reading once the store is full (" + first.requests() + " → "
            + last.requests() + " requests)",
            mib(first.heapUsedBytes()) + " → " + mib(last.heapUsedBytes()) + " MiB ("
                + (change >= 0 ? "+" : "") + Report.num(change / 1048576.0, 1) + ")",
            mib(before.get(1).heapUsedBytes()) + " → " + mib(before.get(before.size() - 1).heapUsedBytes()) + " MiB",
            "within ±32 MiB", Report.verdict(met)),
        List.of("journal entries at the end", Long.toString(last.journalEntries()),
            Long.toString(before.get(before.size() - 1).journalEntries()), "≤ 1000",
            Report.verdict(last.journalEntries() <= 1000))));
  }

  private static List<Sample> soak(String what, Path root, String classpath, List<String> args, BenchConfig config,
      int rounds) throws Exception {
    int port = freePort();
    List<String> command = new ArrayList<>(List.of(Path.of(System.getProperty("java.home"), "bin", "java").toString(),
        "-cp", classpath, "wiremock.Run"));
    for (String arg : args) {
      command.add(arg.equals("8080") ? Integer.toString(port) : arg);
    }
    Path log = Files.createTempFile("opstub-soak", ".log");
    Process server = new ProcessBuilder(command).directory(root.toFile()).redirectErrorStream(true)
        .redirectOutput(log.toFile()).start();
    try {
      awaitReady(server, port, log);
      LoadGenerator load = new LoadGenerator(port, config.threads(), MEDIA);
      AtomicLong ids = new AtomicLong();
      List<Sample> samples = new ArrayList<>();
      Report.progress("benchmark 6: " + what + ": warm-up");
      long requests = 0;
      long budget = config.soakWarmupRequests();
      // Bounded in requests and in time: on a busy machine the warm-up stops after a minute.
      Instant warmupEnd = Instant.now().plus(WARMUP_LIMIT);
      while (budget > 0 && Instant.now().isBefore(warmupEnd)) {
        LoadGenerator.Result warm = load.run(Duration.between(Instant.now(), warmupEnd), budget, actions(ids),
            LoadGenerator.Client.RAW_SOCKET);
        check(warm);
        requests += warm.requests();
        budget -= warm.requests();
      }
      samples.add(new Sample(requests, 0, heapUsedAfterGc(server.pid()), journalEntries(port)));
      for (int round = 1; round <= rounds; round++) {
        Report.progress("benchmark 6: " + what + ": round " + round + "/" + rounds);
        LoadGenerator.Result r = load.run(config.soakRoundLength(), config.maxRequestsPerRound(), actions(ids),
            LoadGenerator.Client.RAW_SOCKET);
        check(r);
        requests += r.requests();
        samples.add(new Sample(requests, r.throughput(), heapUsedAfterGc(server.pid()), journalEntries(port)));
      }
      return samples;
    } finally {
      server.destroy();
      if (!server.waitFor(10, TimeUnit.SECONDS)) {
        server.destroyForcibly();
      }
      Files.deleteIfExists(log);
    }
  }

  /** Every request starts an action on a channel never seen before. */
  private static IntFunction<LoadGenerator.Paths> actions(AtomicLong ids) {
    return thread -> new LoadGenerator.Paths() {
      @Override
      public String next() {
        String hex = Long.toHexString(ids.getAndIncrement());
        return "/api/Channels('nb:chid:UUID:c0000000-0000-4000-8000-" + "000000000000".substring(hex.length()) + hex
            + "')/Start";
      }

      @Override
      public boolean post() {
        return true;
      }
    };
  }

  private static void check(LoadGenerator.Result r) {
    if (r.statuses()[202] != r.requests()) {
      throw new IllegalStateException("expected only 202 answers; statuses: " + Arrays.toString(
          java.util.stream.IntStream.range(0, r.statuses().length).filter(i -> r.statuses()[i] > 0)
              .mapToObj(i -> i + "x" + r.statuses()[i]).toArray()));
    }
  }

  /** The arguments of the README's run command after {@code wiremock.Run}. */
  static List<String> readmeRunArguments() throws IOException {
    Path readme = Path.of(System.getProperty("user.dir"), "README.md");
    String line = Files.readAllLines(readme).stream()
        .filter(l -> l.startsWith(PACKAGE_STEP) && l.contains("wiremock.Run")).findFirst()
        .orElseThrow(() -> new IllegalStateException("no run command at the top of " + readme));
    String args = line.substring(line.indexOf("wiremock.Run") + "wiremock.Run".length()).trim();
    return List.of(args.split("\\s+"));
  }

  private static List<String> withoutJournalBound(List<String> args) {
    List<String> out = new ArrayList<>();
    for (int i = 0; i < args.size(); i++) {
      if (args.get(i).equals(JOURNAL_FLAG)) {
        i++;
      } else {
        out.add(args.get(i));
      }
    }
    return out;
  }

  /**
   * {@code target/standalone/*} as the README has it when {@code mvn package} has run; otherwise
   * the benchmark's own classpath (the same WireMock, the pack's classes and their libraries).
   */
  static String classpath(Path root) {
    Path standalone = root.resolve("target/standalone");
    if (Files.isDirectory(standalone) && standalone.toFile().list((d, n) -> n.startsWith("opstub-")).length > 0) {
      return standalone.resolve("*").toString();
    }
    return System.getProperty("java.class.path");
  }

  private static long heapUsedAfterGc(long pid) throws IOException, InterruptedException {
    String jcmd = Path.of(System.getProperty("java.home"), "bin", "jcmd").toString();
    jcmd(jcmd, pid, "GC.run");
    String info = jcmd(jcmd, pid, "GC.heap_info");
    Matcher m = HEAP_USED.matcher(info);
    if (!m.find()) {
      throw new IllegalStateException("no heap figures in jcmd's answer:\n" + info);
    }
    return Long.parseLong(m.group(2)) * 1024;
  }

  private static String jcmd(String jcmd, long pid, String command) throws IOException, InterruptedException {
    Process p = new ProcessBuilder(jcmd, Long.toString(pid), command).redirectErrorStream(true).start();
    byte[] out;
    try (InputStream in = p.getInputStream()) {
      out = in.readAllBytes();
    }
    if (!p.waitFor(60, TimeUnit.SECONDS)) {
      p.destroyForcibly();
      throw new IllegalStateException("jcmd " + command + " did not finish");
    }
    return new String(out, StandardCharsets.UTF_8);
  }

  private static long journalEntries(int port) throws IOException, InterruptedException {
    HttpResponse<String> reply = HttpClient.newHttpClient().send(HttpRequest.newBuilder(
        URI.create("http://127.0.0.1:" + port + "/__admin/requests?limit=1")).timeout(Duration.ofSeconds(30)).build(),
        HttpResponse.BodyHandlers.ofString());
    return JSON.readTree(reply.body()).get("meta").get("total").asLong();
  }

  static void awaitReady(Process server, int port, Path log) throws Exception {
    Instant deadline = Instant.now().plusSeconds(60);
    HttpClient client = HttpClient.newHttpClient();
    while (Instant.now().isBefore(deadline)) {
      if (!server.isAlive()) {
        throw new IllegalStateException("the server exited:\n" + Files.readString(log));
      }
      try {
        if (client.send(HttpRequest.newBuilder(URI.create("http://127.0.0.1:" + port + "/__admin/health"))
            .timeout(Duration.ofSeconds(2)).build(), HttpResponse.BodyHandlers.discarding()).statusCode() == 200) {
          return;
        }
      } catch (IOException notYet) {
        // not listening yet
      }
      Thread.sleep(100);
    }
    throw new IllegalStateException("the server did not answer within 60 s:\n" + Files.readString(log));
  }

  static int freePort() throws IOException {
    try (ServerSocket socket = new ServerSocket(0, 1, InetAddress.getLoopbackAddress())) {
      return socket.getLocalPort();
    }
  }

  /** Heap growth per request over the samples, by least squares (bytes per request). */
  static double slope(List<Sample> samples) {
    int n = samples.size();
    if (n < 2) {
      return 0;
    }
    double mx = samples.stream().mapToLong(Sample::requests).average().orElse(0);
    double my = samples.stream().mapToLong(Sample::heapUsedBytes).average().orElse(0);
    double num = 0;
    double den = 0;
    for (Sample s : samples) {
      num += (s.requests() - mx) * (s.heapUsedBytes() - my);
      den += (s.requests() - mx) * (s.requests() - mx);
    }
    return den == 0 ? 0 : num / den;
  }

  private static void table(Report report, List<Sample> samples) {
    List<List<String>> rows = new ArrayList<>();
    for (int i = 0; i < samples.size(); i++) {
      Sample s = samples.get(i);
      rows.add(List.of(i == 0 ? "after warm-up" : Integer.toString(i), Long.toString(s.requests()),
          i == 0 ? "" : Report.num(s.throughput(), 0), mib(s.heapUsedBytes()), Long.toString(s.journalEntries())));
    }
    report.table(List.of("round", "requests so far", "req/s", "heap used after GC, MiB", "journal entries"), rows);
  }

  private static String mib(long bytes) {
    return Report.num(bytes / 1048576.0, 1);
  }
}
