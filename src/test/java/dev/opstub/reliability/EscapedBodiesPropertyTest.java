package dev.opstub.reliability;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import com.github.tomakehurst.wiremock.WireMockServer;
import dev.opstub.testing.RepositoryServer;
import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Random;
import java.util.UUID;
import javax.xml.XMLConstants;
import javax.xml.parsers.DocumentBuilder;
import javax.xml.parsers.DocumentBuilderFactory;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.w3c.dom.Document;
import org.w3c.dom.Element;
import org.w3c.dom.Node;

/**
 * Property: whatever text a user puts in a failure message, a target ({@code TargetEntityId},
 * {@code resourceLocation}) or the base path of a request, every default body template (Face JSON;
 * Media JSON light, verbose, nometadata and Atom) writes it so that a real parser reads back
 * exactly that text. The one exception is what XML 1.0 cannot carry at all (most C0 control
 * characters, U+FFFE, U+FFFF): Atom writes U+FFFD in its place, JSON writes it as it is.
 *
 * <p>Random strings from a fixed seed, drawn from the characters that break naive writers: markup
 * ({@code < > & " '}), {@code \}, Handlebars braces, control characters, line separators,
 * non-ASCII and supplementary characters.
 */
class EscapedBodiesPropertyTest {
  private static final long SEED = 20261201L;
  private static final int ROUNDS = 120;
  private static final ObjectMapper JSON = new ObjectMapper();
  private static final HttpClient CLIENT = HttpClient.newBuilder()
      .version(HttpClient.Version.HTTP_1_1).connectTimeout(Duration.ofSeconds(5)).build();
  private static final String ATOM_NS = "http://www.w3.org/2005/Atom";
  private static final String DATA_NS = "http://schemas.microsoft.com/ado/2007/08/dataservices";
  private static final String[] PIECES = {
      "<", ">", "&", "\"", "'", "\\", "]]>", "&amp;", "<!--", "{{", "}}", "{{request.path}}", "\t", "\n", "\r",
      "\r\n", "\u0000", "\u0001", "\u001f", "\u007f", "\u0085", "\u009f", "\u00a0", "\u00e9", "\u00df", "\u4eba",
      "\u2028", "\u2029", "\ufeff", "\ufffd", "\ufffe", "\uffff", "\ud83d\ude00", "\udbff\udfff", " ", "a", "Z", "0",
      ":", "/", "%", "%41", "+", "=", "?", "#", "(", ")", ","};
  /** Characters a client may send as they are in a path segment (RFC 3986 pchar less '%'). */
  private static final String PATH_SAFE =
      "ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789-._~!$&'()*+,;=:@";

  private static WireMockServer server;

  @BeforeAll
  static void start() {
    server = RepositoryServer.start();
  }

  @AfterAll
  static void stop() {
    server.stop();
  }

