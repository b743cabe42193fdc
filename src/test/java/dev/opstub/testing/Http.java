package dev.opstub.testing;

import java.io.BufferedInputStream;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.io.UncheckedIOException;
import java.net.InetAddress;
import java.net.Socket;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;

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

  /** An answer read byte for byte: status code, every header as sent (name case kept, in order), body. */
  public record Exchange(int status, List<Map.Entry<String, String>> headers, byte[] body) {
    /** The first value of a header, its name matched ignoring case; {@code null} when absent. */
    public String header(String name) {
      return headers.stream().filter(h -> h.getKey().equalsIgnoreCase(name)).map(Map.Entry::getValue)
          .findFirst().orElse(null);
    }

    public String bodyText() {
      return new String(body, StandardCharsets.UTF_8);
    }
  }

  /**
   * Sends one HTTP/1.1 request written exactly as given (no header added but {@code Host}, unless
   * {@code headers} name one, and, with a body, {@code Content-Length}) and reads the answer's head
   * as sent and its body, de-chunked.
   * Unlike {@link java.net.http.HttpClient} it adds no {@code User-Agent}, keeps header names as the
   * server wrote them and never follows a redirect.
   */
  public static Exchange exchange(int port, String method, String target, String body, String... headers) {
    byte[] content = body == null ? null : body.getBytes(StandardCharsets.UTF_8);
    StringBuilder head = new StringBuilder(method + " " + target + " HTTP/1.1\r\n");
    boolean ownHost = false;
    for (int i = 0; i < headers.length; i += 2) {
      ownHost |= headers[i].equalsIgnoreCase("Host");
    }
    if (!ownHost) {
      head.append("Host: 127.0.0.1:").append(port).append("\r\n");
    }
    for (int i = 0; i < headers.length; i += 2) {
      head.append(headers[i]).append(": ").append(headers[i + 1]).append("\r\n");
    }
    if (content != null) {
      head.append("Content-Length: ").append(content.length).append("\r\n");
    }
    head.append("\r\n");
    try (Socket socket = new Socket(InetAddress.getLoopbackAddress(), port)) {
      socket.setSoTimeout(10_000);
      OutputStream out = socket.getOutputStream();
      out.write(head.toString().getBytes(StandardCharsets.ISO_8859_1));
      if (content != null) {
        out.write(content);
      }
      out.flush();
      InputStream in = new BufferedInputStream(socket.getInputStream());
      String statusLine = line(in);
      int status = Integer.parseInt(statusLine.substring(9, 12));
      List<Map.Entry<String, String>> answerHeaders = new ArrayList<>();
      for (String line = line(in); !line.isEmpty(); line = line(in)) {
        int colon = line.indexOf(':');
        answerHeaders.add(Map.entry(line.substring(0, colon), line.substring(colon + 1).strip()));
      }
      Exchange framing = new Exchange(status, answerHeaders, new byte[0]);
      byte[] answerBody;
      if ("HEAD".equals(method) || status / 100 == 1 || status == 204 || status == 304) {
        answerBody = new byte[0];
      } else if ("chunked".equalsIgnoreCase(framing.header("Transfer-Encoding"))) {
        answerBody = dechunk(in);
      } else if (framing.header("Content-Length") != null) {
        answerBody = in.readNBytes(Integer.parseInt(framing.header("Content-Length")));
      } else {
        answerBody = in.readAllBytes();
      }
      return new Exchange(status, List.copyOf(answerHeaders), answerBody);
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }

  private static byte[] dechunk(InputStream in) throws IOException {
    ByteArrayOutputStream body = new ByteArrayOutputStream();
    for (;;) {
      String size = line(in);
      int extension = size.indexOf(';');
      int length = Integer.parseInt((extension < 0 ? size : size.substring(0, extension)).strip(), 16);
      if (length == 0) {
        while (!line(in).isEmpty()) {
          // trailers: none expected, skipped
        }
        return body.toByteArray();
      }
      body.write(in.readNBytes(length));
      line(in);
    }
  }

  /** One line of an HTTP head, without its CRLF. */
  private static String line(InputStream in) throws IOException {
    ByteArrayOutputStream line = new ByteArrayOutputStream();
    for (int b = in.read(); b != '\n'; b = in.read()) {
      if (b < 0) {
        throw new IOException("the server closed the connection in the middle of a line: " + line);
      }
      line.write(b);
    }
    String text = line.toString(StandardCharsets.ISO_8859_1);
    return text.endsWith("\r") ? text.substring(0, text.length() - 1) : text;
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
