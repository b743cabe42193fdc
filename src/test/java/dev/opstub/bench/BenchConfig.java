package dev.opstub.bench;

import java.nio.file.Path;
import java.time.Duration;
import java.util.Arrays;

/**
 * The benchmark's sizes, from system properties (the pom's {@code bench} profile passes them on
 * from Maven properties of the same name, e.g. {@code -Dbench.rounds=3}).
 */
record BenchConfig(
    int threads,
    Duration roundLength,
    int warmupRounds,
    int rounds,
    long maxRequestsPerRound,
    long[] liveSizes,
    Duration scaleRoundLength,
    int junitReps,
    Duration profileLength,
    int soakRounds,
    Duration soakRoundLength,
    long soakWarmupRequests,
    String only,
    Path out) {

  static BenchConfig fromSystemProperties() {
    return new BenchConfig(
        Integer.getInteger("bench.threads", 4),
        Duration.ofMillis(Long.getLong("bench.round.ms", 3000)),
        Integer.getInteger("bench.warmup.rounds", 6),
        Integer.getInteger("bench.rounds", 5),
        Long.getLong("bench.max.requests", 500_000),
        Arrays.stream(System.getProperty("bench.live.sizes", "1,10000,100000,1000000").split(","))
            .map(String::trim).mapToLong(Long::parseLong).toArray(),
        Duration.ofMillis(Long.getLong("bench.scale.round.ms", 3000)),
        Integer.getInteger("bench.junit.reps", 5),
        Duration.ofMillis(Long.getLong("bench.profile.ms", 8000)),
        Integer.getInteger("bench.soak.rounds", 6),
        Duration.ofMillis(Long.getLong("bench.soak.round.ms", 15000)),
        Long.getLong("bench.soak.warmup.requests", 120_000),
        System.getProperty("bench.only", "1,2,3,4,5,6,7,8,9"),
        Path.of(System.getProperty("bench.out", "target/bench")));
  }

  boolean runs(int benchmark) {
    return Arrays.asList(only.split(",")).contains(Integer.toString(benchmark));
  }
}
