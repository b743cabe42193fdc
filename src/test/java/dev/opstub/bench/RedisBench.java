package dev.opstub.bench;

import com.github.tomakehurst.wiremock.WireMockServer;
import dev.opstub.internal.api.Apis;
import dev.opstub.internal.face.FaceApi;
import dev.opstub.internal.face.FaceStatuses;
import dev.opstub.internal.state.OperationSpec;
import dev.opstub.internal.state.RedisState;
import dev.opstub.internal.timeline.Timeline;
import dev.opstub.internal.timeline.TimelineParser;
import dev.opstub.testing.RedisProcess;
import dev.opstub.wiremock.OpStubExtensions;
import java.net.URI;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.function.IntFunction;
import redis.clients.jedis.JedisPooled;

/**
 * Benchmark 5: the Redis backend against the in-memory one on the same machine, same load: a
 * timeline poll served by a server whose state is in a real redis-server on loopback, vs the same
 * poll on a server with the default in-memory state (alternating rounds); and the bytes one live
 * operation takes in Redis ({@code INFO memory} over 100,000 operations, and {@code MEMORY USAGE}).
 */
final class RedisBench {
  private static final int LIVE = 100_000;

  private RedisBench() {}

  static void run(BenchConfig config, Report report) throws Exception {
    report.heading("5. The Redis backend: poll throughput and bytes per live operation");
    Path root = BenchServers.rootWithTemplate();
    try (RedisProcess redis = RedisProcess.start()) {
      WireMockServer memory = BenchServers.start(root, new OpStubExtensions("memory"));
      WireMockServer shared = BenchServers.start(root, new OpStubExtensions(redis.url()));
      try {
        memory.stubFor(BenchServers.opStubPoll());
        shared.stubFor(BenchServers.opStubPoll());
        String path = BenchServers.PATH_PREFIX + BenchServers.faceId(1);
        IntFunction<LoadGenerator.Paths> onePath = thread -> () -> path;
        Report.progress("benchmark 5: warm-up");
        for (int i = 0; i < config.warmupRounds(); i++) {
          round(memory, config, onePath);
          round(shared, config, onePath);
        }
        List<Double> memoryRounds = new ArrayList<>();
        List<Double> redisRounds = new ArrayList<>();
        double memoryCpu = 0;
        double redisCpu = 0;
        long memoryRequests = 0;
        long redisRequests = 0;
        for (int i = 0; i < config.rounds(); i++) {
          Report.progress("benchmark 5: round " + (i + 1));
          LoadGenerator.Result m = round(memory, config, onePath);
          LoadGenerator.Result r = round(shared, config, onePath);
          memoryRounds.add(m.throughput());
          redisRounds.add(r.throughput());
          memoryCpu += m.processCpuNanos();
          redisCpu += r.processCpuNanos();
          memoryRequests += m.requests();
          redisRequests += r.requests();
        }
        double memoryMean = memoryRounds.stream().mapToDouble(d -> d).average().orElse(0);
        double redisMean = redisRounds.stream().mapToDouble(d -> d).average().orElse(0);
        report.table(List.of("state", "req/s (mean of rounds)", "each round, k req/s", "process CPU µs/req"), List.of(
            List.of("in memory", Report.num(memoryMean, 0), rounds(memoryRounds),
                Report.num(memoryCpu / 1000.0 / memoryRequests, 1)),
            List.of("Redis (loopback, one Lua script per poll)", Report.num(redisMean, 0), rounds(redisRounds),
                Report.num(redisCpu / 1000.0 / redisRequests, 1))));
        report.table(List.of("ratio", "value", "target", "verdict"), List.of(List.of("Redis / in-memory throughput",
            Report.num(redisMean / memoryMean, 2), "≥ 0.50", Report.verdict(redisMean / memoryMean >= 0.5))));
        report.line("The process CPU includes redis-server's own, which runs on the same two cores.");
      } finally {
        memory.stop();
        shared.stop();
      }
      bytesPerOperation(redis, report);
    }
  }

  private static LoadGenerator.Result round(WireMockServer server, BenchConfig config,
      IntFunction<LoadGenerator.Paths> paths) throws InterruptedException {
    return new LoadGenerator(server.port(), config.threads(), BenchServers.KEY_HEADER)
        .run(config.roundLength(), config.maxRequestsPerRound(), paths, LoadGenerator.Client.RAW_SOCKET);
  }

  private static String rounds(List<Double> throughputs) {
    return String.join(" / ", throughputs.stream().map(d -> Report.num(d / 1000, 1)).toList());
  }

  private static void bytesPerOperation(RedisProcess redis, Report report) {
    Report.progress("benchmark 5: bytes per live operation in Redis");
    RedisState state = new RedisState(URI.create(redis.url()), Apis.builtIn());
    state.reset();
    Timeline timeline = TimelineParser.parse(BenchServers.TIMELINE, FaceStatuses.INSTANCE);
    try (JedisPooled jedis = new JedisPooled(URI.create(redis.url()))) {
      long before = usedMemory(jedis);
      for (int i = 0; i < LIVE; i++) {
        String id = BenchServers.faceId(i);
        state.put(FaceApi.NAME, new OperationSpec(id, timeline, BenchServers.RESOURCE_LOCATION, null));
        if (i % 2 == 0) {
          state.poll(FaceApi.NAME, id, null); // half of them polled once: their fields are numbers now
        }
      }
      long after = usedMemory(jedis);
      Long oneKey = jedis.memoryUsage("opstub:op:face:" + BenchServers.faceId(0));
      double perOperation = (after - before) / (double) LIVE;
      report.table(List.of("measure", "value", "target", "verdict"), List.of(
          List.of("INFO memory used_memory growth / live operation (" + LIVE + " operations)",
              Report.num(perOperation, 1) + " B", "≤ 300 B", Report.verdict(perOperation <= 300)),
          List.of("MEMORY USAGE of one operation's key", oneKey + " B", "(information)", "")));
      report.line("An operation is one hash (`opstub:op:<api>:<id>`, listpack-encoded): steps, notation, target, "
          + "creation time and five counters; its poll history, when it has one, is a list of its own.");
      state.reset();
    }
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
