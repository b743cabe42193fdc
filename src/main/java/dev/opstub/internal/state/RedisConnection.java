package dev.opstub.internal.state;

import java.net.URI;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.function.Supplier;
import org.apache.commons.pool2.impl.GenericObjectPoolConfig;
import redis.clients.jedis.Connection;
import redis.clients.jedis.JedisPooled;
import redis.clients.jedis.exceptions.JedisConnectionException;
import redis.clients.jedis.exceptions.JedisDataException;
import redis.clients.jedis.exceptions.JedisException;
import redis.clients.jedis.params.ScanParams;
import redis.clients.jedis.resps.ScanResult;

/**
 * The Redis state's line to Redis: the connection pool, and a Redis that cannot be reached turned
 * into {@link StoreUnavailable} (calls that change something go through {@code RedisReceipts} on
 * top, scripts through {@code RedisScript}).
 *
 * <pre>{@code
 * RedisConnection connection = new RedisConnection(URI.create("redis://127.0.0.1:6379/0"));
 * String pong = connection.call(() -> connection.redis().ping());
 * }</pre>
 */
final class RedisConnection {
  /** How long a call waits for Redis' answer, milliseconds. */
  private static final int TIMEOUT = 2_000;

  private final JedisPooled redis;
  private final String shown;

  /** A pool for the Redis at {@code url}; nothing is sent yet. */
  RedisConnection(URI url) {
    this.shown = withoutPassword(url);
    GenericObjectPoolConfig<Connection> pool = new GenericObjectPoolConfig<>();
    pool.setMaxTotal(64);
    pool.setMaxIdle(64);
    pool.setMaxWait(Duration.ofSeconds(2));
    // Connections to a Redis that went away are found and dropped while idle, not only on use.
    pool.setTestWhileIdle(true);
    pool.setTimeBetweenEvictionRuns(Duration.ofSeconds(5));
    this.redis = new JedisPooled(pool, url, TIMEOUT);
  }

  JedisPooled redis() {
    return redis;
  }

  /** The store as logs and errors may show it: the URL without its password. */
  String shown() {
    return shown;
  }

  /** Whether Redis answers now. */
  boolean isReachable() {
    try {
      redis.ping();
      return true;
    } catch (JedisException e) {
      return false;
    }
  }

  <T> T call(Supplier<T> command) {
    try {
      try {
        return command.get();
      } catch (JedisConnectionException brokenConnection) {
        // A pooled connection that failed most likely died with its Redis, and so did the idle
        // ones opened before: drop them, and send the command once more on a fresh connection
        // (the first call after Redis is back is served, not answered 503).
        redis.getPool().clear();
        return command.get();
      }
    } catch (JedisDataException e) {
      throw e; // Redis answered: a bug of ours, not an outage
    } catch (JedisException e) {
      throw new StoreUnavailable("OpStub's state store " + shown + " cannot be reached (" + e.getClass().getSimpleName()
          + "); the server recovers by itself once it is back", e);
    }
  }

  /** Every key that matches {@code pattern}, read page by page (SCAN, so Redis is never blocked by one long call). */
  List<String> keys(String pattern) {
    return call(() -> {
      List<String> out = new ArrayList<>();
      ScanParams params = new ScanParams().match(pattern).count(1_000);
      String cursor = ScanParams.SCAN_POINTER_START;
      do {
        ScanResult<String> page = redis.scan(cursor, params);
        out.addAll(page.getResult());
        cursor = page.getCursor();
      } while (!cursor.equals(ScanParams.SCAN_POINTER_START));
      return out;
    });
  }

  /** {@code url} with any password (and user) replaced, for logs and error bodies. */
  static String withoutPassword(URI url) {
    String host = url.getHost() == null ? "?" : url.getHost();
    return url.getScheme() + "://" + (url.getUserInfo() == null ? "" : "***@") + host
        + (url.getPort() < 0 ? "" : ":" + url.getPort()) + (url.getPath() == null ? "" : url.getPath());
  }
}
