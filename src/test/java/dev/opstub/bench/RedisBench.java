package dev.opstub.bench;

import dev.opstub.internal.api.Apis;
import dev.opstub.internal.azure.AzureApi;
import dev.opstub.internal.face.FaceApi;
import dev.opstub.internal.face.FaceStatuses;
import dev.opstub.internal.state.RedisState;
import dev.opstub.internal.timeline.TimelineParser;
import dev.opstub.spi.OperationSpec;
import dev.opstub.spi.StubParameters;
import dev.opstub.spi.Timeline;
import dev.opstub.testing.RedisProcess;
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
import redis.clients.jedis.JedisPooled;

/**
 * Benchmark 5: the Redis backend against the in-memory one on the standalone jar, same machine,
 * same load: three child JVMs run {@code wiremock.Run} over a copy of the shipped {@code mappings/}
 * and {@code __files/} (journal off), two with {@code -Dopstub.store=redis://...} pointing at a real
 * redis-server on loopback, one of those with an operation script that does no work (the floor: the
 * price of the round trip alone); two cases alternate on all three: T, the seed operation polled
 * in its terminal step, and L, the live mix (a user's timeline stub, a fresh id every three polls).
 * Each round also reads the CPU time and context switches of the server JVM and redis-server. Then
 * the bytes one live operation takes in Redis ({@code INFO memory} over 100,000 operations, and
 * {@code MEMORY USAGE}).
 */
final class RedisBench {
  private static final int LIVE = 100_000;
  private static final String SEED = BenchServers.PATH_PREFIX + "a63a3bdd-a1db-4d05-87b8-dbad6850062a";
  private static final String T = "T: shipped timeline a63a3bdd (terminal step)";
  private static final String L = "L: live mix (fresh id every 3 polls)";
  // Counters per round, CPU in nanoseconds.
  private static final String CLIENT_CPU = "load generator CPU";
  private static final String SERVER_CPU = "server JVM CPU";
  private static final String REDIS_CPU = "redis-server CPU";
  private static final String SERVER_SWITCHES = "server JVM context switches";
  private static final String REDIS_SWITCHES = "redis-server context switches";

  private RedisBench() {}

  /** A standalone server in a child JVM. */
  private record Server(String name, Process process, int port, Path log) implements AutoCloseable {
    static Server start(String name, Path root, String classpath, String store) throws Exception {
      int port = JournalSoakBench.freePort();
      Path log = Files.createTempFile("opstub-bench5", ".log");
      // -Dbench.jfr=<dir>: each server JVM keeps a flight recording there (for finding where a poll's time goes).
      String jfr = System.getProperty("bench.jfr", "");
      List<String> command = new ArrayList<>(List.of(Path.of(System.getProperty("java.home"), "bin", "java").toString()));
      if (!jfr.isEmpty()) {
        command.add("-XX:StartFlightRecording=settings=profile,filename="
            + Path.of(jfr).toAbsolutePath().resolve("bench5-" + name.replace(' ', '-') + ".jfr"));
      }
      command.addAll(List.of("-Dopstub.store=" + store, "-cp", classpath, "wiremock.Run", "--root-dir", root.toString(),
          "--port", Integer.toString(port), "--bind-address", "127.0.0.1", "--no-request-journal",
          "--async-response-enabled", "true", "--disable-request-logging"));
      Process process = new ProcessBuilder(command).redirectErrorStream(true).redirectOutput(log.toFile()).start();
      Server server = new Server(name, process, port, log);
      JournalSoakBench.awaitReady(process, port, log);
      // L's stub: any id, the benchmark's timeline, as a user's mapping would (priority 4).
      HttpResponse<String> added = HttpClient.newHttpClient().send(HttpRequest.newBuilder(
          URI.create("http://127.0.0.1:" + port + "/__admin/mappings")).timeout(Duration.ofSeconds(30))
          .POST(HttpRequest.BodyPublishers.ofString("{\"priority\":4,\"request\":{\"method\":\"GET\",\"urlPathPattern\":\""
              + BenchServers.PATH_REGEX.replace("\\", "\\\\") + "\"},\"response\":{\"status\":200,\"transformers\":"
              + "[\"opstub-face-operation\"],\"transformerParameters\":{\"timeline\":\"" + BenchServers.TIMELINE
              + "\",\"resourceLocation\":\"" + BenchServers.RESOURCE_LOCATION + "\"}}}")).build(),
          HttpResponse.BodyHandlers.ofString());
      if (added.statusCode() != 201) {
        throw new IllegalStateException("adding L's stub answered " + added.statusCode() + ": " + added.body());
      }
      return server;
    }

