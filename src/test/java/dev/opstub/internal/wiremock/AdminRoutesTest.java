package dev.opstub.internal.wiremock;

import dev.opstub.wiremock.OpStubExtensions;
import static com.github.tomakehurst.wiremock.core.WireMockConfiguration.options;

import com.github.tomakehurst.wiremock.WireMockServer;
import dev.opstub.testing.AdminApiScenarios;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;

/** The admin routes on an in-process server. */
class AdminRoutesTest extends AdminApiScenarios {
  private static WireMockServer server;

  @BeforeAll
  static void start() {
    server = new WireMockServer(options().dynamicPort().bindAddress("127.0.0.1").usingFilesUnderDirectory(".")
        .extensions(new OpStubExtensions()));
    server.start();
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
