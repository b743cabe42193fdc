package dev.opstub.bench;

import com.github.tomakehurst.wiremock.WireMockServer;
import com.github.tomakehurst.wiremock.extension.ExtensionFactory;
import dev.opstub.internal.api.Apis;
import dev.opstub.internal.face.FaceApi;
import dev.opstub.internal.face.FaceStatuses;
import dev.opstub.internal.state.InMemoryState;
import dev.opstub.internal.timeline.ControllableClock;
import dev.opstub.internal.timeline.OperationStore;
import dev.opstub.internal.timeline.TimelineParser;
import dev.opstub.internal.wiremock.Pack;
import dev.opstub.spi.OperationSpec;
import dev.opstub.spi.StubParameters;
import dev.opstub.spi.Timeline;
import java.lang.ref.Reference;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ThreadLocalRandom;
import java.util.function.IntFunction;
import org.HdrHistogram.Histogram;

/**
 * Benchmark 2: poll latency with 1, 10k, 100k and 1M live operations in the store (polls spread
 * uniformly at random over the live ids), and the retained heap per live operation.
 */
final class LiveOperationsBench {
  private LiveOperationsBench() {}

  private record Latency(long size, Histogram http, double throughput, long requests, long errors, Histogram store) {}

  private record Heap(String state, long size, long usedDelta, long histogramDelta, Map<String, long[]> classes) {}

  static void run(BenchConfig config, Report report) throws Exception {
    report.heading("2. Scale with live operations");
    long max = java.util.Arrays.stream(config.liveSizes()).max().orElse(1);
    // Raised from the default 100,000 so the largest size fits without eviction.
    int capacity = (int) Math.max(max, 1);
    InMemoryState store = new InMemoryState(capacity);
    ExtensionFactory pack = new Pack(store, Apis.builtIn()).extensions();
    Path root = BenchServers.rootWithTemplate();
    WireMockServer server = BenchServers.start(root, pack);
    Timeline timeline = TimelineParser.parse(BenchServers.TIMELINE, FaceStatuses.INSTANCE);
    List<Latency> latencies = new ArrayList<>();
    List<Heap> heaps = new ArrayList<>();
    try {
      server.stubFor(BenchServers.opStubPoll());
      // Warm the whole path once (JIT), on a mid-sized store.
      Report.progress("benchmark 2: warm-up");
      fill(store, timeline, Math.min(max, 10_000));
      httpRound(server, config, Math.min(max, 10_000), config.scaleRoundLength());
      storeRound(store, Math.min(max, 10_000));
      List<Long> sizes = new ArrayList<>();
      for (long size : config.liveSizes()) {
        sizes.add(size);
      }
      sizes.add(config.liveSizes()[0]); // the first size again, to see drift over the run
      for (long size : sizes) {
        Report.progress("benchmark 2: " + size + " live operations");
        store.reset();
        if (size >= 10_000 && heaps.stream().noneMatch(h -> h.size() == size)) {
          heaps.addAll(measureHeap(capacity, timeline, size, size == max));
        }
        fill(store, timeline, size);
        if (store.operations().size() != size) {
          throw new IllegalStateException("the store holds " + store.operations().size() + " operations, not " + size);
        }
        // Warm-up round at this size (not reported), then the measured rounds.
        httpRound(server, config, size, config.scaleRoundLength().dividedBy(2));
        Histogram http = new Histogram(60_000_000L, 3);
        long requests = 0;
        long errors = 0;
        long nanos = 0;
        for (int r = 0; r < 2; r++) {
          LoadGenerator.Result result = httpRound(server, config, size, config.scaleRoundLength());
          http.add(result.latencyMicros());
          requests += result.requests();
          errors += result.errors();
          nanos += result.elapsedNanos();
        }
        Histogram direct = storeRound(store, size);
        latencies.add(new Latency(size, http, requests * 1e9 / nanos, requests, errors, direct));
      }
    } finally {
      server.stop();
      store.reset();
    }
    heaps.addAll(azureHeaps());
    String capacityCheck = azureCapacityCheck();
    report(config, report, latencies, heaps, capacity);
    report.line("Azure: " + capacityCheck);
  }

  /** The label of the Azure rows (Face's target line leaves them out). */
  private static final String AZURE = "Azure ";

