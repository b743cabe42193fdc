package dev.opstub.examples;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.IOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Duration;
import java.time.Instant;
import java.util.concurrent.TimeoutException;

/**
 * A small client of the kind OpStub users write: waits for a Face operation, honouring
 * {@code retry-after-ms}/{@code Retry-After}, and gives up after a deadline.
 */
public final class FaceOperationClient {
  private static final ObjectMapper JSON = new ObjectMapper();
  private final HttpClient http = HttpClient.newHttpClient();
  private final String endpoint;
  private final String key;
  private final Duration interval;

  public FaceOperationClient(String endpoint, String key, Duration interval) {
    this.endpoint = endpoint;
    this.key = key;
    this.interval = interval;
  }

  /** Polls until the operation is terminal; returns its resourceLocation, or throws with its message. */
  public String awaitOperation(String operationId, Duration timeout) throws IOException, InterruptedException, TimeoutException {
    Instant deadline = Instant.now().plus(timeout);
    while (true) {
      HttpResponse<String> reply = http.send(HttpRequest.newBuilder(URI.create(endpoint + "/operations/" + operationId))
          .header("Ocp-Apim-Subscription-Key", key).build(), HttpResponse.BodyHandlers.ofString());
      JsonNode body = JSON.readTree(reply.body());
      if (reply.statusCode() != 200) {
        throw new IOException("HTTP " + reply.statusCode() + ": " + body.path("error").path("message").asText());
      }
      switch (body.path("status").asText()) {
        case "succeeded":
          return body.path("resourceLocation").asText();
        case "failed":
          throw new IllegalStateException("operation failed: " + body.path("message").asText());
        default:
          Duration wait = wait(reply);
          if (Instant.now().plus(wait).isAfter(deadline)) {
            throw new TimeoutException("operation " + operationId + " still " + body.path("status").asText()
                + " after " + timeout.toMillis() + "ms");
          }
          Thread.sleep(wait.toMillis());
      }
    }
  }

  private Duration wait(HttpResponse<String> reply) {
    return reply.headers().firstValue("retry-after-ms").map(ms -> Duration.ofMillis(Long.parseLong(ms)))
        .or(() -> reply.headers().firstValue("Retry-After").map(s -> Duration.ofSeconds(Long.parseLong(s))))
        .filter(asked -> asked.compareTo(interval) > 0)
        .orElse(interval);
  }
}
