package dev.opstub.internal.azure;

import static org.assertj.core.api.Assertions.assertThat;

import com.github.tomakehurst.wiremock.WireMockServer;
import com.jayway.jsonpath.JsonPath;
import dev.opstub.testing.AzureClientScenarios;
import dev.opstub.testing.Http;
import dev.opstub.testing.RepositoryServer;
import java.net.http.HttpResponse;
import java.util.List;
import java.util.UUID;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/**
 * Only a GET polls an Azure monitor or Location URL and only {@code POST <monitor>:cancel} cancels:
 * every other method is a 405 in Azure's error shape with {@code Allow}, takes no step of the
 * timeline and is not in the history (a HEAD or a CORS preflight must not eat the client's steps).
 */
class AzureMethodsTest {
  /** Every method a client or a browser sends that is not a poll. */
  private static final List<String> NOT_A_POLL = List.of("DELETE", "PUT", "PATCH", "POST", "HEAD", "OPTIONS");

  private static WireMockServer server;
  private static AzureClientScenarios scenarios;

  @BeforeAll
  static void start() {
    server = RepositoryServer.start();
    scenarios = new AzureClientScenarios(server.baseUrl());
  }

  @AfterAll
  static void stop() {
    server.stop();
  }

  @Test
  void everyMethodButGetOnAMonitorIs405WithAllowGetAndTakesNoStep() {
    String path = "/svc/jobs/" + UUID.randomUUID() + ":run";
    scenarios.addStart("POST", path, "{\"timeline\":\"Running, Succeeded\"}");
    HttpResponse<String> started = Http.send("POST", server.baseUrl() + path, "{}");
    String monitor = started.headers().firstValue("Operation-Location").orElseThrow();
    String id = started.headers().firstValue("operation-id").orElseThrow();

    for (String method : NOT_A_POLL) {
      assertMethodNotAllowed(Http.send(method, monitor, method.equals("HEAD") ? null : "{}"), method, "GET");
    }

    assertThat((String) JsonPath.read(Http.get(monitor).body(), "$.status")).isEqualTo("Running");
    assertThat((String) JsonPath.read(Http.get(monitor).body(), "$.status")).isEqualTo("Succeeded");
    assertThat(scenarios.servedStatuses(id)).as("only the GETs are polls").containsExactly("Running", "Succeeded");
  }

  @Test
  void cancelTakesOnlyPostAndAnotherMethodOnItNeitherCancelsNorPolls() {
    String path = "/svc/jobs/" + UUID.randomUUID() + ":run";
    scenarios.addStart("POST", path, "{\"timeline\":\"Running x3, Succeeded\"}");
    HttpResponse<String> started = Http.send("POST", server.baseUrl() + path, "{}");
    String monitor = started.headers().firstValue("Operation-Location").orElseThrow().replaceFirst("\\?.*", "");
    String id = started.headers().firstValue("operation-id").orElseThrow();

    for (String method : List.of("GET", "PUT", "DELETE", "PATCH", "HEAD", "OPTIONS")) {
      assertMethodNotAllowed(Http.send(method, monitor + ":cancel", null), method, "POST");
    }

    assertThat((String) JsonPath.read(Http.get(monitor).body(), "$.status")).isEqualTo("Running");
    assertThat(scenarios.servedStatuses(id)).containsExactly("Running");
  }

  @Test
  void armsLocationUrlTakesOnlyGetAndAnotherMethodTakesNoStep() {
    String path = "/subscriptions/s/resourcegroups/g-" + UUID.randomUUID();
    scenarios.addStart("DELETE", path, "{\"pattern\":\"location\",\"timeline\":\"Deleting, Succeeded\"}");
    HttpResponse<String> started = Http.send("DELETE", server.baseUrl() + path, null);
    String location = started.headers().firstValue("Location").orElseThrow();
    assertThat(location).contains("/providers/Microsoft.Resources/operationResults/");

    for (String method : NOT_A_POLL) {
      assertMethodNotAllowed(Http.send(method, location, method.equals("HEAD") ? null : "{}"), method, "GET");
    }

    assertThat(Http.get(location).statusCode()).as("the first step: still deleting").isEqualTo(202);
    assertThat(Http.get(location).statusCode()).as("then done, no result").isEqualTo(204);
  }

  @Test
  void aClientFollowingLocationBesideAnAsyncOperationMonitorSeesTheOperationEnd() {
    // azure-core's default poller follows Location, not Azure-AsyncOperation: it must not see 202 for ever.
    String path = "/subscriptions/s/resourcegroups/g-" + UUID.randomUUID();
    scenarios.addStart("DELETE", path, "{\"pattern\":\"azure-async-operation\",\"timeline\":\"Deleting x2, Succeeded\"}");
    HttpResponse<String> started = Http.send("DELETE", server.baseUrl() + path, null);
    String location = started.headers().firstValue("Location").orElseThrow();
    String monitor = started.headers().firstValue("Azure-AsyncOperation").orElseThrow();

    assertThat(Http.get(location).statusCode()).as("deleting").isEqualTo(202);
    assertThat(Http.get(location).statusCode()).as("still deleting").isEqualTo(202);
    assertThat(Http.get(location).statusCode()).as("done, no result").isEqualTo(204);
    assertThat((String) JsonPath.read(Http.get(monitor).body(), "$.status")).isEqualTo("Succeeded");
    assertThat(Http.get(location).statusCode()).as("once ended, Location only looks").isEqualTo(204);
  }

  @Test
  void armsOperationStatusesMonitorTakesOnlyGetAndAnotherMethodTakesNoStep() {
    String path = "/subscriptions/s/resourcegroups/g-" + UUID.randomUUID();
    scenarios.addStart("DELETE", path, "{\"pattern\":\"azure-async-operation\",\"timeline\":\"Deleting, Succeeded\"}");
    HttpResponse<String> started = Http.send("DELETE", server.baseUrl() + path, null);
    String monitor = started.headers().firstValue("Azure-AsyncOperation").orElseThrow();
    assertThat(monitor).contains("/providers/Microsoft.Resources/operationStatuses/");
    String location = started.headers().firstValue("Location").orElseThrow();

    for (String method : NOT_A_POLL) {
      assertMethodNotAllowed(Http.send(method, monitor, method.equals("HEAD") ? null : "{}"), method, "GET");
      assertMethodNotAllowed(Http.send(method, location, method.equals("HEAD") ? null : "{}"), method, "GET");
    }

    assertThat((String) JsonPath.read(Http.get(monitor).body(), "$.status")).isEqualTo("Deleting");
    assertThat((String) JsonPath.read(Http.get(monitor).body(), "$.status")).isEqualTo("Succeeded");
  }

  private static void assertMethodNotAllowed(HttpResponse<String> reply, String method, String allowed) {
    assertThat(reply.statusCode()).as(method + ": " + reply.body()).isEqualTo(405);
    assertThat(reply.headers().firstValue("Allow")).as(method).hasValue(allowed);
    assertThat(reply.headers().firstValue("x-ms-error-code")).as(method).hasValue("MethodNotAllowed");
    if (!method.equals("HEAD")) { // a HEAD answer has no body
      assertThat((String) JsonPath.read(reply.body(), "$.error.code")).isEqualTo("MethodNotAllowed");
      assertThat((String) JsonPath.read(reply.body(), "$.error.message")).contains(allowed);
    }
  }
}
