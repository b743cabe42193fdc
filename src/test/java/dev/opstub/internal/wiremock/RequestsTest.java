package dev.opstub.internal.wiremock;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.entry;

import com.github.tomakehurst.wiremock.http.ImmutableRequest;
import com.github.tomakehurst.wiremock.http.RequestMethod;
import dev.opstub.spi.Request;
import java.nio.charset.StandardCharsets;
import java.util.List;
import org.junit.jupiter.api.Test;

class RequestsTest {
  private static ImmutableRequest.Builder get() {
    return ImmutableRequest.create().withMethod(RequestMethod.GET)
        .withAbsoluteUrl("http://127.0.0.1:8080/documentintelligence/operations/op-1?api-version=2024-11-30");
  }

  @Test
  void headersAreLookedUpIgnoringCaseAndListedAsSentWithTheFirstValueOfEach() {
    Request request = Requests.served(get().withHeader("Ocp-Apim-Subscription-Key", "k")
        .withHeader("X-Twice", List.of("first", "second")).withHeader("Host", "127.0.0.1:8080").build(), null);

    assertThat(request.header("ocp-apim-subscription-key")).isEqualTo("k");
    assertThat(request.header("X-TWICE")).isEqualTo("first");
    assertThat(request.header("Operation-Id")).isNull();
    assertThat(request.headers()).containsOnly(entry("Ocp-Apim-Subscription-Key", "k"), entry("X-Twice", "first"),
        entry("Host", "127.0.0.1:8080"));
    assertThat(request.headers()).isEqualTo(java.util.Map.of("Ocp-Apim-Subscription-Key", "k", "X-Twice", "first",
        "Host", "127.0.0.1:8080"));
  }

  @Test
  void aPollHasAnEmptyBodyPathQueryAndTheBaseItReachedTheServerOn() {
    Request poll = Requests.served(get().withHeader("Host", "127.0.0.1:8080").build(), null);
    Request post = Requests.served(get().withMethod(RequestMethod.POST)
        .withBody("{\"a\":1}".getBytes(StandardCharsets.UTF_8)).build(), null);

    assertThat(poll.body()).isEmpty();
    assertThat(poll.path()).isEqualTo("/documentintelligence/operations/op-1");
    assertThat(poll.query()).isEqualTo("api-version=2024-11-30");
    assertThat(poll.baseUrl()).isEqualTo("http://127.0.0.1:8080");
    assertThat(post.body()).isEqualTo("{\"a\":1}");
    assertThat(post.headers()).isEmpty();
  }
}
