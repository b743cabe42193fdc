package dev.opstub.internal.wiremock;

import static com.github.tomakehurst.wiremock.core.WireMockConfiguration.options;
import static net.javacrumbs.jsonunit.assertj.JsonAssertions.assertThatJson;
import static org.assertj.core.api.Assertions.assertThat;

import com.github.tomakehurst.wiremock.WireMockServer;
import dev.opstub.internal.api.Apis;
import dev.opstub.internal.state.State;
import dev.opstub.testing.Http;
import java.lang.reflect.Proxy;
import java.net.http.HttpResponse;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/**
 * A fault the admin API did not foresee (here: a state store that fails on every call) still
 * answers in the admin API's format, a JSON error without a stack trace, never WireMock's HTML
 * error page.
 */
class AdminRoutesFailureTest {
  private WireMockServer server;

  @BeforeEach
  void start() {
    State broken = (State) Proxy.newProxyInstance(State.class.getClassLoader(), new Class<?>[] {State.class},
        (proxy, method, args) -> {
          throw new IllegalStateException("the state store is unreachable");
        });
    server = new WireMockServer(options().dynamicPort().bindAddress("127.0.0.1")
        .extensions(new Pack(broken, Apis.builtIn()).extensions()));
    server.start();
  }

  @AfterEach
  void stop() {
    server.stop();
  }

  @Test
  void anUnexpectedFaultIsAJsonErrorWithoutAStackTrace() {
    for (String[] route : new String[][] {{"GET", "/operations"}, {"POST", "/reset"}, {"GET", "/clock"},
        {"POST", "/clock/resume"}, {"GET", "/operations/face/0a0a0a0a-0000-4000-8000-0000000000a1"}}) {
      HttpResponse<String> reply = Http.send(route[0], server.baseUrl() + "/__admin/opstub" + route[1], null);

      assertThat(reply.statusCode()).as(route[1]).isEqualTo(500);
      assertThat(reply.headers().firstValue("Content-Type")).as(route[1]).hasValue("application/json");
      assertThatJson(reply.body()).node("error").asString()
          .isEqualTo("the OpStub admin API failed to answer this request; see the server log");
      assertThat(reply.body()).doesNotContain("Exception", "\tat ", "unreachable");
    }
  }
}
