package dev.opstub.bench;

import java.io.IOException;
import java.lang.management.ManagementFactory;
import java.lang.management.ThreadMXBean;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import java.util.function.IntFunction;
import org.HdrHistogram.Histogram;

/**
 * A closed-loop load generator: {@code threads} client threads, each with its own keep-alive
 * connection to 127.0.0.1, send the next GET as soon as the last answer is read, until the round's
 * time or its request budget is used up. Latency is measured per request with {@link
 * System#nanoTime()} around the whole exchange and recorded in an HdrHistogram (microseconds,
 * three significant digits).
 */
final class LoadGenerator {
  /** Which client sends the requests. */
  enum Client { RAW_SOCKET, JDK_HTTP_CLIENT }

  /** Where one thread sends its next request; one instance per thread, so it may keep state. */
  interface Paths {
    String next();

    /** Whether the requests are {@code POST}s with an empty body (raw socket client only). */
    default boolean post() {
      return false;
    }
  }

  /** One round's figures. */
  record Result(long requests, long errors, long elapsedNanos, Histogram latencyMicros, long clientCpuNanos,
      long processCpuNanos, long[] statuses) {
    double throughput() {
      return requests * 1e9 / elapsedNanos;
    }
  }

  private static final ThreadMXBean THREADS = ManagementFactory.getThreadMXBean();
  private static final com.sun.management.OperatingSystemMXBean OS =
      (com.sun.management.OperatingSystemMXBean) ManagementFactory.getOperatingSystemMXBean();

  private final int port;
  private final int threads;
  private final String[] headers;

  LoadGenerator(int port, int threads, String... headers) {
    this.port = port;
    this.threads = threads;
    this.headers = headers;
  }

  Result run(Duration duration, long maxRequests, IntFunction<Paths> plan, Client client) throws InterruptedException {
    CountDownLatch ready = new CountDownLatch(threads);
    CountDownLatch go = new CountDownLatch(1);
    List<Worker> workers = new ArrayList<>();
    long perThread = Math.max(1, maxRequests / threads);
    HttpClient shared = client == Client.JDK_HTTP_CLIENT
        ? HttpClient.newBuilder().version(HttpClient.Version.HTTP_1_1).connectTimeout(Duration.ofSeconds(10)).build()
        : null;
    for (int t = 0; t < threads; t++) {
      Worker worker = new Worker(plan.apply(t), perThread, ready, go, shared);
      workers.add(worker);
      worker.setDaemon(true);
      worker.setName("bench-client-" + t);
      worker.start();
    }
    ready.await();
    long processCpu0 = OS.getProcessCpuTime();
    long start = System.nanoTime();
    long deadline = start + duration.toNanos();
    workers.forEach(w -> w.deadline = deadline);
    go.countDown();
    Histogram all = new Histogram(TimeUnit.SECONDS.toMicros(60), 3);
    long requests = 0;
    long errors = 0;
    long cpu = 0;
    long[] statuses = new long[600];
    for (Worker worker : workers) {
      worker.join();
      // Only after join: the worker writes its counts until it ends.
      for (int i = 0; i < statuses.length; i++) {
        statuses[i] += worker.statuses[i];
      }
      requests += worker.requests;
      errors += worker.errors;
      cpu += worker.cpuNanos;
      all.add(worker.histogram);
      if (worker.failure != null) {
        throw new IllegalStateException("load thread failed", worker.failure);
      }
    }
    long processCpu = OS.getProcessCpuTime() - processCpu0;
    long elapsed = workers.stream().mapToLong(w -> w.finished).max().orElse(start) - start;
    return new Result(requests, errors, elapsed, all, cpu, processCpu, statuses);
  }

  private final class Worker extends Thread {
    private final Paths paths;
    private final long budget;
    private final CountDownLatch ready;
    private final CountDownLatch go;
    private final HttpClient jdk;
    private final Histogram histogram = new Histogram(TimeUnit.SECONDS.toMicros(60), 3);
    volatile long deadline;
    long requests;
    long errors;
    long finished;
    long cpuNanos;
    final long[] statuses = new long[600];
    Throwable failure;

    Worker(Paths paths, long budget, CountDownLatch ready, CountDownLatch go, HttpClient jdk) {
      this.paths = paths;
      this.budget = budget;
      this.ready = ready;
      this.go = go;
      this.jdk = jdk;
    }

    @Override
    public void run() {
      try (RawHttpClient raw = jdk == null ? new RawHttpClient(port, headers) : null) {
        ready.countDown();
        go.await();
        long cpu0 = THREADS.getCurrentThreadCpuTime();
        long end = deadline;
        String base = "http://127.0.0.1:" + port;
        while (requests < budget) {
          String path = paths.next();
          long t0 = System.nanoTime();
          int status = raw != null ? (paths.post() ? raw.post(path) : raw.get(path)) : jdkGet(base + path);
          long t1 = System.nanoTime();
          histogram.recordValue(Math.max(1, (t1 - t0) / 1000));
          requests++;
          if (status != 200) {
            errors++;
          }
          statuses[status >= 0 && status < 600 ? status : 0]++;
          if (t1 >= end) {
            break;
          }
        }
        cpuNanos = THREADS.getCurrentThreadCpuTime() - cpu0;
      } catch (Throwable e) {
        failure = e;
      } finally {
        finished = System.nanoTime();
      }
    }

    private int jdkGet(String url) throws IOException, InterruptedException {
      HttpRequest.Builder request = HttpRequest.newBuilder(URI.create(url)).GET();
      for (String header : headers) {
        int colon = header.indexOf(':');
        request.header(header.substring(0, colon).trim(), header.substring(colon + 1).trim());
      }
      return jdk.send(request.build(), HttpResponse.BodyHandlers.ofByteArray()).statusCode();
    }
  }
}
