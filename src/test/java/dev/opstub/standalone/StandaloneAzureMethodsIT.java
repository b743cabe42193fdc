package dev.opstub.standalone;

import static org.assertj.core.api.Assertions.assertThat;

import com.jayway.jsonpath.JsonPath;
import dev.opstub.testing.AzureClientScenarios;
import dev.opstub.testing.Http;
import java.net.http.HttpResponse;
import java.util.List;
import java.util.UUID;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/**
 * On the real standalone jar with the shipped mappings: a HEAD, a CORS preflight or any other
 * method but GET on an Azure monitor or ARM {@code Location} URL is a 405 in Azure's shape and
 * leaves the client's timeline where it was.
 */
class StandaloneAzureMethodsIT {
  private static final List<String> NOT_A_POLL = List.of("HEAD", "OPTIONS", "DELETE", "PUT", "PATCH", "POST");

  private static StandaloneServer server;

  @BeforeAll
  static void start() {
    server = StandaloneServer.startWithRepositoryMappings();
  }

  @AfterAll
  static void stop() {
    if (server != null) {
      server.close();
    }
  }

  @Test
  void aHeadOrAPreflightOnTheShippedAnalyzeMonitorIs405AndTheClientStillSeesEveryStep() {
    HttpResponse<String> started = Http.send("POST", server.baseUrl()
        + "/documentintelligence/documentModels/prebuilt-read:analyze?api-version=2024-11-30",
        "{\"urlSource\":\"https://example.com/a.pdf\"}", "Content-Type", "application/json");
    String monitor = started.headers().firstValue("Operation-Location").orElseThrow();
    String id = started.headers().firstValue("operation-id").orElseThrow();

    for (String method : NOT_A_POLL) {
      HttpResponse<String> reply = Http.send(method, monitor, method.equals("HEAD") ? null : "{}",
          "Origin", "https://app.example.com", "Access-Control-Request-Method", "GET");
      assertThat(reply.statusCode()).as(method + ": " + reply.body()).isEqualTo(405);
      assertThat(reply.headers().firstValue("Allow")).as(method).hasValue("GET");
      assertThat(reply.headers().firstValue("x-ms-error-code")).as(method).hasValue("MethodNotAllowed");
    }
    HttpResponse<String> getOnCancel = Http.get(monitor.replaceFirst("\\?", ":cancel?"));
    assertThat(getOnCancel.statusCode()).isEqualTo(405);
    assertThat(getOnCancel.headers().firstValue("Allow")).hasValue("POST");

    List<String> seen = List.of(status(Http.get(monitor)), status(Http.get(monitor)), status(Http.get(monitor)));
    assertThat(seen).containsExactly("notStarted", "running", "succeeded");
    assertThat(new AzureClientScenarios(server.baseUrl()).servedStatuses(id))
        .containsExactly("notStarted", "running", "succeeded");
  }

  @Test
  void anyMethodButGetOnTheShippedLocationUrlIs405AndTheDeleteStillTakesItsSteps() {
    HttpResponse<String> started = Http.send("DELETE", server.baseUrl() + "/subscriptions/s/resourcegroups/g-"
        + UUID.randomUUID() + "?api-version=2025-04-01", null);
    String location = started.headers().firstValue("Location").orElseThrow();

    for (String method : NOT_A_POLL) {
      HttpResponse<String> reply = Http.send(method, location, method.equals("HEAD") ? null : "{}");
      assertThat(reply.statusCode()).as(method + ": " + reply.body()).isEqualTo(405);
      assertThat(reply.headers().firstValue("Allow")).as(method).hasValue("GET");
    }

    assertThat(Http.get(location).statusCode()).as("Deleting").isEqualTo(202);
    assertThat(Http.get(location).statusCode()).as("Succeeded: 200, as ResourceGroups_Delete declares").isEqualTo(200);
  }

  private static String status(HttpResponse<String> poll) {
    return JsonPath.read(poll.body(), "$.status");
  }
}
