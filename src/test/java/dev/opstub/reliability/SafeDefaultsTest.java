package dev.opstub.reliability;

import static com.github.tomakehurst.wiremock.client.WireMock.aResponse;
import static com.github.tomakehurst.wiremock.client.WireMock.get;
import static com.github.tomakehurst.wiremock.client.WireMock.urlPathMatching;
import static com.github.tomakehurst.wiremock.core.WireMockConfiguration.options;
import static org.assertj.core.api.Assertions.assertThat;

import com.github.tomakehurst.wiremock.WireMockServer;
import dev.opstub.testing.Http;
import dev.opstub.wiremock.OpStubExtensions;
import java.io.IOException;
import java.net.http.HttpResponse;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Map;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** Templates stay inside __files and show nothing of the machine. */
class SafeDefaultsTest {
  private static final String ID = "a63a3bdd-a1db-4d05-87b8-dbad6850062a";
  private WireMockServer server;

  @AfterEach
  void stop() {
    if (server != null) {
      server.stop();
    }
  }

  private void start(Path root) {
    server = new WireMockServer(options().dynamicPort().bindAddress("127.0.0.1")
        .usingFilesUnderDirectory(root.toString()).extensions(new OpStubExtensions()));
    server.start();
  }

  private HttpResponse<String> pollWithBodyFile(String bodyFileName) {
    server.stubFor(get(urlPathMatching("/face/v1.0-preview/operations/.*")).atPriority(1)
        .willReturn(aResponse().withBodyFile(bodyFileName).withTransformers("opstub-face-operation")
            .withTransformerParameters(Map.of("timeline", "running"))));
    return Http.get(server.baseUrl() + "/face/v1.0-preview/operations/" + ID, "Ocp-Apim-Subscription-Key", "k");
  }

  @Test
  void aBodyFileNameCannotReachOutsideFiles(@TempDir Path root) throws IOException {
    Files.createDirectories(root.resolve("__files"));
    Files.writeString(root.resolve("secret.txt"), "the-secret-outside-files");
    start(root);

    for (String escape : new String[] {"../secret.txt", "..\\secret.txt", root.resolve("secret.txt").toString(),
        "%2e%2e/secret.txt", "a/../../secret.txt"}) {
      HttpResponse<String> reply = pollWithBodyFile(escape);
      assertThat(reply.body()).as(escape).doesNotContain("the-secret-outside-files");
      assertThat(reply.statusCode()).as(escape).isEqualTo(500);
      assertThat(reply.body()).as(escape).contains("OpStubMappingError");
    }
  }

  @Test
  void templatesDoNotShowSystemPropertiesOrEnvironment(@TempDir Path root) throws IOException {
    Files.createDirectories(root.resolve("__files"));
    Files.writeString(root.resolve("__files/leak.json"),
        "{\"home\": \"{{systemValue type='PROPERTY' key='user.home'}}\", \"path\": \"{{systemValue key='PATH'}}\"}");
    start(root);

    String body = pollWithBodyFile("leak.json").body();

    assertThat(body).doesNotContain(System.getProperty("user.home"));
    if (System.getenv("PATH") != null) {
      assertThat(body).doesNotContain(System.getenv("PATH"));
    }
  }
}
