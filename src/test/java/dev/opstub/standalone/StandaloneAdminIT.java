package dev.opstub.standalone;

import dev.opstub.testing.AdminApiScenarios;
import java.util.List;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;

/** Every admin route on the real standalone jar, in its own JVM. */
class StandaloneAdminIT extends AdminApiScenarios {
  private static StandaloneServer server;

  @BeforeAll
  static void start() {
    server = StandaloneServer.start(StandaloneServer.repositoryRoot(),
        List.of("--root-dir", ".", "--port", "{port}", "--bind-address", "127.0.0.1"));
  }

  @AfterAll
  static void stop() {
    if (server != null) {
      server.close();
    }
  }

  @Override
  protected String baseUrl() {
    return server.baseUrl();
  }
}
