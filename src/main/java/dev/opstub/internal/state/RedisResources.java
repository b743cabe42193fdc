package dev.opstub.internal.state;

import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import redis.clients.jedis.params.SetParams;

/**
 * The resources operations made (such as snapshots), kept in Redis as JSON text, one key each,
 * that expires when the resource's time to live ends.
 *
 * <pre>{@code
 * resources.put("demo", "snapshot", id, json, Duration.ofHours(48));
 * }</pre>
 */
final class RedisResources {
  private final RedisConnection connection;

  RedisResources(RedisConnection connection) {
    this.connection = connection;
  }

  Optional<String> get(String api, String kind, String id) {
    return Optional.ofNullable(connection.call(() -> connection.redis().get(RedisKeys.resource(api, kind, id))));
  }

  void put(String api, String kind, String id, String json, Duration timeToLive) {
    long millis = Math.max(1, timeToLive.toMillis());
    connection.call(() -> connection.redis().set(RedisKeys.resource(api, kind, id), json, SetParams.setParams().px(millis)));
  }

  boolean remove(String api, String kind, String id) {
    return connection.call(() -> connection.redis().unlink(RedisKeys.resource(api, kind, id)) > 0);
  }

  List<String> all(String api, String kind) {
    // Glob characters an id may hold are no concern: api and kind are the pack's own words.
    List<String> keys = connection.keys(RedisKeys.resource(api, kind, "*"));
    if (keys.isEmpty()) {
      return List.of();
    }
    List<String> values = connection.call(() -> connection.redis().mget(keys.toArray(String[]::new)));
    List<String> out = new ArrayList<>();
    values.stream().filter(v -> v != null).forEach(out::add);
    return out;
  }
}