    @Override
    public void close() throws Exception {
      process.destroy();
      if (!process.waitFor(10, TimeUnit.SECONDS)) {
        process.destroyForcibly();
      }
      Files.deleteIfExists(log);
    }
  }

  static void run(BenchConfig config, Report report) throws Exception {
    report.heading("5. The Redis backend on the standalone jar: poll throughput and bytes per live operation");
    Path project = Path.of(System.getProperty("user.dir"));
    Path root = BenchServers.shippedCopy(project, "opstub-bench5");
    Path floorScript = floorScript();
    String classpath = JournalSoakBench.classpath(project);
    report.line("Three servers, `java [-Dopstub.store=redis://127.0.0.1:<port>] -cp \"" + classpath.replace(project + "/", "")
        + "\" wiremock.Run --root-dir <copy of mappings/ and __files/> --no-request-journal --async-response-enabled true --disable-request-logging`, "
        + "one redis-server on loopback (no persistence): in memory, Redis, and the floor F: the Redis server "
        + "with a directory ahead of the jar on its class path whose `dev/opstub/redis/operation.lua` answers a fixed "
        + "step at once (`" + FLOOR_SCRIPT.strip() + "`), so that a poll costs one round trip to Redis and no work "
        + "there: what one round trip per poll allows on this machine. " + config.threads() + " client threads (raw "
        + "socket, keep-alive), " + config.warmupRounds() + " warm-up and " + config.rounds() + " measured rounds of "
        + config.roundLength().toMillis() + " ms per case and server, alternating memory T, Redis T, floor T, memory L, "
        + "Redis L, floor L.");
    report.line("");
    try (RedisProcess redis = RedisProcess.start();
        Server memory = Server.start("in memory", root, classpath, "memory");
        Server shared = Server.start("Redis", root, classpath, redis.url());
        Server floor = Server.start("floor", root, floorScript + java.io.File.pathSeparator + classpath, redis.url())) {
      List<Server> servers = List.of(memory, shared, floor);
      AtomicLong ids = new AtomicLong(1L << 40);
      Map<String, IntFunction<LoadGenerator.Paths>> plans = new LinkedHashMap<>();
      plans.put(T, thread -> () -> SEED);
      plans.put(L, BenchServers.threePollsPerFreshId(ids));
      MachineLoad load = new MachineLoad();
      Report.progress("benchmark 5: warm-up");
      for (int i = 0; i < config.warmupRounds(); i++) {
        for (IntFunction<LoadGenerator.Paths> plan : plans.values()) {
          for (Server server : servers) {
            round(server, config, plan);
          }
        }
      }
      Map<String, PollCostBench.Totals> totals = new LinkedHashMap<>();
      for (String name : plans.keySet()) {
        servers.forEach(server -> totals.put(server.name() + " " + name, new PollCostBench.Totals()));
      }
      for (int i = 0; i < config.rounds(); i++) {
        Report.progress("benchmark 5: round " + (i + 1) + "/" + config.rounds());
        for (Map.Entry<String, IntFunction<LoadGenerator.Paths>> plan : plans.entrySet()) {
          for (Server server : servers) {
            measured(totals.get(server.name() + " " + plan.getKey()), server, redis, config, plan.getValue());
          }
        }
      }
      List<List<String>> rows = new ArrayList<>();
      totals.forEach((name, t) -> rows.add(List.of(name, Report.num(t.requests, 0), t.nonOk(),
          Report.num(t.throughput(), 0),
          t.roundThroughputs.stream().map(d -> Report.num(d / 1000, 1)).collect(Collectors.joining(" / ")),
          Report.num(t.latency.getValueAtPercentile(50), 0), Report.num(t.latency.getValueAtPercentile(99), 0))));
      report.table(List.of("server and case", "requests", "non-200", "req/s", "each round, k req/s", "p50 µs", "p99 µs"),
          rows);
      List<List<String>> ratios = new ArrayList<>();
      for (String name : plans.keySet()) {
        String c = name.substring(0, 1);
        double inMemory = totals.get(memory.name() + " " + name).throughput();
        double ratio = totals.get(shared.name() + " " + name).throughput() / inMemory;
        double floorRatio = totals.get(floor.name() + " " + name).throughput() / inMemory;
        ratios.add(List.of("Redis / in-memory throughput, " + c, Report.num(ratio, 2), "≥ 0.60",
            Report.verdict(ratio >= 0.6)));
        ratios.add(List.of("floor / in-memory throughput, " + c + " (the most one round trip per poll allows here)",
            Report.num(floorRatio, 2), "(information)", ""));
        ratios.add(List.of("Redis / floor throughput, " + c + " (what the script's work costs)",
            Report.num(ratio / floorRatio, 2), "(information)", ""));
      }
      report.table(List.of("ratio", "value", "target", "verdict"), ratios);
      List<List<String>> cpu = new ArrayList<>();
      totals.forEach((name, t) -> cpu.add(List.of(name, Report.num(t.perRequest(SERVER_CPU) / 1e3, 1),
          Report.num(t.perRequest(REDIS_CPU) / 1e3, 1), Report.num(t.perRequest(CLIENT_CPU) / 1e3, 1),
          Report.num((t.perRequest(SERVER_CPU) + t.perRequest(REDIS_CPU) + t.perRequest(CLIENT_CPU)) / 1e3, 1),
          Report.num(t.perRequest(SERVER_SWITCHES), 2), Report.num(t.perRequest(REDIS_SWITCHES), 2))));
      report.line("CPU time per request (µs), read from each process's own counters (`/proc`) over the measured "
          + "rounds, and context switches per request (the threads' voluntary and involuntary switches):");
      report.line("");
      report.table(List.of("server and case", "server JVM", "redis-server", "load generator threads", "sum",
          "context switches / request, server JVM", "redis-server"), cpu);
      report.line("The servers, the load generator and redis-server share the machine's cores. _"
          + load.summary(0) + "._");
      bytesPerOperation(redis, report);
    } finally {
      BenchServers.deleteTree(root);
      BenchServers.deleteTree(floorScript);
    }
  }

