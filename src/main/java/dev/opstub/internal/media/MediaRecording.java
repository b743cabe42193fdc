package dev.opstub.internal.media;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.opstub.internal.http.Headers;
import dev.opstub.spi.Recording;
import dev.opstub.spi.Request;
import dev.opstub.spi.StubPriority;
import java.io.ByteArrayInputStream;
import java.nio.charset.StandardCharsets;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import javax.xml.XMLConstants;
import javax.xml.parsers.DocumentBuilderFactory;
import org.w3c.dom.Document;
import org.w3c.dom.Element;
import org.w3c.dom.NodeList;

/**
 * How a recording reads Media Services traffic: polls answer an Operation entity (JSON light,
 * verbose, no metadata, or Atom); an action ({@code POST .../Start}, {@code DELETE Channels(...)})
 * starts an operation named by {@code operation-id}. A starter mapping matches the action on that
 * entity, as the shipped {@code actions-well-known-failures.json} mapping does.
 */
enum MediaRecording implements Recording {
  INSTANCE;

  /**
   * As the shipped well-known Media operations: one after Face's (StubPriority's allowed move), so a
   * Face poll never tries these patterns.
   */
  @Override
  public int operationPriority() {
    return StubPriority.ONE_OPERATION + 1;
  }

  private static final ObjectMapper JSON = new ObjectMapper();
  private static final String DATA_SERVICES = "http://schemas.microsoft.com/ado/2007/08/dataservices";
  private static final String METADATA = "http://schemas.microsoft.com/ado/2007/08/dataservices/metadata";
  private static final Set<String> ACTION_SETS = Set.of("StreamingEndpoints", "Channels", "Programs", "Origins");
  private static final Pattern ENTITY_KEY = Pattern.compile("nb:([a-z]+):UUID:([0-9a-fA-F-]{36})");

  @Override
  public Optional<Observed> observed(Map<String, String> headers, String body) {
    String contentType = Headers.get(headers, MediaHeaders.CONTENT_TYPE);
    Entity entity = contentType != null && contentType.toLowerCase(Locale.ROOT).contains("xml") ? atom(body) : json(body);
    if (entity == null || entity.state == null || MediaStatuses.INSTANCE.phaseOf(entity.state).isEmpty()) {
      return Optional.empty();
    }
    if (!MediaStatuses.FAILED.equalsIgnoreCase(entity.state) || entity.code == null) {
      return Optional.of(new Observed(entity.state, null, entity.target, null));
    }
    String message = entity.message == null || entity.message.isBlank() ? null : entity.message;
    if (MediaErrorCode.of(entity.code).isPresent()) {
      return Optional.of(new Observed(entity.state, message == null ? entity.code : entity.code + ": " + message,
          entity.target, null));
    }
    // A code the pack cannot serve: keep the failure and its words, under the code the API sends when none applies.
    String detail = MediaErrorCode.BadRequest.code() + ": " + entity.code + (message == null ? "" : ": " + message);
    return Optional.of(new Observed(entity.state, detail, entity.target, "ErrorCode " + entity.code
        + " is not one of the 14 the pack serves; written as Failed(" + detail + ")"));
  }

  @Override
  public Optional<StartCall> startCall(Request request) {
    Optional<MediaPath> parsed = MediaPath.parse(request.path());
    if (parsed.isEmpty() || !ACTION_SETS.contains(parsed.get().entitySet()) || parsed.get().key() == null) {
      return Optional.empty();
    }
    MediaPath path = parsed.get();
    boolean action = path.action() != null && "POST".equals(request.method());
    if (!action && !(path.action() == null && "DELETE".equals(request.method()))) {
      return Optional.empty();
    }
    Matcher key = ENTITY_KEY.matcher(path.key());
    if (!key.matches()) {
      return Optional.empty();
    }
    String guid = key.group(2).toLowerCase(Locale.ROOT);
    String pattern = "(/.*)?/api/" + path.entitySet() + "(\\(|%28)('|%27)nb(:|%3A)" + key.group(1)
        + "(:|%3A)UUID(:|%3A)(?i:" + guid + ")('|%27)(\\)|%29)" + (action ? "/" + path.action() : "") + "/?";
    return Optional.of(new StartCall(path.entitySet() + "-" + guid + "-" + (action ? path.action() : "DELETE"),
        request.method(), pattern, null, MediaActions.INSTANCE));
  }

  @Override
  public Optional<String> startedId(Map<String, String> responseHeaders) {
    String id = Headers.get(responseHeaders, MediaHeaders.OPERATION_ID);
    return id == null ? Optional.empty() : MediaIds.operationId(id.trim());
  }

  /** The properties of an Operation entity a timeline keeps. */
  private record Entity(String state, String code, String message, String target) {}

  private static Entity json(String body) {
    JsonNode root;
    try {
      root = body == null || body.isBlank() ? null : JSON.readTree(body);
    } catch (java.io.IOException e) {
      return null;
    }
    if (root == null || !root.isObject()) {
      return null;
    }
    JsonNode entity = root.has("d") && root.get("d").isObject() ? root.get("d") : root; // verbose wraps it in "d"
    return new Entity(text(entity, "State"), text(entity, "ErrorCode"), text(entity, "ErrorMessage"),
        text(entity, "TargetEntityId"));
  }

  private static String text(JsonNode json, String field) {
    JsonNode value = json.get(field);
    return value != null && value.isTextual() ? value.asText() : null;
  }

  private static Entity atom(String body) {
    try {
      DocumentBuilderFactory factory = DocumentBuilderFactory.newInstance();
      factory.setNamespaceAware(true);
      // A recorded body is outside input: no DTDs, no external entities.
      factory.setFeature("http://apache.org/xml/features/disallow-doctype-decl", true);
      factory.setFeature(XMLConstants.FEATURE_SECURE_PROCESSING, true);
      factory.setExpandEntityReferences(false);
      Document document = factory.newDocumentBuilder()
          .parse(new ByteArrayInputStream(body.getBytes(StandardCharsets.UTF_8)));
      return new Entity(property(document, "State"), property(document, "ErrorCode"),
          property(document, "ErrorMessage"), property(document, "TargetEntityId"));
    } catch (Exception e) {
      return null;
    }
  }

  private static String property(Document document, String name) {
    NodeList found = document.getElementsByTagNameNS(DATA_SERVICES, name);
    if (found.getLength() == 0) {
      return null;
    }
    Element element = (Element) found.item(0);
    return "true".equals(element.getAttributeNS(METADATA, "null")) ? null : element.getTextContent();
  }
}
