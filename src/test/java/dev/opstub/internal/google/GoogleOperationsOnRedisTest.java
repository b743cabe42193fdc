package dev.opstub.internal.google;

import static com.github.tomakehurst.wiremock.core.WireMockConfiguration.options;

import com.github.tomakehurst.wiremock.WireMockServer;
import dev.opstub.testing.RedisProcess;
import dev.opstub.wiremock.OpStubExtensions;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;

/**
 * {@link GoogleOperationsTest} on a shared store, a real {@code redis-server} (emptied before every
 * test): a Google operation's metadata, response, cancel, delete and list pages round-trip through
 * Redis as they do in memory.
 */
class GoogleOperationsOnRedisTest extends GoogleOperationsTest {
  private static RedisProcess redis;

  @BeforeAll
  static void startRedis() {
    redis = RedisProcess.start();
  }

  @AfterAll
  static void stopRedis() {
    redis.close();
  }

  @Override
  WireMockServer startServer() {
    redis.restart();
    WireMockServer started = new WireMockServer(options().dynamicPort().bindAddress("127.0.0.1")
        .usingFilesUnderDirectory(".").extensions(new OpStubExtensions(redis.url())));
    started.start();
    return started;
  }
}