  /**
   * The floor's operation script: whatever it is sent, it answers the second step of the timeline
   * the server sent (its digest, ARGV[3]), polled once: the terminal step of both cases' timelines,
   * so that the server serves the same answer as in T, and records nothing.
   */
  private static final String FLOOR_SCRIPT =
      "return {'1','1','1','1700000000000000','0','1','0',ARGV[3],false,'1700000000000000','opstub:tl:floor'}\n";

  private static Path floorScript() throws java.io.IOException {
    Path dir = Files.createTempDirectory("opstub-bench5-floor");
    Path script = dir.resolve("dev/opstub/redis/operation.lua");
    Files.createDirectories(script.getParent());
    Files.writeString(script, FLOOR_SCRIPT);
    return dir;
  }

  /**
   * One measured round, with the CPU time the server JVM and redis-server used meanwhile (the whole
   * process: every thread, the JIT and the GC included).
   */
  private static void measured(PollCostBench.Totals totals, Server server, RedisProcess redis, BenchConfig config,
      IntFunction<LoadGenerator.Paths> paths) throws InterruptedException {
    long server0 = cpuNanos(server.process().pid());
    long redis0 = cpuNanos(redis.pid());
    long serverSwitches0 = contextSwitches(server.process().pid());
    long redisSwitches0 = contextSwitches(redis.pid());
    LoadGenerator.Result result = round(server, config, paths);
    totals.add(result);
    totals.count(CLIENT_CPU, result.clientCpuNanos());
    totals.count(SERVER_CPU, cpuNanos(server.process().pid()) - server0);
    totals.count(REDIS_CPU, cpuNanos(redis.pid()) - redis0);
    totals.count(SERVER_SWITCHES, contextSwitches(server.process().pid()) - serverSwitches0);
    totals.count(REDIS_SWITCHES, contextSwitches(redis.pid()) - redisSwitches0);
  }

