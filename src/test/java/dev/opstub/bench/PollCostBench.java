package dev.opstub.bench;

import static com.github.tomakehurst.wiremock.client.WireMock.aResponse;
import static com.github.tomakehurst.wiremock.client.WireMock.get;
import static com.github.tomakehurst.wiremock.client.WireMock.urlPathMatching;

import com.github.tomakehurst.wiremock.WireMockServer;
import com.github.tomakehurst.wiremock.stubbing.Scenario;
import dev.opstub.internal.api.Apis;
import dev.opstub.internal.face.FaceApi;
import dev.opstub.internal.face.FaceOperations;
import dev.opstub.internal.face.FaceStatuses;
import dev.opstub.internal.state.InMemoryState;
import dev.opstub.internal.timeline.OperationStore;
import dev.opstub.internal.timeline.TimelineParser;
import dev.opstub.internal.wiremock.Pack;
import dev.opstub.spi.OperationSpec;
import dev.opstub.spi.Timeline;
import dev.opstub.wiremock.OpStubExtensions;
import java.io.IOException;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.atomic.AtomicLong;
import org.HdrHistogram.Histogram;

/**
 * Benchmark 1: the cost of one OpStub timeline poll against a static WireMock stub and against the
 * same timeline written with WireMock scenarios. Three servers of one configuration ({@link
 * BenchServers#start}), each holding only its case's stubs, so stub matching walks the same short
 * list; one load generator; rounds alternate A B C A B C after the warm-up rounds.
 */
final class PollCostBench implements AutoCloseable {
  static final String A = "A: OpStub timeline poll";
  static final String B = "B: static stub, same body";
  static final String C = "C: WireMock scenarios, 3 stubs";
  static final String T = "T: OpStub timeline, terminal step (one id)";
  /** T's id: polled over and over, so past its first two polls every poll is the terminal step. */
  private static final String TERMINAL_PATH = BenchServers.PATH_PREFIX + "b0000000-0000-4000-8000-7e0000000000";

  private final BenchConfig config;
  private final InMemoryState store;
  private final WireMockServer opstub;
  private final WireMockServer plain;
  private final WireMockServer scenarios;
  private final AtomicLong ids = new AtomicLong();
  final List<String> sanity = new ArrayList<>();
  String runningBody;
  String succeededBody;
  String contentType;

  PollCostBench(BenchConfig config) throws IOException {
    this.config = config;
    Path root = BenchServers.rootWithTemplate();
    store = new InMemoryState(OperationStore.DEFAULT_CAPACITY);
    opstub = BenchServers.start(root, new Pack(store, Apis.builtIn()).extensions());
    plain = BenchServers.start(root, new OpStubExtensions());
    scenarios = BenchServers.start(root, new OpStubExtensions());
    opstub.stubFor(BenchServers.opStubPoll());
    captureRealBodies();
    // B: one real answer of A, copied with its headers.
    plain.stubFor(get(urlPathMatching(BenchServers.PATH_REGEX))
        .willReturn(aResponse().withStatus(200).withHeader("Content-Type", contentType).withBody(runningBody)));
    // C: the timeline as three scenario stubs; the last loops back so every third poll succeeds.
    scenarios.stubFor(get(urlPathMatching(BenchServers.PATH_REGEX)).inScenario("operation")
        .whenScenarioStateIs(Scenario.STARTED).willSetStateTo("running-2")
        .willReturn(aResponse().withStatus(200).withHeader("Content-Type", contentType).withBody(runningBody)));
    scenarios.stubFor(get(urlPathMatching(BenchServers.PATH_REGEX)).inScenario("operation")
        .whenScenarioStateIs("running-2").willSetStateTo("succeeded")
        .willReturn(aResponse().withStatus(200).withHeader("Content-Type", contentType).withBody(runningBody)));
    scenarios.stubFor(get(urlPathMatching(BenchServers.PATH_REGEX)).inScenario("operation")
        .whenScenarioStateIs("succeeded").willSetStateTo(Scenario.STARTED)
        .willReturn(aResponse().withStatus(200).withHeader("Content-Type", contentType).withBody(succeededBody)));
    prefill();
  }

