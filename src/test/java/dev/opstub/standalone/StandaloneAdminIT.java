package dev.opstub.standalone;

import dev.opstub.testing.AdminApiScenarios;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;

/** Every admin route on the real standalone jar, in its own JVM. */
class StandaloneAdminIT extends AdminApiScenarios {
  private static StandaloneServer server;

  @BeforeAll
  static void start() {
    server = StandaloneServer.startWithRepositoryMappings();
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
