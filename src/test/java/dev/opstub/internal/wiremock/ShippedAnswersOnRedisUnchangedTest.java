package dev.opstub.internal.wiremock;

import static com.github.tomakehurst.wiremock.core.WireMockConfiguration.options;

import com.github.tomakehurst.wiremock.WireMockServer;
import dev.opstub.testing.RedisProcess;
import dev.opstub.wiremock.OpStubExtensions;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;

/**
 * The tours of {@link ShippedAnswersUnchangedTest} on the shared-mode backend, a real {@code
 * redis-server} (emptied before every tour), compared with the same golden transcripts: a server
 * on Redis answers byte for byte as one in memory. It never records them.
 */
class ShippedAnswersOnRedisUnchangedTest extends ShippedAnswersUnchangedTest {
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

  @Override
  boolean records() {
    return false;
  }
}
