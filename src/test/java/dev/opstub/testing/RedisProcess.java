package dev.opstub.testing;

import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.net.InetAddress;
import java.net.ServerSocket;
import java.net.Socket;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.concurrent.TimeUnit;

/**
 * A real {@code redis-server} for the tests, on loopback and a free port: the one on the PATH when
 * there is one, otherwise the Linux binary that the {@code embedded-redis} test dependency carries.
 * No persistence: a stop loses the data, as a Redis without AOF or snapshots does.
 *
 * <pre>{@code
 * try (RedisProcess redis = RedisProcess.start()) {
 *   String url = redis.url();   // redis://127.0.0.1:<port>
 * }
 * }</pre>
 */
public final class RedisProcess implements AutoCloseable {
  private static final String EMBEDDED = "redis-server-6.2.6-v5-linux-amd64";
  private static Path executable;

  private final int port;
  private Process process;

  private RedisProcess(int port) {
    this.port = port;
  }

  /** A new server on a free port, ready to answer. */
  public static RedisProcess start() {
    RedisProcess redis = new RedisProcess(freePort());
    redis.launch();
    return redis;
  }

  public int port() {
    return port;
  }

  /** The redis-server's process id (benchmarks read its CPU time). */
  public long pid() {
    return process.pid();
  }

  public String url() {
    return "redis://127.0.0.1:" + port;
  }

  /** Stops the server (its data is gone). */
  public void stop() {
    if (process != null) {
      // A paused process would not end on SIGTERM; SIGKILL ends it either way, and CONT is harmless.
      try {
        resume();
      } catch (IllegalStateException e) {
        // gone already
      }
      process.destroyForcibly();
      try {
        process.waitFor(10, TimeUnit.SECONDS);
      } catch (InterruptedException e) {
        Thread.currentThread().interrupt();
      }
      process = null;
    }
  }

  /**
   * Stalls the server as a paused container, a fork or an fsync would: it is stopped (SIGSTOP)
   * with its connections open, and answers nothing until {@link #resume()}.
   */
  public void pause() {
    signal("-STOP");
  }

  /** Lets a paused server run again (SIGCONT): it then serves what was sent to it meanwhile. */
  public void resume() {
    signal("-CONT");
  }

  private void signal(String signal) {
    try {
      Process kill = new ProcessBuilder("kill", signal, Long.toString(process.pid())).inheritIO().start();
      if (!kill.waitFor(10, TimeUnit.SECONDS) || kill.exitValue() != 0) {
        throw new IllegalStateException("kill " + signal + " " + process.pid() + " failed");
      }
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      throw new IllegalStateException(e);
    }
  }

  /** Starts it again on the same port, empty. */
  public void restart() {
    stop();
    launch();
  }

  @Override
  public void close() {
    stop();
  }

  private void launch() {
    ProcessBuilder builder = new ProcessBuilder(List.of(executable().toString(), "--port", Integer.toString(port),
        "--bind", "127.0.0.1", "--save", "", "--appendonly", "no", "--protected-mode", "no"))
        .redirectErrorStream(true).redirectOutput(ProcessBuilder.Redirect.DISCARD);
    try {
      process = builder.start();
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
    Instant deadline = Instant.now().plus(Duration.ofSeconds(20));
    while (Instant.now().isBefore(deadline)) {
      try (Socket socket = new Socket(InetAddress.getLoopbackAddress(), port)) {
        socket.getOutputStream().write("PING\r\n".getBytes());
        byte[] answer = new byte[7];
        if (socket.getInputStream().read(answer) > 0 && new String(answer).startsWith("+PONG")) {
          return;
        }
      } catch (IOException notYet) {
        // still starting
      }
      sleepABit();
    }
    stop();
    throw new IllegalStateException("redis-server did not start on port " + port);
  }

  private static synchronized Path executable() {
    if (executable != null) {
      return executable;
    }
    String path = System.getenv().getOrDefault("PATH", "");
    for (String dir : path.split(java.io.File.pathSeparator)) {
      Path candidate = Path.of(dir, "redis-server");
      if (!dir.isEmpty() && Files.isExecutable(candidate)) {
        return executable = candidate;
      }
    }
    try (InputStream in = RedisProcess.class.getResourceAsStream("/" + EMBEDDED)) {
      if (in == null) {
        throw new IllegalStateException("no redis-server on the PATH and no " + EMBEDDED + " on the test classpath");
      }
      Path file = Files.createTempFile("opstub-redis-server", "");
      Files.copy(in, file, StandardCopyOption.REPLACE_EXISTING);
      file.toFile().setExecutable(true);
      file.toFile().deleteOnExit();
      return executable = file;
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }

  private static int freePort() {
    try (ServerSocket socket = new ServerSocket(0, 1, InetAddress.getLoopbackAddress())) {
      return socket.getLocalPort();
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }

  private static void sleepABit() {
    try {
      Thread.sleep(50);
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
    }
  }
}