  /** The context switches of a process's threads alive now (Linux /proc), or 0 where unknown. */
  private static long contextSwitches(long pid) {
    long sum = 0;
    try (var tasks = Files.list(Path.of("/proc", Long.toString(pid), "task"))) {
      for (Path task : (Iterable<Path>) tasks::iterator) {
        try {
          for (String line : Files.readAllLines(task.resolve("status"))) {
            if (line.startsWith("voluntary_ctxt_switches:") || line.startsWith("nonvoluntary_ctxt_switches:")) {
              sum += Long.parseLong(line.substring(line.indexOf(':') + 1).trim());
            }
          }
        } catch (java.io.IOException e) {
          // the thread ended meanwhile
        }
      }
    } catch (java.io.IOException e) {
      return 0;
    }
    return sum;
  }

  private static long cpuNanos(long pid) {
    return ProcessHandle.of(pid).flatMap(p -> p.info().totalCpuDuration()).map(Duration::toNanos)
        .orElseThrow(() -> new IllegalStateException("no CPU time readable for process " + pid));
  }

  private static LoadGenerator.Result round(Server server, BenchConfig config, IntFunction<LoadGenerator.Paths> paths)
      throws InterruptedException {
    if (!server.process().isAlive()) {
      throw new IllegalStateException("the " + server.name() + " server exited");
    }
    return new LoadGenerator(server.port(), config.threads(), BenchServers.KEY_HEADER)
        .run(config.roundLength(), config.maxRequestsPerRound(), paths, LoadGenerator.Client.RAW_SOCKET);
  }

  private static void bytesPerOperation(RedisProcess redis, Report report) {
    Report.progress("benchmark 5: bytes per live operation in Redis");
    RedisState state = new RedisState(URI.create(redis.url()), Apis.builtIn()::statuses);
    Timeline timeline = TimelineParser.parse(BenchServers.TIMELINE, FaceStatuses.INSTANCE);
    try (JedisPooled jedis = new JedisPooled(URI.create(redis.url()))) {
      // Emptied with FLUSHALL, not a reset: deleting the rounds' hundreds of thousands of receipts
      // key by key leaves Redis' key tables at their size, and they shrink while the operations go
      // in (runs of the same code read 214 and 299 bytes an operation that way).
      jedis.flushAll(); // synchronous: redis-server frees lazily only when told to
      long before = usedMemory(jedis);
      // Receipts (a call's answer, kept 30 s so that a call sent again through a stall counts once)
      // come and go with the traffic: measured apart, and removed every 1,000 operations, so that
      // Redis' key tables are sized for the operations alone.
      long receipts = 0;
      long receiptBytes = 0;
      for (int i = 0; i < LIVE; i++) {
        String id = BenchServers.faceId(i);
        state.put(FaceApi.NAME, new OperationSpec(id, timeline, BenchServers.RESOURCE_LOCATION, null));
        if (i % 2 == 0) {
          state.poll(FaceApi.NAME, id, null); // half of them polled once: their fields are numbers now
        }
        if (i % 1_000 == 999 || i == LIVE - 1) {
          for (String key : jedis.keys("opstub:once:*")) {
            Long bytes = jedis.memoryUsage(key); // null when it expired meanwhile
            if (bytes != null) {
              receipts++;
              receiptBytes += bytes;
            }
            jedis.unlink(key);
          }
        }
      }
      long after = usedMemory(jedis);
      Long oneKey = jedis.memoryUsage("opstub:op:face:" + BenchServers.faceId(0));
      double perOperation = (after - before) / (double) LIVE;
      report.table(List.of("measure", "value", "target", "verdict"), List.of(
          List.of("INFO memory used_memory growth / live operation (" + LIVE + " operations)",
              Report.num(perOperation, 1) + " B", "≤ 300 B", Report.verdict(perOperation <= 300)),
          List.of("MEMORY USAGE of one operation's key", oneKey + " B", "(information)", ""),
          List.of("MEMORY USAGE of one receipt (" + receipts + " of them, each kept 30 s)",
              Report.num(receiptBytes / (double) Math.max(1, receipts), 0) + " B", "(information)", "")));
      report.line("An operation is one hash (`opstub:op:<api>:<id>`, listpack-encoded): its timeline's key, target, "
          + "creation time and five counters; the timeline is one hash shared by every operation that follows it; "
          + "its poll history, when it has one, is a list of its own.");
      state.reset();
      azureBytesPerOperation(state, jedis, report);
    }
  }

