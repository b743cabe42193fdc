package dev.opstub.testing;

import static com.github.tomakehurst.wiremock.core.WireMockConfiguration.options;

import com.github.tomakehurst.wiremock.WireMockServer;
import dev.opstub.wiremock.OpStubExtensions;

/** An in-process server as the README's run command serves: loopback, the repository's mappings/ and __files/. */
public final class RepositoryServer {
  private RepositoryServer() {}

  /** Started, with a free port and a pack of its own. */
  public static WireMockServer start() {
    WireMockServer server = new WireMockServer(options().dynamicPort().bindAddress("127.0.0.1")
        .usingFilesUnderDirectory(".").extensions(new OpStubExtensions()));
    server.start();
    return server;
  }
}
