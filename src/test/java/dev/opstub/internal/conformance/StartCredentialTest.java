package dev.opstub.internal.conformance;

import static com.github.tomakehurst.wiremock.core.WireMockConfiguration.options;
import static net.javacrumbs.jsonunit.assertj.JsonAssertions.assertThatJson;
import static org.assertj.core.api.Assertions.assertThat;

import com.github.tomakehurst.wiremock.WireMockServer;
import dev.opstub.testing.Http;
import dev.opstub.testing.RedisProcess;
import dev.opstub.wiremock.OpStubExtensions;
import java.net.http.HttpResponse;
import java.util.List;
import java.util.function.Supplier;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/**
 * {@code sent-credential} knows what the start call carried, in memory and on Redis: a client that
 * sends its key to start the shipped Document Intelligence analyze and then polls without it is
 * caught on every such poll; one that sends a key only to poll, or none anywhere, is not judged by it.
 */
class StartCredentialTest {
  private static final String ANALYZE = "/documentintelligence/documentModels/prebuilt-read:analyze?api-version=2024-11-30";
  private static RedisProcess redis;

  @BeforeAll
  static void startRedis() {
    redis = RedisProcess.start();
  }

  @AfterAll
  static void stopRedis() {
    redis.close();
  }

  private static WireMockServer memory() {
    return server(new OpStubExtensions());
  }

  private static WireMockServer onRedis() {
    redis.restart();
    return server(new OpStubExtensions(redis.url()));
  }

  private static WireMockServer server(OpStubExtensions extensions) {
    WireMockServer server = new WireMockServer(options().dynamicPort().bindAddress("127.0.0.1")
        .usingFilesUnderDirectory(".").extensions(extensions));
    server.start();
    return server;
  }

  /**
   * Starts an analyze (with {@code startHeaders}) and polls its monitor three times (with {@code
   * pollHeaders}); returns the judgement's JSON.
   */
  private static String startPollAndJudge(Supplier<WireMockServer> servers, String[] startHeaders,
      String[] pollHeaders) {
    WireMockServer server = servers.get();
    try {
      String base = "http://127.0.0.1:" + server.port();
      HttpResponse<String> started = Http.send("POST", base + ANALYZE, "{\"urlSource\":\"https://x/a.pdf\"}",
          concat(startHeaders, "Content-Type", "application/json"));
      assertThat(started.statusCode()).as(started.body()).isEqualTo(202);
      String monitor = started.headers().firstValue("Operation-Location").orElseThrow();
      String id = started.headers().firstValue("operation-id").orElseThrow();
      for (int i = 0; i < 3; i++) {
        assertThat(Http.get(monitor, pollHeaders).statusCode()).isEqualTo(200);
      }
      HttpResponse<String> judged = Http.get(base + "/__admin/opstub/operations/azure/" + id + "/conformance");
      assertThat(judged.statusCode()).as(judged.body()).isEqualTo(200);
      return judged.body();
    } finally {
      server.stop();
    }
  }

  private static String[] concat(String[] headers, String... more) {
    String[] out = new String[headers.length + more.length];
    System.arraycopy(headers, 0, out, 0, headers.length);
    System.arraycopy(more, 0, out, headers.length, more.length);
    return out;
  }

  private static final String[] KEY = {"api-key", "k"};
  private static final String[] NONE = {};

  private static final String RULE = "$.rules[?(@.id=='sent-credential')]";

  @Test
  void aClientThatSentItsKeyToStartAndPollsWithoutItIsCaughtOnEveryPollInMemoryAndOnRedis() {
    for (Supplier<WireMockServer> servers : List.<Supplier<WireMockServer>>of(
        StartCredentialTest::memory, StartCredentialTest::onRedis)) {
      String judged = startPollAndJudge(servers, KEY, NONE);

      assertThatJson(judged).inPath(RULE + ".outcome").isEqualTo("[\"violated\"]");
      assertThatJson(judged).inPath(RULE + ".violations[*].poll").isEqualTo("[1,2,3]");
      assertThatJson(judged).inPath(RULE + ".violations[0].expected").isEqualTo("[\"a credential (Authorization or "
          + "api-key or Ocp-Apim-Subscription-Key), as the call that started it carried one\"]");
    }
  }

  @Test
  void aClientThatSentNoCredentialToStartIsNotJudgedByTheRuleInMemoryAndOnRedis() {
    for (Supplier<WireMockServer> servers : List.<Supplier<WireMockServer>>of(
        StartCredentialTest::memory, StartCredentialTest::onRedis)) {
      String none = startPollAndJudge(servers, NONE, NONE);
      String onlyPolls = startPollAndJudge(servers, NONE, KEY);

      assertThatJson(none).inPath(RULE + ".outcome").isEqualTo("[\"not-applicable\"]");
      assertThatJson(onlyPolls).inPath(RULE + ".outcome").isEqualTo("[\"not-applicable\"]");
    }
  }

  @Test
  void aClientThatSentItsKeyEverywhereKeepsTheRuleInMemoryAndOnRedis() {
    for (Supplier<WireMockServer> servers : List.<Supplier<WireMockServer>>of(
        StartCredentialTest::memory, StartCredentialTest::onRedis)) {
      String judged = startPollAndJudge(servers, KEY, KEY);

      assertThatJson(judged).inPath(RULE + ".outcome").isEqualTo("[\"passed\"]");
    }
  }
}
