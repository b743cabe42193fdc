package dev.opstub.reliability;

import static com.github.tomakehurst.wiremock.core.WireMockConfiguration.options;
import static org.assertj.core.api.Assertions.assertThat;

import com.github.tomakehurst.wiremock.WireMockServer;
import com.jayway.jsonpath.JsonPath;
import dev.opstub.testing.Http;
import dev.opstub.testing.RepositoryServer;
import java.io.ByteArrayInputStream;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.io.UncheckedIOException;
import java.net.InetAddress;
import java.net.Socket;
import java.net.SocketException;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Locale;
import java.util.Random;
import java.util.concurrent.ConcurrentLinkedQueue;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import javax.xml.parsers.DocumentBuilder;
import javax.xml.parsers.DocumentBuilderFactory;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/**
 * 10 000 generated malformed requests over every route the pack owns, sent as raw bytes (so that
 * even requests no HTTP client would send arrive): none gets a 5xx or a stack trace caused by the
 * pack, and the server still serves timelines correctly afterwards.
 *
 * <p>Every XML body the server answers (Media Atom entities and XML errors) must be well-formed:
 * junk base paths in front of live operations test that what the pack echoes is escaped.
 *
 * <p>Some raw requests (an invalid percent-escape in the query, a backslash in an admin path) make
 * WireMock itself fail before any extension runs. Each 5xx is therefore sent again to a plain
 * WireMock server without the pack: only a failure the plain server does not share counts.
 */
class MalformedRequestFuzzTest {
  private static final int REQUESTS = 10_000;
  private static final long SEED = 20261122L;
  private static final String[] LEAKS = {"Exception", "\tat ", "java.", "dev.opstub", "com.github", "jetty", "Caused by"};
  private static WireMockServer server;
  private static WireMockServer plain;

  @BeforeAll
  static void start() {
    server = RepositoryServer.start();
    plain = new WireMockServer(options().dynamicPort().bindAddress("127.0.0.1"));
    plain.start();
  }

  @AfterAll
  static void stop() {
    server.stop();
    plain.stop();
  }

  /** One generated request. */
  private record Fuzz(String method, String target, List<String> headers, byte[] body) {
    String describe() {
      String shown = target.length() > 120 ? target.substring(0, 120) + "..." : target;
      return method + " " + shown + " " + headers.stream().map(h -> h.length() > 60 ? h.substring(0, 60) + "..." : h).toList();
    }
  }

  private static final String[] ROUTES = {
      "/face/v1.0-preview/operations/%s", "/face/v1.0/operations/%s", "/face/v1.0-preview/snapshots/%s",
      "/face/v1.0-preview/snapshots/%s/apply", "/face/v1.0-preview/snapshots?type=%s&applyScope=%s",
      "/api/Operations(%s)", "/api/Operations('%s')", "/api/Channels('%s')/Start", "/api/StreamingEndpoints('%s')/Scale",
      "/api/Programs(%s)/%s", "/api/Origins('%s')", "/API/%s", "/api/%s", "/face/%s",
      "/__admin/opstub/operations/%s/%s", "/__admin/opstub/clock/%s",
      // A junk base path before a live operation: the Atom entity writes it in xml:base and <id>.
      "/%s/api/Operations('nb:opid:UUID:ab66eff9-8945-4323-9f91-d257a695899b')",
      "/%s/%s/api/Operations('nb%%3Aopid%%3AUUID%%3Ae0000000-0000-4000-8000-000000000012')"};
  private static final String[] JUNK = {
      "", " ", "'", "''", "%", "%zz", "%00", "%27", "%2F", "..", "../..", "nb:opid:UUID:", "nb:opid:UUID:zz",
      "nb%3Aopid%3AUUID%3Aab66eff9-8945-4323-9f91-d257a695899b", "a63a3bdd-a1db-4d05-87b8-dbad6850062a",
      "A63A3BDD-A1DB-4D05-87B8-DBAD6850062A", "e0000000-0000-4000-8000-000000000002", "{{request.path}}",
      "<script>", "\u00e9\u4eba\u7269", "null", "-1", "1e999", "((", "))", "\\", "face", "media", "freeze"};
  private static final String[] ACCEPTS = {
      "application/json;odata=minimalmetadata", "application/json;odata=verbose", "application/atom+xml",
      "application/xml", "*/*;q=abc", "text/html;q=0", "application/json;odata=", ";;;", "application/*+xml;q=0.5, */*"};
  private static final String[] BODIES = {
      "", "{", "}", "[]", "null", "{\"type\":\"PersonGroup\"}", "{\"scaleUnits\":-1}", "{\"scaleUnits\":1e400}",
      "{\"objectId\":\"" + "x".repeat(100) + "\",\"applyScope\":[\"nope\"]}", "{\"api\":\"face\",\"id\":1}",
      "{\"by\":\"-5s\"}", "{\"at\":\"yesterday\"}", "[[[[[[[[[[[[[[[[[[[[]]]]]]]]]]]]]]]]]]]]", "\u0000\u0001\u0002"};

