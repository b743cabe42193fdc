package dev.opstub.internal.state;

import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.util.List;
import redis.clients.jedis.JedisPooled;
import redis.clients.jedis.exceptions.JedisNoScriptException;

/**
 * A Lua script of the pack's ({@code dev/opstub/redis/}), run by its SHA1 so that a call sends its
 * arguments, not the script; loaded again when Redis has forgotten it (a restart, a flush).
 *
 * <pre>{@code
 * List<?> reply = (List<?>) RedisScript.CLOCK.run(connection.redis(), keys, args);
 * }</pre>
 */
final class RedisScript {
  /** One atomic step of an operation, and the history writes that go with it ({@code operation.lua}). */
  static final RedisScript OPERATION = new RedisScript("operation.lua");
  /** The shared clock's setting ({@code clock.lua}). */
  static final RedisScript CLOCK = new RedisScript("clock.lua");

  private final String source;
  private volatile String sha;

  private RedisScript(String name) {
    try (InputStream in = RedisScript.class.getClassLoader().getResourceAsStream("dev/opstub/redis/" + name)) {
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