  /**
   * Heap per live Azure operation at the store's default capacity (100,000), each started as the
   * shipped analyze mapping starts it: with its small result, and with a 64 KB result.
   */
  private static List<Heap> azureHeaps() throws Exception {
    Path project = Path.of(System.getProperty("user.dir"));
    int size = OperationStore.DEFAULT_CAPACITY;
    List<Heap> heaps = new ArrayList<>();
    for (String result : new String[] {null, AzureOperations.result64k()}) {
      Report.progress("benchmark 2: " + size + " live Azure operations, " + (result == null ? "shipped" : "64 KB")
          + " result");
      StubParameters parameters = AzureOperations.parameters(project, result);
      heaps.add(measureFill(AZURE + "analyze, " + (result == null ? "shipped result" : "64 KB result") + ", created, not polled",
          size, store -> {
            for (int i = 0; i < size; i++) {
              AzureOperations.start(store, parameters);
            }
          }));
    }
    Report.progress("benchmark 2: " + size + " live ARM resource group deletes");
    StubParameters arm = AzureOperations.parameters(project, AzureOperations.ARM_DELETE, null);
    heaps.add(measureFill(AZURE + "ARM resource group delete (each its own 88-character path), created, not polled",
        size, store -> {
          for (int i = 0; i < size; i++) {
            AzureOperations.startArmDelete(store, arm, i);
          }
        }));
    return heaps;
  }

  /**
   * Whether a JVM of {@code -Xmx256m} holds the store's full capacity of Azure operations with a
   * 64 KB result: {@link AzureOperations#main} in a JVM of its own.
   */
  private static String azureCapacityCheck() throws Exception {
    Report.progress("benchmark 2: 100,000 Azure operations with a 64 KB result in -Xmx256m");
    List<String> command = List.of(Path.of(System.getProperty("java.home"), "bin", "java").toString(), "-Xmx256m",
        "-cp", System.getProperty("java.class.path"), AzureOperations.class.getName(),
        System.getProperty("user.dir"), Integer.toString(OperationStore.DEFAULT_CAPACITY));
    Process process = new ProcessBuilder(command).redirectErrorStream(true).start();
    String output = new String(process.getInputStream().readAllBytes(), java.nio.charset.StandardCharsets.UTF_8).strip();
    int exit = process.waitFor();
    String last = output.lines().reduce("", (x, y) -> y);
    boolean held = exit == 0 && last.startsWith("held ");
    String[] words = last.split(" ");
    return "`java -Xmx256m` with " + Report.num(OperationStore.DEFAULT_CAPACITY, 0) + " live operations of a 64 KB "
        + "result (the store's default capacity), started through `AzureStart`: "
        + (held ? "held, " + words[1] + " MiB of heap used after GC of " + words[2] + " MiB" : "failed (exit " + exit
            + "): " + last) + " — " + Report.verdict(held) + ".";
  }

  /** Retained heap of the operations {@code fill} puts in a new store of the default capacity. */
  private static Heap measureFill(String label, long size, java.util.function.Consumer<InMemoryState> fill)
      throws Exception {
    InMemoryState fresh = new InMemoryState(OperationStore.DEFAULT_CAPACITY);
    HeapMeter.Histogram held = HeapMeter.histogram();
    long used0 = HeapMeter.usedAfterGc();
    HeapMeter.Histogram histogram0 = HeapMeter.histogram();
    Reference.reachabilityFence(held);
    held = null;
    fill.accept(fresh);
    long used1 = HeapMeter.usedAfterGc();
    HeapMeter.Histogram histogram1 = HeapMeter.histogram();
    if (fresh.operations().size() != size) {
      throw new IllegalStateException("the store holds " + fresh.operations().size() + " operations, not " + size);
    }
    Heap heap = new Heap(label, size, used1 - used0, histogram1.totalBytes() - histogram0.totalBytes(),
        HeapMeter.diff(histogram0, histogram1, size));
    fresh.reset();
    Reference.reachabilityFence(fresh);
    Reference.reachabilityFence(histogram0);
    return heap;
  }

