package dev.opstub.testing;

import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStreamReader;
import java.io.UncheckedIOException;
import java.net.InetAddress;
import java.net.Socket;
import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import redis.clients.jedis.Jedis;

/**
 * Redis' {@code MONITOR}: every command a real redis-server runs, as sent, those a script runs
 * marked {@code [<db> lua]}; for tests that count what a poll sends.
 *
 * <pre>{@code
 * try (RedisMonitor monitor = new RedisMonitor(redis)) {
 *   poll();
 *   assertThat(monitor.commandsFromClients()).hasSize(1);
 * }
 * }</pre>
 */
public final class RedisMonitor implements AutoCloseable {
  private final RedisProcess redis;
  private final Socket socket;
  private final BufferedReader in;

  public RedisMonitor(RedisProcess redis) {
    this.redis = redis;
    try {
      socket = new Socket(InetAddress.getLoopbackAddress(), redis.port());
      socket.getOutputStream().write("MONITOR\r\n".getBytes(StandardCharsets.US_ASCII));
      in = new BufferedReader(new InputStreamReader(socket.getInputStream(), StandardCharsets.UTF_8));
      String ok = in.readLine();
      if (!"+OK".equals(ok)) {
        throw new IllegalStateException("MONITOR answered " + ok);
      }
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }

  /**
   * The commands run since it started (a pool's connection upkeep, PING and CLIENT, left out), up
   * to a marker this sends through another connection.
   */
  public List<String> commands() {
    try (Jedis jedis = new Jedis(URI.create(redis.url()))) {
      jedis.echo("opstub-monitor-end");
    }
    List<String> lines = new ArrayList<>();
    try {
      for (String line = in.readLine(); line != null && !line.contains("opstub-monitor-end"); line = in.readLine()) {
        String lower = line.toLowerCase(Locale.ROOT);
        if (!lower.contains("\"ping\"") && !lower.contains("\"client\"")) {
          lines.add(line);
        }
      }
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
    return lines;
  }

  /** {@link #commands()} that came from clients: the round trips, a script's own commands left out. */
  public List<String> commandsFromClients() {
    return commands().stream().filter(line -> !line.contains(" lua] ")).toList();
  }

  @Override
  public void close() {
    try {
      socket.close();
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }
}