  @Test
  void everyDefaultTemplateWritesAnyTextSoThatAParserReadsItBack() throws Exception {
    Random random = new Random(SEED);
    List<String> problems = new ArrayList<>();
    for (int round = 0; round < ROUNDS && problems.size() < 10; round++) {
      // Not blank at either end: the Media notation trims a message, which is not what is tested here.
      String message = PIECES[random.nextInt(6)] + text(random) + PIECES[random.nextInt(6)];
      String target = text(random);
      String basePath = basePath(random);
      String inputs = "message " + shown(message) + ", target " + shown(target) + ", base path " + shown(basePath);

      String faceFailed = createFace(List.of(step("failed", message)), null);
      String faceSucceeded = createFace(List.of(step("succeeded", null)), target);
      check(problems, "Face message; " + inputs, message, faceJson(faceFailed).path("message").asText(null));
      check(problems, "Face resourceLocation; " + inputs, target, faceJson(faceSucceeded).path("resourceLocation").asText(null));

      String guid = UUID.randomUUID().toString();
      ObjectNode failed = step("Failed", message).put("code", "Timeout");
      createMedia("nb:opid:UUID:" + guid, failed, target);
      String entityUrl = server.baseUrl() + basePath + "/api/Operations('nb%3Aopid%3AUUID%3A" + guid + "')";
      String path = basePath + "/api/Operations('nb:opid:UUID:" + guid + "')";

      JsonNode light = JSON.readTree(media(path, "application/json;odata=minimalmetadata"));
      check(problems, "JSON light ErrorMessage; " + inputs, message, light.path("ErrorMessage").asText(null));
      check(problems, "JSON light TargetEntityId; " + inputs, target, light.path("TargetEntityId").asText(null));
      check(problems, "JSON light odata.metadata; " + inputs,
          server.baseUrl() + basePath + "/api/$metadata#Operations/@Element", light.path("odata.metadata").asText(null));

      JsonNode verbose = JSON.readTree(media(path, "application/json;odata=verbose")).path("d");
      check(problems, "verbose ErrorMessage; " + inputs, message, verbose.path("ErrorMessage").asText(null));
      check(problems, "verbose TargetEntityId; " + inputs, target, verbose.path("TargetEntityId").asText(null));
      check(problems, "verbose __metadata.uri; " + inputs, entityUrl, verbose.path("__metadata").path("uri").asText(null));

      JsonNode plain = JSON.readTree(media(path, "application/json;odata=nometadata"));
      check(problems, "nometadata ErrorMessage; " + inputs, message, plain.path("ErrorMessage").asText(null));
      check(problems, "nometadata TargetEntityId; " + inputs, target, plain.path("TargetEntityId").asText(null));

      byte[] atomBody = media(path, "application/atom+xml");
      Document atom;
      try {
        atom = xml(atomBody);
      } catch (Exception e) {
        problems.add("Atom is not well-formed XML (" + e.getMessage() + "); " + inputs + "\n"
            + new String(atomBody, StandardCharsets.UTF_8));
        continue;
      }
      Element entry = atom.getDocumentElement();
      check(problems, "Atom xml:base; " + inputs, server.baseUrl() + basePath + "/api/",
          entry.getAttributeNS(XMLConstants.XML_NS_URI, "base"));
      check(problems, "Atom id; " + inputs, entityUrl, text(entry, ATOM_NS, "id"));
      check(problems, "Atom ErrorMessage; " + inputs, inXml(message), text(entry, DATA_NS, "ErrorMessage"));
      check(problems, "Atom TargetEntityId; " + inputs, inXml(target), text(entry, DATA_NS, "TargetEntityId"));
    }

    assertThat(problems).as("first problems").isEmpty();
  }

  /** 1 to 12 random pieces. */
  private static String text(Random random) {
    StringBuilder out = new StringBuilder();
    for (int i = 0, n = 1 + random.nextInt(12); i < n; i++) {
      out.append(PIECES[random.nextInt(PIECES.length)]);
    }
    return out.toString();
  }

  /** One to three segments of random text, sent percent-encoded where a path needs it. */
  private static String basePath(Random random) {
    StringBuilder out = new StringBuilder();
    for (int i = 0, n = 1 + random.nextInt(3); i < n; i++) {
      out.append('/');
      // "x" first, so that no segment is "." or ".." or empty (which a server normalises away).
      out.append('x');
      // Without NUL: Jetty refuses %00 in a path before any stub sees the request.
      for (byte b : text(random).replace("\u0000", "").getBytes(StandardCharsets.UTF_8)) {
        char c = (char) (b & 0xff);
        out.append(c < 0x80 && PATH_SAFE.indexOf(c) >= 0 ? String.valueOf(c) : String.format("%%%02X", b & 0xff));
      }
    }
    return out.toString();
  }

  /** What an XML 1.0 body can hold of {@code text}: U+FFFD for each character XML cannot carry. */
  private static String inXml(String text) {
    StringBuilder out = new StringBuilder();
    text.codePoints().forEach(cp -> out.appendCodePoint(cp == 0x9 || cp == 0xA || cp == 0xD
        || (cp >= 0x20 && cp <= 0xD7FF) || (cp >= 0xE000 && cp <= 0xFFFD) || cp >= 0x10000 ? cp : 0xFFFD));
    return out.toString();
  }

