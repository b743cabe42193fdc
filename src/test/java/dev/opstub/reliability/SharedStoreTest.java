package dev.opstub.reliability;

import static com.github.tomakehurst.wiremock.core.WireMockConfiguration.options;

import com.github.tomakehurst.wiremock.WireMockServer;
import dev.opstub.testing.RedisProcess;
import dev.opstub.testing.SharedStoreScenarios;
import dev.opstub.wiremock.OpStubExtensions;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;

/**
 * Three in-process servers with the shipped mappings, sharing one real Redis through {@code new
 * OpStubExtensions("redis://...")}. (The same on the standalone jar, in child JVMs, is {@code
 * SharedStoreIT}.)
 */
class SharedStoreTest extends SharedStoreScenarios {
  static RedisProcess redis;
  static final List<WireMockServer> servers = new ArrayList<>();

  @BeforeAll
  static void start() {
    redis = RedisProcess.start();
    for (int i = 0; i < 3; i++) {
      WireMockServer server = new WireMockServer(options().dynamicPort().bindAddress("127.0.0.1")
          .usingFilesUnderDirectory(".").containerThreads(24).extensions(new OpStubExtensions(redis.url())));
      server.start();
      servers.add(server);
    }
  }

  @AfterAll
  static void stop() {
    servers.forEach(WireMockServer::stop);
    redis.close();
  }

  @Override
  protected String url(int server, String path) {
    return servers.get(server).baseUrl() + path;
  }

  @Override
  protected RedisProcess redis() {
    return redis;
  }
}
