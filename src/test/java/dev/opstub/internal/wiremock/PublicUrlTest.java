package dev.opstub.internal.wiremock;

import static com.github.tomakehurst.wiremock.core.WireMockConfiguration.options;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.github.tomakehurst.wiremock.WireMockServer;
import dev.opstub.internal.api.Apis;
import dev.opstub.internal.state.InMemoryState;
import dev.opstub.testing.AzureClientScenarios;
import dev.opstub.testing.Http;
import java.util.UUID;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/** A server behind a proxy hands out every URL on its configured public base URL, whatever Host a client sends. */
class PublicUrlTest {
  private static WireMockServer server;

  @BeforeAll
  static void start() {
    server = new WireMockServer(options().dynamicPort().bindAddress("127.0.0.1").usingFilesUnderDirectory(".")
        .extensions(new Pack(new InMemoryState(100), Apis.builtIn()).withPublicUrl("https://stubs.example.com/lro/")
            .extensions()));
    server.start();
  }

  @AfterAll
  static void stop() {
    server.stop();
  }

  @Test
  void theMonitorUrlIsOnThePublicUrlWhateverHostTheClientSent() {
    String path = "/svc/jobs/" + UUID.randomUUID() + ":run";
    new AzureClientScenarios(server.baseUrl()).addStart("POST", path, "{\"timeline\":\"Running, Succeeded\"}");

    Http.Exchange started = Http.exchange(server.port(), "POST", path + "?api-version=2024-05-01", "{}",
        "Host", "evil.example.com", "Connection", "close");

    String id = started.header("operation-id");
    assertThat(started.header("Operation-Location"))
        .isEqualTo("https://stubs.example.com/lro/svc/operations/" + id + "?api-version=2024-05-01");
  }

  @Test
  void anArmLocationIsOnThePublicUrlToo() {
    Http.Exchange started = Http.exchange(server.port(), "DELETE",
        "/subscriptions/sub1/resourcegroups/rg-" + UUID.randomUUID() + "?api-version=2021-04-01", null,
        "Host", "evil.example.com", "Connection", "close");

    assertThat(started.status()).isEqualTo(202);
    assertThat(started.header("Location"))
        .startsWith("https://stubs.example.com/lro/subscriptions/sub1/providers/Microsoft.Resources/operationResults/");
  }

  @Test
  void aPublicUrlThatIsNoHttpBaseUrlIsRefusedNamingTheForm() {
    Pack pack = new Pack(new InMemoryState(1), Apis.builtIn());

    for (String wrong : new String[] {"stubs.example.com", "ftp://stubs.example.com", "https://stubs.example.com/?a=1"}) {
      assertThatThrownBy(() -> pack.withPublicUrl(wrong)).isInstanceOf(IllegalArgumentException.class)
          .hasMessage("public URL " + wrong + " is not allowed: give the base URL clients reach the server by, "
              + "http(s)://host[:port][/prefix] without query or fragment, e.g. https://stubs.example.com");
    }
    assertThat(pack.withPublicUrl(" ").publicUrl()).isNull();
  }
}
