package dev.opstub.internal.azure;

import static com.github.tomakehurst.wiremock.core.WireMockConfiguration.options;

import com.github.tomakehurst.wiremock.WireMockServer;
import dev.opstub.testing.RedisProcess;
import dev.opstub.wiremock.OpStubExtensions;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;

/**
 * The tours of {@link ServiceShapedMonitorsTest} on a real {@code redis-server}: a declared word
 * survives the store (which reads timelines back in the guidelines' words), in the answers and in
 * the history.
 */
class ServiceShapedMonitorsOnRedisTest extends ServiceShapedMonitorsTest {
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
    WireMockServer server = new WireMockServer(options().dynamicPort().bindAddress("127.0.0.1")
        .usingFilesUnderDirectory(".").extensions(new OpStubExtensions(redis.url())));
    server.start();
    return server;
  }
}