  /** Polls one fresh id three times on A and keeps the bodies (B and C serve copies of them). */
  private void captureRealBodies() throws IOException {
    try (RawHttpClient client = new RawHttpClient(opstub.port(), BenchServers.KEY_HEADER)) {
      String path = BenchServers.PATH_PREFIX + BenchServers.faceId(ids.getAndIncrement());
      List<String> bodies = new ArrayList<>();
      for (int i = 0; i < 3; i++) {
        int status = client.get(path);
        if (status != 200) {
          throw new IllegalStateException("A answered " + status + ": " + client.lastBody());
        }
        bodies.add(client.lastBody());
      }
      if (!bodies.get(0).contains("\"running\"") || !bodies.get(1).contains("\"running\"")
          || !bodies.get(2).contains("\"succeeded\"")) {
        throw new IllegalStateException("A did not serve running, running, succeeded: " + bodies);
      }
      runningBody = bodies.get(0);
      succeededBody = bodies.get(2);
      contentType = FaceOperations.CONTENT_TYPE;
    }
  }

  /** Fills A's store to its default capacity, so every round runs with eviction as a long-lived server. */
  private void prefill() {
    Timeline timeline = TimelineParser.parse(BenchServers.TIMELINE, FaceStatuses.INSTANCE);
    for (int i = 0; i < store.capacity(); i++) {
      String id = BenchServers.faceId(ids.getAndIncrement());
      store.put(FaceApi.NAME, new OperationSpec(id, timeline, BenchServers.RESOURCE_LOCATION, null));
    }
  }

  int port(String name) {
    return switch (name) {
      case A, T -> opstub.port();
      case B -> plain.port();
      case C -> scenarios.port();
      default -> throw new IllegalArgumentException(name);
    };
  }

  LoadGenerator.Result round(String name, LoadGenerator.Client client, Duration length) throws InterruptedException {
    return new LoadGenerator(port(name), config.threads(), BenchServers.KEY_HEADER)
        .run(length, config.maxRequestsPerRound(),
            name.equals(T) ? thread -> () -> TERMINAL_PATH : BenchServers.threePollsPerFreshId(ids), client);
  }

  /** Checks, after a round, that every poll of A was answered from the store (no 404s, etc.). */
  long liveOperations() {
    return store.operations().size();
  }

  /** The figures of one case over its measured rounds. */
  static final class Totals {
    long requests;
    long errors;
    long nanos;
    long clientCpuNanos;
    long processCpuNanos;
    /** Counts a benchmark reads outside this JVM (CPU nanoseconds of a server, context switches), by name. */
    final java.util.Map<String, Long> counters = new java.util.LinkedHashMap<>();
    final Histogram latency = new Histogram(60_000_000L, 3);
    final List<Double> roundThroughputs = new ArrayList<>();
    final long[] statuses = new long[600];

    void add(LoadGenerator.Result r) {
      requests += r.requests();
      errors += r.errors();
      nanos += r.elapsedNanos();
      clientCpuNanos += r.clientCpuNanos();
      processCpuNanos += r.processCpuNanos();
      latency.add(r.latencyMicros());
      roundThroughputs.add(r.throughput());
      for (int i = 0; i < statuses.length; i++) {
        statuses[i] += r.statuses()[i];
      }
    }

    double throughput() {
      return requests * 1e9 / nanos;
    }

    void count(String counter, long amount) {
      counters.merge(counter, amount, Long::sum);
    }

    /** A counter's amount per request. */
    double perRequest(String counter) {
      return counters.getOrDefault(counter, 0L) / (double) Math.max(1, requests);
    }

    /** "0", or e.g. "975 (404: 975)". */
    String nonOk() {
      StringBuilder by = new StringBuilder();
      for (int i = 0; i < statuses.length; i++) {
        if (i != 200 && statuses[i] > 0) {
          by.append(by.length() == 0 ? "" : ", ").append(i).append(": ").append(statuses[i]);
        }
      }
      return by.length() == 0 ? "0" : errors + " (" + by + ")";
    }
  }

  /** Warm-up rounds, then {@code rounds} alternating rounds of every case. */
  Map<String, Totals> run(LoadGenerator.Client client, List<String> cases) throws InterruptedException {
    for (int w = 0; w < config.warmupRounds(); w++) {
      for (String name : cases) {
        round(name, client, config.roundLength());
      }
    }
    Map<String, Totals> totals = new LinkedHashMap<>();
    cases.forEach(name -> totals.put(name, new Totals()));
    for (int r = 0; r < config.rounds(); r++) {
      for (String name : cases) {
        totals.get(name).add(round(name, client, config.roundLength()));
      }
    }
    return totals;
  }

  @Override
  public void close() {
    opstub.stop();
    plain.stop();
    scenarios.stop();
  }
}