  private static String junk(Random random) {
    return switch (random.nextInt(5)) {
      case 0 -> JUNK[random.nextInt(JUNK.length)];
      case 1 -> "x".repeat(1 + random.nextInt(6000));
      case 2 -> JUNK[random.nextInt(JUNK.length)] + JUNK[random.nextInt(JUNK.length)];
      case 3 -> {
        StringBuilder out = new StringBuilder();
        for (int i = 0, n = random.nextInt(40); i < n; i++) {
          out.append((char) (0x21 + random.nextInt(0x5e)));
        }
        yield out.toString().replace(" ", "");
      }
      default -> Integer.toHexString(random.nextInt()) + "-" + random.nextInt(99999);
    };
  }

  private static Fuzz generate(Random random) {
    String route = ROUTES[random.nextInt(ROUTES.length)];
    String target = String.format(route, junk(random), junk(random)).replace(" ", "%20").replace("\r", "").replace("\n", "");
    String method = new String[] {"GET", "POST", "DELETE", "PATCH", "PUT", "GET", "GET"}[random.nextInt(7)];
    List<String> headers = new ArrayList<>();
    if (random.nextBoolean()) {
      headers.add("Ocp-Apim-Subscription-Key: " + (random.nextBoolean() ? "k" : junk(random)));
    }
    if (random.nextBoolean()) {
      headers.add("Authorization: " + new String[] {"Bearer t", "Bearer ", "Basic x", "bearer " + junk(random)}[random.nextInt(4)]);
    }
    if (random.nextBoolean()) {
      headers.add("x-ms-version: " + (random.nextBoolean() ? "2.19" : junk(random)));
    }
    if (random.nextBoolean()) {
      headers.add("Accept: " + (random.nextInt(4) == 0 ? junk(random) : ACCEPTS[random.nextInt(ACCEPTS.length)]));
    }
    headers.replaceAll(h -> h.replace("\r", "").replace("\n", ""));
    if (route.startsWith("/%s/") && random.nextBoolean()) {
      // A good Media poll but for its base path, so that live entities are answered in every format.
      method = "GET";
      headers = new ArrayList<>(List.of("Authorization: Bearer t", "x-ms-version: 2.19",
          "Accept: " + ACCEPTS[random.nextInt(ACCEPTS.length)]));
    }
    byte[] body = method.equals("GET") ? new byte[0]
        : (random.nextInt(6) == 0 ? junk(random) : BODIES[random.nextInt(BODIES.length)]).getBytes(StandardCharsets.UTF_8);
    if (random.nextInt(20) == 0) {
      body = new byte[] {(byte) 0xC3, (byte) 0x28, (byte) 0xFF, '{'};
    }
    return new Fuzz(method, target, headers, body);
  }

  /** Sends raw bytes and returns the status code, the whole answer as text and the body's bytes. */
  private static Object[] send(Fuzz fuzz, int port) {
    try (Socket socket = new Socket(InetAddress.getLoopbackAddress(), port)) {
      socket.setSoTimeout(10_000);
      StringBuilder head = new StringBuilder(fuzz.method() + " " + fuzz.target() + " HTTP/1.1\r\n")
          .append("Host: 127.0.0.1:").append(port).append("\r\nConnection: close\r\n");
      for (String header : fuzz.headers()) {
        head.append(header).append("\r\n");
      }
      head.append("Content-Length: ").append(fuzz.body().length).append("\r\n\r\n");
      OutputStream out = socket.getOutputStream();
      try {
        out.write(head.toString().getBytes(StandardCharsets.UTF_8));
        out.write(fuzz.body());
        out.flush();
      } catch (IOException closedWhileSending) {
        // Jetty may answer an over-long head (431) and close before the client has sent it all;
        // whether the write sees that depends on timing, so read whatever answer came.
      }
      InputStream in = socket.getInputStream();
      ByteArrayOutputStream answer = new ByteArrayOutputStream();
      try {
        in.transferTo(answer);
      } catch (SocketException reset) {
        // The connection was reset after (or instead of) an answer: keep what was read.
      }
      String text = answer.toString(StandardCharsets.UTF_8);
      int status = text.startsWith("HTTP/1.1 ") ? Integer.parseInt(text.substring(9, 12)) : -1;
      return new Object[] {status, text, body(answer.toByteArray())};
    } catch (IOException e) {
      throw new UncheckedIOException(fuzz.describe(), e);
    }
  }

