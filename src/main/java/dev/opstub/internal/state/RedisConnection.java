package dev.opstub.internal.state;

import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.net.SocketTimeoutException;
import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.List;
import java.util.concurrent.ThreadLocalRandom;
import java.util.function.Supplier;
import org.apache.commons.pool2.impl.GenericObjectPoolConfig;
import redis.clients.jedis.Connection;
import redis.clients.jedis.JedisPooled;
import redis.clients.jedis.exceptions.JedisConnectionException;
import redis.clients.jedis.exceptions.JedisDataException;
import redis.clients.jedis.exceptions.JedisException;
import redis.clients.jedis.exceptions.JedisNoScriptException;

/**
 * {@link RedisState}'s line to Redis: the connection pool, a Redis that cannot be reached turned
 * into {@link StoreUnavailable}, calls that carry a receipt sent again through a stall, and the
 * Lua scripts run by their SHA1.
 *
 * <pre>{@code
 * RedisConnection connection = new RedisConnection(URI.create("redis://127.0.0.1:6379/0"));
 * String pong = connection.call(() -> connection.redis().ping());
 * }</pre>
 */
final class RedisConnection {
  /**
   * How long a call that changes something is sent again while Redis does not answer it in time
   * (each try waits {@link #TIMEOUT}); a stall longer than this is answered 503.
   */
  static final Duration STALL_BUDGET = Duration.ofSeconds(10);
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

  /**
   * Runs a call that carries a receipt token (see the class comment): safe to send again, so it is,
   * while Redis does not answer in time, for up to {@link #STALL_BUDGET}.
   */
  <T> T once(Supplier<T> command) {
    long deadline = System.nanoTime() + STALL_BUDGET.toNanos();
    while (true) {
      try {
        return call(command);
      } catch (StoreUnavailable e) {
        if (!timedOut(e) || System.nanoTime() - deadline > 0) {
          throw e;
        }
      }
    }
  }

  /** Whether a failure is Redis not answering in time (as opposed to refusing the connection). */
  private static boolean timedOut(Throwable e) {
    for (Throwable cause = e; cause != null; cause = cause.getCause()) {
      if (cause instanceof SocketTimeoutException) {
        return true;
      }
    }
    return false;
  }

  /** A token no other call carries: 128 random bits. */
  static String token() {
    ThreadLocalRandom random = ThreadLocalRandom.current();
    return Long.toHexString(random.nextLong()) + Long.toHexString(random.nextLong());
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

  /** {@code url} with any password (and user) replaced, for logs and error bodies. */
  static String withoutPassword(URI url) {
    String host = url.getHost() == null ? "?" : url.getHost();
    return url.getScheme() + "://" + (url.getUserInfo() == null ? "" : "***@") + host
        + (url.getPort() < 0 ? "" : ":" + url.getPort()) + (url.getPath() == null ? "" : url.getPath());
  }

  /** A Lua script run by its SHA1, loaded again when Redis has forgotten it (a restart). */
  static final class Script {
    private final String source;
    private volatile String sha;

    Script(String name) {
      try (InputStream in = RedisConnection.class.getClassLoader().getResourceAsStream("dev/opstub/redis/" + name)) {
        if (in == null) {
          throw new IllegalStateException("the pack's jar lacks dev/opstub/redis/" + name);
        }
        this.source = new String(in.readAllBytes(), StandardCharsets.UTF_8);
      } catch (IOException e) {
        throw new UncheckedIOException(e);
      }
    }

    Object run(JedisPooled redis, List<String> keys, List<String> args) {
      String known = sha;
      if (known != null) {
        try {
          return redis.evalsha(known, keys, args);
        } catch (JedisNoScriptException e) {
          // Redis restarted (or was flushed): load the script again below.
        }
      }
      sha = redis.scriptLoad(source);
      return redis.evalsha(sha, keys, args);
    }
  }
}
