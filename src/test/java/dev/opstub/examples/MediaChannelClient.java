package dev.opstub.examples;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.IOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Duration;

/** A small Media Services v2 client: starts a channel and waits for the operation. */
public final class MediaChannelClient {
  private static final ObjectMapper JSON = new ObjectMapper();
  private final HttpClient http = HttpClient.newHttpClient();
  private final String apiRoot;
  private final String token;
  private final Duration interval;

  /** Thrown when the operation ends {@code Failed}. */
  public static final class OperationFailedException extends Exception {
    private static final long serialVersionUID = 1L;
    private final String errorCode;

    OperationFailedException(String errorCode, String message) {
      super(errorCode + ": " + message);
      this.errorCode = errorCode;
    }

    public String errorCode() {
      return errorCode;
    }
  }

  public MediaChannelClient(String apiRoot, String token, Duration interval) {
    this.apiRoot = apiRoot;
    this.token = token;
    this.interval = interval;
  }

  /** Starts the channel and returns once its operation Succeeded. */
  public void startChannel(String channelId) throws IOException, InterruptedException, OperationFailedException {
    HttpResponse<String> started = http.send(request("Channels('" + channelId + "')/Start")
        .POST(HttpRequest.BodyPublishers.noBody()).build(), HttpResponse.BodyHandlers.ofString());
    if (started.statusCode() != 202) {
      throw new IOException("Start answered HTTP " + started.statusCode());
    }
    String operationId = started.headers().firstValue("operation-id").orElseThrow();
    while (true) {
      HttpResponse<String> reply = http.send(request("Operations('" + operationId + "')").build(),
          HttpResponse.BodyHandlers.ofString());
      JsonNode operation = JSON.readTree(reply.body());
      switch (operation.path("State").asText()) {
        case "Succeeded":
          return;
        case "Failed":
          throw new OperationFailedException(operation.path("ErrorCode").asText(), operation.path("ErrorMessage").asText());
        default:
          Thread.sleep(interval.toMillis());
      }
    }
  }

  private HttpRequest.Builder request(String path) {
    return HttpRequest.newBuilder(URI.create(apiRoot + path))
        .header("Authorization", "Bearer " + token)
        .header("x-ms-version", "2.19")
        .header("Accept", "application/json;odata=minimalmetadata");
  }
}