  private static ObjectNode step(String status, String message) {
    ObjectNode step = JSON.createObjectNode().put("status", status);
    if (message != null) {
      step.put("message", message);
    }
    return step;
  }

  private static String createFace(List<ObjectNode> timeline, String resourceLocation) {
    String id = UUID.randomUUID().toString();
    ObjectNode body = JSON.createObjectNode().put("api", "face").put("id", id);
    body.putArray("timeline").addAll(timeline);
    if (resourceLocation != null) {
      body.put("resourceLocation", resourceLocation);
    }
    admin(body);
    return id;
  }

  private static void createMedia(String id, ObjectNode step, String target) {
    ObjectNode body = JSON.createObjectNode().put("api", "media").put("id", id).put("targetEntityId", target);
    body.putArray("timeline").add(step);
    admin(body);
  }

  private static void admin(ObjectNode body) {
    HttpResponse<byte[]> created = send(HttpRequest.newBuilder(URI.create(server.baseUrl() + "/__admin/opstub/operations"))
        .header("Content-Type", "application/json; charset=utf-8")
        .POST(HttpRequest.BodyPublishers.ofByteArray(body.toString().getBytes(StandardCharsets.UTF_8))));
    assertThat(created.statusCode()).as(new String(created.body(), StandardCharsets.UTF_8)).isEqualTo(201);
  }

  private static JsonNode faceJson(String id) throws IOException {
    HttpResponse<byte[]> reply = send(HttpRequest.newBuilder(URI.create(server.baseUrl() + "/face/v1.0-preview/operations/" + id))
        .header("Ocp-Apim-Subscription-Key", "k"));
    assertThat(reply.statusCode()).isEqualTo(200);
    return JSON.readTree(reply.body());
  }

  private static byte[] media(String path, String accept) {
    HttpResponse<byte[]> reply = send(HttpRequest.newBuilder(URI.create(server.baseUrl() + path))
        .header("Authorization", "Bearer t").header("x-ms-version", "2.19").header("Accept", accept));
    assertThat(reply.statusCode()).as(path + " " + accept + ": " + new String(reply.body(), StandardCharsets.UTF_8))
        .isEqualTo(200);
    return reply.body();
  }

  private static HttpResponse<byte[]> send(HttpRequest.Builder request) {
    try {
      return CLIENT.send(request.timeout(Duration.ofSeconds(10)).build(), HttpResponse.BodyHandlers.ofByteArray());
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      throw new IllegalStateException(e);
    }
  }

  /** Parses the body's bytes as they came, so that its encoding declaration is checked too. */
  private static Document xml(byte[] body) throws Exception {
    DocumentBuilderFactory factory = DocumentBuilderFactory.newInstance();
    factory.setNamespaceAware(true);
    factory.setFeature("http://apache.org/xml/features/disallow-doctype-decl", true);
    DocumentBuilder builder = factory.newDocumentBuilder();
    builder.setErrorHandler(null);
    return builder.parse(new ByteArrayInputStream(body));
  }

  private static String text(Element root, String namespace, String name) {
    Node node = root.getElementsByTagNameNS(namespace, name).item(0);
    return node == null ? null : node.getTextContent();
  }

  private static void check(List<String> problems, String what, String expected, String actual) {
    if (!expected.equals(actual)) {
      problems.add(what + ": expected " + shown(expected) + " but read " + (actual == null ? "nothing" : shown(actual)));
    }
  }

  /** Text as a Java string literal shows it: backslashes doubled, the rest of what is not printable ASCII as u-escapes. */
  private static String shown(String text) {
    StringBuilder out = new StringBuilder("\"");
    for (char c : text.toCharArray()) {
      out.append(c == '\\' ? "\\\\" : c >= 0x20 && c < 0x7f ? String.valueOf(c) : String.format("\\u%04x", (int) c));
    }
    return out.append('"').toString();
  }
}