  /** The body of a raw HTTP/1.1 answer, de-chunked; empty when there is none. */
  private static byte[] body(byte[] answer) {
    String head = new String(answer, StandardCharsets.ISO_8859_1);
    int end = head.indexOf("\r\n\r\n");
    if (end < 0) {
      return new byte[0];
    }
    byte[] raw = Arrays.copyOfRange(answer, end + 4, answer.length);
    if (!head.substring(0, end).toLowerCase(Locale.ROOT).contains("\r\ntransfer-encoding: chunked")) {
      return raw;
    }
    ByteArrayOutputStream out = new ByteArrayOutputStream();
    String chunks = new String(raw, StandardCharsets.ISO_8859_1);
    int at = 0;
    while (true) {
      int lineEnd = chunks.indexOf("\r\n", at);
      int size = Integer.parseInt(chunks.substring(at, lineEnd).split(";")[0].trim(), 16);
      if (size == 0) {
        return out.toByteArray();
      }
      out.write(raw, lineEnd + 2, size);
      at = lineEnd + 2 + size + 2;
    }
  }

  /** Why an answer whose Content-Type names XML is not well-formed XML, or {@code null}. */
  private static String xmlProblem(String answer, byte[] body) {
    int end = answer.indexOf("\r\n\r\n");
    String head = (end < 0 ? answer : answer.substring(0, end)).toLowerCase(Locale.ROOT);
    if (!head.matches("(?s).*\r\ncontent-type:[^\r]*xml.*")) {
      return null;
    }
    try {
      DocumentBuilderFactory factory = DocumentBuilderFactory.newInstance();
      factory.setNamespaceAware(true);
      factory.setFeature("http://apache.org/xml/features/disallow-doctype-decl", true);
      DocumentBuilder builder = factory.newDocumentBuilder();
      builder.setErrorHandler(null);
      builder.parse(new ByteArrayInputStream(body));
      return null;
    } catch (Exception e) {
      return e.getMessage();
    }
  }

  @Test
  void malformedRequestsGetClearClientErrorsAndNeverAStackTrace() throws Exception {
    ConcurrentLinkedQueue<String> problems = new ConcurrentLinkedQueue<>();
    AtomicInteger sent = new AtomicInteger();
    AtomicInteger wireMockItself = new AtomicInteger();
    AtomicInteger xmlBodies = new AtomicInteger();
    AtomicInteger atomEntries = new AtomicInteger();
    ExecutorService pool = Executors.newFixedThreadPool(4);
    try {
      List<Future<?>> workers = new ArrayList<>();
      for (int w = 0; w < 4; w++) {
        Random random = new Random(SEED + w);
        workers.add(pool.submit(() -> {
          for (int i = 0; i < REQUESTS / 4; i++) {
            Fuzz fuzz = generate(random);
            Object[] answer = send(fuzz, server.port());
            sent.incrementAndGet();
            int status = (int) answer[0];
            String text = (String) answer[1];
            boolean leaks = false;
            for (String leak : LEAKS) {
              leaks |= text.contains(leak);
            }
            String malformed = xmlProblem(text, (byte[]) answer[2]);
            if (text.contains("<?xml")) {
              xmlBodies.incrementAndGet();
              if (text.contains("<entry xml:base=")) {
                atomEntries.incrementAndGet();
              }
            }
            if (malformed != null) {
              problems.add("XML body that is not well-formed (" + malformed + ") for " + fuzz.describe());
            }
            if (status < 200 || status >= 500 || leaks) {
              int plainStatus = (int) send(fuzz, plain.port())[0];
              if (plainStatus >= 500 || plainStatus < 200) {
                wireMockItself.incrementAndGet();
              } else {
                problems.add(status + (leaks ? " with a stack trace" : "") + " for " + fuzz.describe());
              }
            }
          }
          return null;
        }));
      }
      for (Future<?> worker : workers) {
        worker.get(5, TimeUnit.MINUTES);
      }
    } finally {
      pool.shutdownNow();
    }

    assertThat(sent.get()).isEqualTo(REQUESTS);
    System.out.printf("fuzz: %d requests, %d XML bodies (%d Atom entries), %d failed in WireMock itself as they do "
        + "without the pack%n", sent.get(), xmlBodies.get(), atomEntries.get(), wireMockItself.get());
    assertThat(atomEntries.get()).as("Atom entities whose well-formedness was checked").isPositive();
    assertThat(problems).as("first problems: %s", problems.stream().limit(10).toList()).isEmpty();

    // The server still serves timelines correctly.
    String id = "0f0f0f0f-0000-4000-8000-00000000f022";
    assertThat(Http.send("POST", server.baseUrl() + "/__admin/opstub/operations",
        "{\"api\":\"face\",\"id\":\"" + id + "\",\"timeline\":\"running x2, succeeded\"}").statusCode()).isEqualTo(201);
    List<String> statuses = new ArrayList<>();
    for (int i = 0; i < 3; i++) {
      statuses.add(JsonPath.read(Http.get(server.baseUrl() + "/face/v1.0-preview/operations/" + id,
          "Ocp-Apim-Subscription-Key", "k").body(), "$.status"));
    }
    assertThat(statuses).containsExactly("running", "running", "succeeded");
  }
}
