package dev.opstub.testing;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Duration;

/** A tiny HTTP client for tests: one call, headers as name/value pairs. */
public final class Http {
  private static final HttpClient CLIENT = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(5)).build();

  private Http() {}

  public static HttpResponse<String> get(String url, String... headers) {
    return send("GET", url, null, headers);
  }

  public static HttpResponse<String> send(String method, String url, String body, String... headers) {
    return send(HttpRequest.newBuilder(URI.create(url)).timeout(Duration.ofSeconds(10))
        .method(method, body == null ? HttpRequest.BodyPublishers.noBody() : HttpRequest.BodyPublishers.ofString(body)),
        headers);
  }

  /** Sends {@code body} as it is (e.g. gzip bytes), giving up after {@code timeout}. */
  public static HttpResponse<String> sendBytes(String method, String url, byte[] body, Duration timeout,
      String... headers) {
    return send(HttpRequest.newBuilder(URI.create(url)).timeout(timeout)
        .method(method, HttpRequest.BodyPublishers.ofByteArray(body)), headers);
  }

  private static HttpResponse<String> send(HttpRequest.Builder request, String... headers) {
    for (int i = 0; i < headers.length; i += 2) {
      request.header(headers[i], headers[i + 1]);
    }
    try {
      return CLIENT.send(request.build(), HttpResponse.BodyHandlers.ofString());
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      throw new IllegalStateException(e);
    }
  }

  /** A raw answer: the status line's code and everything after the head. */
  public record Raw(int status, String body) {}

  /**
   * Sends a GET whose target is written as given, byte for byte (for targets a URI refuses, such
   * as a raw '{' in the query), and reads the answer until the server closes the connection.
   */
  public static Raw rawGet(int port, String target, String... headers) {
    StringBuilder head = new StringBuilder("GET " + target + " HTTP/1.1\r\nHost: 127.0.0.1:" + port
        + "\r\nConnection: close\r\n");
    for (int i = 0; i < headers.length; i += 2) {
      head.append(headers[i]).append(": ").append(headers[i + 1]).append("\r\n");
    }
    head.append("\r\n");
    try (java.net.Socket socket = new java.net.Socket(java.net.InetAddress.getLoopbackAddress(), port)) {
      socket.setSoTimeout(10_000);
      socket.getOutputStream().write(head.toString().getBytes(java.nio.charset.StandardCharsets.ISO_8859_1));
      String answer = new String(socket.getInputStream().readAllBytes(), java.nio.charset.StandardCharsets.UTF_8);
      int status = Integer.parseInt(answer.substring(9, 12));
      int bodyAt = answer.indexOf("\r\n\r\n");
      return new Raw(status, bodyAt < 0 ? "" : answer.substring(bodyAt + 4));
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }
}
