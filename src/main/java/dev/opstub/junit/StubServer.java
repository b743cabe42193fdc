package dev.opstub.junit;

import static com.github.tomakehurst.wiremock.core.WireMockConfiguration.options;

import com.github.tomakehurst.wiremock.WireMockServer;
import com.github.tomakehurst.wiremock.client.ResponseDefinitionBuilder;
import com.github.tomakehurst.wiremock.client.MappingBuilder;
import com.github.tomakehurst.wiremock.client.WireMock;
import com.github.tomakehurst.wiremock.common.ClasspathFileSource;
import com.github.tomakehurst.wiremock.common.TextFile;
import com.github.tomakehurst.wiremock.stubbing.StubMapping;
import dev.opstub.internal.conformance.Waivers;
import dev.opstub.internal.wiremock.Pack;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Set;
import java.util.UUID;
import java.util.concurrent.locks.ReentrantLock;

/**
 * A WireMock server with the pack, serving one test at a time: either one the extension started
 * (loopback, free port, the pack's shipped mappings) or the user's own {@code WireMockExtension}
 * server, attached.
 */
final class StubServer implements AutoCloseable {
  /** Where the build bundles the shipped mappings/ and __files/. */
  static final String PACK_ROOT = "dev/opstub/pack";

  private final WireMockServer owned;
  private final WireMock client;
  private final Pack pack;
  private final String baseUrl;
  private final Set<UUID> baseStubs = new HashSet<>();
  private final List<UUID> testStubs = new ArrayList<>();
  /** The running test's stubs, for {@link OpStubServer#pollsOf(String)}. */
  private volatile List<StubSpec> specs = List.of();
  /** The rules the running test waived ({@link ClientAssert#waiving}), for its assertions and reports. */
  private volatile Waivers waivers = Waivers.NONE;
  // An attached server is shared by every test that uses it: they take turns.
  private final ReentrantLock turn = new ReentrantLock();

  private StubServer(WireMockServer owned, WireMock client, Pack pack, String baseUrl) {
    this.owned = owned;
    this.client = client;
    this.pack = pack;
    this.baseUrl = baseUrl;
  }

  /** How many requests WireMock's own request journal keeps on a server of the extension's own. */
  static final int MAX_JOURNAL_ENTRIES = 1000;

  /**
   * Starts a server of the extension's own: loopback only, a free port, WireMock's request journal
   * bounded to the last {@value #MAX_JOURNAL_ENTRIES} requests (it keeps every request otherwise),
   * and asynchronous responses, so that an answer held back by {@code delay(...)} waits on a timer,
   * not on one of the server's request threads, and no request log (WireMock builds a line of each
   * request, body and all, and drops it unless its notifier is verbose).
   */
  static StubServer start() {
    Pack pack = Pack.fromSystemProperties();
    WireMockServer server = new WireMockServer(options().dynamicPort().bindAddress("127.0.0.1")
        .maxRequestJournalEntries(MAX_JOURNAL_ENTRIES).asynchronousResponseEnabled(true).stubRequestLoggingDisabled(true)
        .usingFilesUnderClasspath(PACK_ROOT).extensions(pack.extensions()));
    server.start();
    StubServer stubServer = new StubServer(server, new WireMock("127.0.0.1", server.port()), pack,
        "http://127.0.0.1:" + server.port());
    server.getStubMappings().forEach(stub -> stubServer.baseStubs.add(stub.getId()));
    return stubServer;
  }

  /** Uses a server the test class runs itself, whose options carry {@code pack}. */
  static StubServer attach(int port, Pack pack) {
    return new StubServer(null, new WireMock("127.0.0.1", port), pack, "http://127.0.0.1:" + port);
  }

  boolean isAttached() {
    return owned == null;
  }

  /** Takes this server for one test: forgets the last test's operations, polls and stubs. */
  void take() {
    if (isAttached()) {
      turn.lock();
    }
    pack.state().reset();
    waivers = Waivers.NONE;
    if (!isAttached()) {
      // Stubs the last test added (from annotations or through the handle) go; the shipped ones stay.
      for (StubMapping stub : owned.getStubMappings()) {
        if (!baseStubs.contains(stub.getId())) {
          owned.removeStubMapping(stub);
        }
      }
      owned.resetRequests();
      owned.resetScenarios();
    }
  }

  /** Installs a test's stubs; on an attached server, the pack's shipped mappings as well. */
  void install(List<StubSpec> specs) {
    testStubs.clear();
    this.specs = List.copyOf(specs);
    if (isAttached()) {
      for (TextFile file : new ClasspathFileSource(PACK_ROOT + "/mappings").listFilesRecursively()) {
        StubMapping stub = StubMapping.buildFrom(file.readContentsAsString());
        String body = stub.getResponse().getBodyFileName();
        if (body != null && body.startsWith("opstub/")) {
          // The user's __files lacks the pack's templates: the transformers fall back to the bundled copies.
          stub.setResponse(ResponseDefinitionBuilder.like(stub.getResponse()).but().withBodyFile(null).build());
        }
        client.register(stub);
        testStubs.add(stub.getId());
      }
    }
    for (StubSpec spec : specs) {
      for (MappingBuilder mapping : spec.mappings()) {
        // In-process on a server of our own; over the admin API on an attached one.
        testStubs.add(owned != null ? owned.stubFor(mapping).getId() : client.register(mapping).getId());
      }
    }
  }

  /** Gives the server back after a test. */
  void release() {
    if (isAttached()) {
      for (UUID id : testStubs) {
        client.removeStubMapping(StubMapping.buildFrom("{\"id\":\"" + id + "\"}"));
      }
      testStubs.clear();
      turn.unlock();
    }
  }

  /** The stubs the running test installed. */
  List<StubSpec> specs() {
    return specs;
  }

  Pack pack() {
    return pack;
  }

  Waivers waivers() {
    return waivers;
  }

  /** Waives {@code rule} for the rest of the running test. */
  synchronized void waive(String rule, String reason) {
    waivers = waivers.with(rule, reason);
  }

  WireMock client() {
    return client;
  }

  String baseUrl() {
    return baseUrl;
  }

  @Override
  public void close() {
    if (owned != null) {
      owned.stop();
    }
  }
}