  /** {@link #azureBytesPerOperation}'s ARM row: the shipped resource group delete, a group each. */
  private static final String ARM = "arm";

  /**
   * The same for Azure operations started as the shipped analyze mapping starts them, with its
   * small result and with a 64 KB one (the growth includes the one key that keeps the result), and
   * for ARM resource group deletes, whose operations keep their own path.
   */
  private static void azureBytesPerOperation(RedisState state, JedisPooled jedis, Report report) {
    Path project = Path.of(System.getProperty("user.dir"));
    List<List<String>> rows = new ArrayList<>();
    for (String result : new String[] {null, AzureOperations.result64k(), ARM}) {
      boolean arm = ARM.equals(result);
      String label = arm ? "ARM resource group delete (each its own 88-character path)"
          : "analyze, " + (result == null ? "shipped result" : "64 KB result");
      Report.progress("benchmark 5: bytes per live Azure operation in Redis, " + label);
      StubParameters parameters = arm ? AzureOperations.parameters(project, AzureOperations.ARM_DELETE, null)
          : AzureOperations.parameters(project, result);
      jedis.flushAll();
      long before = usedMemory(jedis);
      String first = null;
      for (int i = 0; i < LIVE; i++) {
        String id = AzureOperations.idOf(arm ? AzureOperations.startArmDelete(state, parameters, i)
            : AzureOperations.start(state, parameters));
        first = first == null ? id : first;
        if (i % 2 == 0) {
          state.poll(AzureApi.NAME, id, null); // half of them polled once, as the Face rows
        }
        if (i % 1_000 == 999 || i == LIVE - 1) {
          for (String key : jedis.keys("opstub:once:*")) {
            jedis.unlink(key);
          }
        }
      }
      long after = usedMemory(jedis);
      double perOperation = (after - before) / (double) LIVE;
      long shared = 0;
      for (String key : jedis.keys("opstub:res:azure:*")) {
        shared += jedis.memoryUsage(key);
      }
      rows.add(List.of("Azure " + label + ": INFO memory used_memory growth / live operation (" + LIVE
          + " operations, the shared result included)", Report.num(perOperation, 1) + " B", "≤ 300 B",
          Report.verdict(perOperation <= 300)));
      // and its encoding: a field over 64 bytes would make the hash a hashtable (about three times larger)
      rows.add(List.of("Azure " + label + ": MEMORY USAGE (OBJECT ENCODING) of one operation's key",
          jedis.memoryUsage("opstub:op:azure:" + first) + " B (" + jedis.objectEncoding("opstub:op:azure:" + first)
              + ")", "(information)", ""));
      rows.add(List.of("Azure " + label + ": MEMORY USAGE of the keys the operations share "
          + "(`opstub:res:azure:profile:*`, `opstub:res:azure:shape:*` and their marks)", shared + " B", "(information)", ""));
      state.reset();
    }
    report.table(List.of("measure", "value", "target", "verdict"), rows);
    report.line("An Azure operation's target (20 characters) names the shape the operations of one call share "
        + "(`opstub:res:azure:shape:<digest>`: the start call's method, path and `api-version`, and the digest of "
        + "`opstub:res:azure:profile:<digest>`, the result and settings of its stub): one key each per distinct "
        + "shape and profile.");
  }

  private static long usedMemory(JedisPooled jedis) {
    for (String line : jedis.info("memory").split("\r?\n")) {
      if (line.startsWith("used_memory:")) {
        return Long.parseLong(line.substring("used_memory:".length()).trim());
      }
    }
    throw new IllegalStateException("INFO memory has no used_memory");
  }
}
