package dev.opstub.bench;

import java.io.IOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Duration;

/**
 * What every test method of the two JUnit suites does: poll one Face operation three times and
 * check it runs twice, then succeeds. The same client and the same requests on both suites.
 */
final class SuitePolls {
  static final int REPETITIONS = 20;
  static final int METHODS = 10;
  static final String LOCATION = "/snapshots/e58b3f08-1e8b-4165-81df-aa9858f233dc";
  private static final HttpClient HTTP = HttpClient.newBuilder().version(HttpClient.Version.HTTP_1_1)
      .connectTimeout(Duration.ofSeconds(5)).build();

  private SuitePolls() {}

  static void pollToSuccess(String faceEndpoint, String id) throws IOException, InterruptedException {
    String[] expected = {"\"running\"", "\"running\"", "\"succeeded\""};
    HttpRequest request = HttpRequest.newBuilder(URI.create(faceEndpoint + "/operations/" + id))
        .header("Ocp-Apim-Subscription-Key", "suite-key").timeout(Duration.ofSeconds(10)).GET().build();
    for (String status : expected) {
      HttpResponse<String> response = HTTP.send(request, HttpResponse.BodyHandlers.ofString());
      if (response.statusCode() != 200 || !response.body().contains(status)) {
        throw new AssertionError("expected " + status + ", got " + response.statusCode() + " " + response.body());
      }
    }
  }
}
