package dev.opstub.internal.wiremock;


import com.github.tomakehurst.wiremock.WireMockServer;
import dev.opstub.testing.AdminApiScenarios;
import dev.opstub.testing.RepositoryServer;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;

/** The admin routes on an in-process server. */
class AdminRoutesTest extends AdminApiScenarios {
  private static WireMockServer server;

  @BeforeAll
  static void start() {
    server = RepositoryServer.start();
  }

  @AfterAll
  static void stop() {
    server.stop();
  }

  @Override
  protected String baseUrl() {
    return server.baseUrl();
  }
}
