package dev.opstub.sharing;

import static com.github.tomakehurst.wiremock.core.WireMockConfiguration.wireMockConfig;
import static net.javacrumbs.jsonunit.assertj.JsonAssertions.assertThatJson;
import static org.assertj.core.api.Assertions.assertThat;

import com.github.tomakehurst.wiremock.junit5.WireMockExtension;
import dev.opstub.junit.Api;
import dev.opstub.junit.OperationStub;
import dev.opstub.testing.Http;
import dev.opstub.wiremock.OpStubExtensions;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

/**
 * The consumer side in JUnit: another team's mapping set read from the classpath (as from its
 * {@code -mappings.jar}), the pack's shipped set added by {@code @OperationStub}, and the test's
 * own stub, on one server.
 */
@OperationStub(api = Api.FACE, id = "0f0f0f0f-0000-4000-8000-0000000000b1", timeline = "running, succeeded")
class SharedMappingSetsTest {
  static final OpStubExtensions opstub = new OpStubExtensions();

  @RegisterExtension
  static WireMockExtension wm = WireMockExtension.newInstance()
      .options(wireMockConfig().dynamicPort().bindAddress("127.0.0.1")
          .maxRequestJournalEntries(1000).asynchronousResponseEnabled(true).stubRequestLoggingDisabled(true)
          .usingFilesUnderClasspath("mapping-sets/team-b")   // team B's jar holds mapping-sets/team-b/mappings, __files
          .extensions(opstub))
      .build();

  private static String poll(String path, String... headers) {
    return Http.get(wm.baseUrl() + path, headers).body();
  }

  @Test
  void theTeamsSetTheShippedSetAndTheTestsOwnStubAllServe() {
    String[] key = {"Ocp-Apim-Subscription-Key", "k"};

    assertThatJson(poll("/face/v1.0-preview/operations/7eab0000-0000-4000-8000-000000000001", key))
        .node("servedBy").isEqualTo("team-b");
    assertThatJson(poll("/face/v1.0-preview/operations/a63a3bdd-a1db-4d05-87b8-dbad6850062a", key))
        .node("status").isEqualTo("running");
    assertThatJson(poll("/face/v1.0-preview/operations/0f0f0f0f-0000-4000-8000-0000000000b1", key))
        .node("status").isEqualTo("running");
    String[] media = {"Authorization", "Bearer t", "x-ms-version", "2.19"};
    String teamMedia = "/api/Operations('nb:opid:UUID:7eab0000-0000-4000-8000-000000000002')";
    assertThat(poll(teamMedia, media)).contains("\"State\": \"InProgress\"");
    assertThatJson(poll(teamMedia, media)).node("ErrorCode").isEqualTo("ResourceNotFound");
  }
}