  /**
   * Retained heap of {@code size} operations in a new store of the same capacity (so that nothing
   * a previous size left behind, such as a grown hash table, is in the baseline): live heap with
   * them minus live heap with the store empty; with {@code polled}, once more after every
   * operation was polled to the end of its timeline.
   */
  private static List<Heap> measureHeap(int capacity, Timeline timeline, long size, boolean polled) throws Exception {
    List<Heap> heaps = new ArrayList<>();
    InMemoryState fresh = new InMemoryState(capacity);
    // Every measurement is taken while exactly one parsed class histogram (about a megabyte) is
    // live: the baseline while this one is, the later ones while histogram0 is.
    HeapMeter.Histogram held = HeapMeter.histogram();
    long used0 = HeapMeter.usedAfterGc();
    HeapMeter.Histogram histogram0 = HeapMeter.histogram();
    Reference.reachabilityFence(held);
    held = null;
    fill(fresh, timeline, size);
    long used1 = HeapMeter.usedAfterGc();
    HeapMeter.Histogram histogram1 = HeapMeter.histogram();
    heaps.add(new Heap("created, not polled", size, used1 - used0, histogram1.totalBytes() - histogram0.totalBytes(),
        HeapMeter.diff(histogram0, histogram1, size)));
    histogram1 = null;
    if (polled) {
      Report.progress("benchmark 2: polling every operation to the end of its timeline");
      for (long i = 0; i < size; i++) {
        String id = BenchServers.faceId(i);
        while (!fresh.poll(FaceApi.NAME, id, null).isTerminal()) {
          // polls until succeeded
        }
      }
      long used2 = HeapMeter.usedAfterGc();
      HeapMeter.Histogram histogram2 = HeapMeter.histogram();
      heaps.add(new Heap("each polled to `succeeded`", size, used2 - used0,
          histogram2.totalBytes() - histogram0.totalBytes(), HeapMeter.diff(histogram0, histogram2, size)));
    }
    if (fresh.operations().size() != size) {
      throw new IllegalStateException("the store holds " + fresh.operations().size() + " operations, not " + size);
    }
    fresh.reset();
    Reference.reachabilityFence(fresh);
    Reference.reachabilityFence(histogram0);
    return heaps;
  }

  private static void fill(InMemoryState store, Timeline timeline, long size) {
    store.reset();
    for (long i = 0; i < size; i++) {
      // A new id String per operation, as a poll's path gives one.
      store.put(FaceApi.NAME, new OperationSpec(BenchServers.faceId(i), timeline, BenchServers.RESOURCE_LOCATION, null));
    }
  }

  private static LoadGenerator.Result httpRound(WireMockServer server, BenchConfig config, long size, Duration length)
      throws InterruptedException {
    IntFunction<LoadGenerator.Paths> spread = thread -> () ->
        BenchServers.PATH_PREFIX + BenchServers.faceId(ThreadLocalRandom.current().nextLong(size));
    return new LoadGenerator(server.port(), config.threads(), BenchServers.KEY_HEADER)
        .run(length, config.maxRequestsPerRound(), spread, LoadGenerator.Client.RAW_SOCKET);
  }

  /** The store's own share of a poll, on one thread: look the operation up and poll it (nanoseconds). */
  private static Histogram storeRound(InMemoryState store, long size) {
    Histogram histogram = new Histogram(1_000_000_000L, 3);
    ThreadLocalRandom random = ThreadLocalRandom.current();
    for (int i = 0; i < 300_000; i++) {
      String id = BenchServers.faceId(random.nextLong(size));
      long t0 = System.nanoTime();
      store.poll(FaceApi.NAME, id, null);
      long t1 = System.nanoTime();
      histogram.recordValue(Math.max(1, t1 - t0));
    }
    return histogram;
  }

  private static void report(BenchConfig config, Report report, List<Latency> latencies, List<Heap> heaps, int capacity) {
    report.line("Store capacity raised to " + Report.num(capacity, 0) + " (`new OperationStore(" + capacity
        + ", new ControllableClock())`); operations created with `OperationStore.put`, timeline `"
        + BenchServers.TIMELINE + "`; polls over HTTP go to ids drawn uniformly at random from the live ones ("
        + config.threads() + " client threads, one " + config.scaleRoundLength().dividedBy(2).toMillis()
        + " ms warm-up round and two " + config.scaleRoundLength().toMillis() + " ms measured rounds per size, "
        + "the first size measured again at the end). \"Store only\": 300,000 look-ups + polls on one thread, "
        + "`State.poll(api, id, null)` (find, then one atomic poll), no HTTP.");
    report.line("");
    Histogram baseline = new Histogram(60_000_000L, 3);
    long first = latencies.get(0).size();
    latencies.stream().filter(l -> l.size() == first).forEach(l -> baseline.add(l.http()));
    long baseP99 = baseline.getValueAtPercentile(99);
    List<List<String>> rows = new ArrayList<>();
    for (int i = 0; i < latencies.size(); i++) {
      Latency l = latencies.get(i);
      long p99 = l.http().getValueAtPercentile(99);
      rows.add(List.of(Report.num(l.size(), 0) + (i == latencies.size() - 1 ? " (again)" : ""),
          Report.num(l.requests(), 0), Report.num(l.errors(), 0), Report.num(l.throughput(), 0),
          Report.num(l.http().getValueAtPercentile(50), 0), Report.num(p99, 0),
          Report.num((double) p99 / baseP99, 2),
          Report.num(l.store().getValueAtPercentile(50), 0), Report.num(l.store().getValueAtPercentile(99), 0)));
    }
    report.table(List.of("live operations", "polls", "non-200", "req/s", "p50 µs", "p99 µs",
        "p99 / p99 at " + Report.num(first, 0), "store only p50 ns", "store only p99 ns"), rows);
    Latency largest = latencies.stream().max(Comparator.comparingLong(Latency::size)).orElseThrow();
    double ratio = (double) largest.http().getValueAtPercentile(99) / baseP99;
    report.line("Target: p99 at " + Report.num(largest.size(), 0) + " within 1.25× of p99 at " + Report.num(first, 0)
        + " (both runs of " + Report.num(first, 0) + " merged: " + baseP99 + " µs): " + Report.num(ratio, 2) + "× — "
        + Report.verdict(ratio <= 1.25) + ".");
    report.line("");
    report.line("Retained heap: live heap after full GCs with the operations in a new store of the same capacity "
        + "minus the same with that store still empty, divided by the number of operations (the server's own store "
        + "is empty meanwhile); \"histogram\" is the sum of "
        + "HotSpot's live-object class histogram (`GC.class_histogram`), \"MXBean\" is `MemoryMXBean` heap used "
        + "after `System.gc()`.");
    report.line("");
    List<List<String>> heapRows = new ArrayList<>();
    for (Heap heap : heaps) {
      heapRows.add(List.of(Report.num(heap.size(), 0), heap.state(),
          Report.num(heap.histogramDelta() / (1024.0 * 1024), 1), Report.num((double) heap.histogramDelta() / heap.size(), 1),
          Report.num((double) heap.usedDelta() / heap.size(), 1)));
    }
    report.table(List.of("live operations", "state", "histogram Δ MiB", "bytes / operation (histogram)",
        "bytes / operation (MXBean)"), heapRows);
    for (Heap heap : heaps) {
      if (heap.size() != largest.size() && !heap.state().startsWith(AZURE)) {
        continue;
      }
      report.line("Where the bytes go at " + Report.num(heap.size(), 0) + " operations, " + heap.state()
          + " (classes adding at least 1 byte per operation):");
      report.line("");
      List<List<String>> classRows = new ArrayList<>();
      heap.classes().entrySet().stream()
          .filter(e -> e.getValue()[1] >= heap.size())
          .sorted((x, y) -> Long.compare(y.getValue()[1], x.getValue()[1]))
          .forEach(e -> classRows.add(List.of("`" + e.getKey() + "`",
              Report.num((double) e.getValue()[0] / heap.size(), 2),
              Report.num((double) e.getValue()[1] / heap.size(), 1))));
      report.table(List.of("class", "instances / operation", "bytes / operation"), classRows);
    }
    Heap fresh = heaps.stream().filter(h -> h.size() == largest.size() && !h.state().startsWith(AZURE))
        .findFirst().orElse(null);
    if (fresh != null) {
      double worst = heaps.stream().filter(h -> h.size() == largest.size() && !h.state().startsWith(AZURE))
          .mapToDouble(h -> (double) h.histogramDelta() / h.size()).max().orElse(0);
      report.line("Target: at most 256 bytes per live operation: " + Report.num(worst, 1)
          + " bytes in the larger of the two states — " + Report.verdict(worst <= 256) + ".");
    }
    for (Heap heap : heaps) {
      if (heap.state().startsWith(AZURE)) {
        double bytes = (double) heap.histogramDelta() / heap.size();
        report.line("Target: at most 300 bytes per live Azure operation beside the shared result (" + heap.state()
            + "): " + Report.num(bytes, 1) + " bytes — " + Report.verdict(bytes <= 300) + ".");
      }
    }
  }
}
