package dev.opstub.internal.face;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.DeserializationFeature;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.opstub.internal.http.Ids;
import dev.opstub.spi.Reply;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.function.Supplier;
import java.util.regex.Pattern;

/**
 * The JSON bodies of take, update and apply: parsed, then checked field by field in the order the
 * fields are documented; the first problem is the 400's message, naming the field and what is
 * allowed.
 */
final class SnapshotBodies {
  /** The snapshot types, in the documented spelling. */
  static final List<String> TYPES = List.of("FaceList", "LargeFaceList", "LargePersonGroup", "PersonGroup");
  /** The only apply mode. */
  static final String CREATE_NEW = "CreateNew";
  static final int MAX_OBJECT_ID_LENGTH = 64;
  /** 16 KB, counted in characters. */
  static final int MAX_USER_DATA_LENGTH = 16_384;
  /**
   * The most subscription ids one {@code applyScope} may list. The service publishes no limit;
   * this is OpStub's, so that one take or update cannot fill the heap (issue 12).
   */
  static final int MAX_APPLY_SCOPE_ITEMS = 100;
  /** The uuid every "expected a uuid" message shows. */
  static final String UUID_EXAMPLE = "e58b3f08-1e8b-4165-81df-aa9858f233dc";

  private static final Pattern OBJECT_ID = Pattern.compile("^[a-z0-9-_]+$");
  // A body with text after its JSON value ({...} xyz) is as unparsable as any other broken body.
  private static final ObjectMapper JSON = new ObjectMapper().enable(DeserializationFeature.FAIL_ON_TRAILING_TOKENS);

  private SnapshotBodies() {}

  /** A parsed JSON object body, or the 400 that says why there is none. */
  record Body(JsonNode json, Reply error) {
    static Body parse(String text) {
      if (text == null || text.isBlank()) {
        return new Body(null, FaceErrors.badArgument("Request body is invalid."));
      }
      JsonNode json;
      try {
        json = JSON.readTree(text);
      } catch (JsonProcessingException e) {
        return new Body(null, FaceErrors.badArgument("JSON parsing error."));
      }
      if (json == null || !json.isObject()) {
        return new Body(null, FaceErrors.badArgument("Request body is invalid."));
      }
      return new Body(json, null);
    }
  }

  /** The first problem of a take body {@code {type, objectId, applyScope, userData?}}, or {@code null}. */
  static String takeProblem(JsonNode body) {
    return firstProblem(
        () -> typeProblem(body.get("type")),
        () -> objectIdProblem(body.get("objectId")),
        () -> applyScopeProblem(body.get("applyScope"), true),
        () -> userDataProblem(body.get("userData")));
  }

  /** The first problem of an update body {@code {applyScope?, userData?}}, or {@code null}. */
  static String updateProblem(JsonNode body) {
    JsonNode scope = body.get("applyScope");
    return firstProblem(() -> present(scope) ? applyScopeProblem(scope, false) : null,
        () -> userDataProblem(body.get("userData")));
  }

  /** The first problem of an apply body {@code {objectId, mode?}}, or {@code null}. */
  static String applyProblem(JsonNode body) {
    return firstProblem(() -> objectIdProblem(body.get("objectId")), () -> modeProblem(body.get("mode")));
  }

  static boolean present(JsonNode node) {
    return node != null && !node.isNull();
  }

  /** The text of a field, or {@code null} when it is absent or null. */
  static String text(JsonNode node) {
    return present(node) ? node.asText() : null;
  }

  /** A checked {@code applyScope}, in lower case. */
  static List<String> uuids(JsonNode array) {
    List<String> out = new ArrayList<>();
    array.forEach(item -> out.add(item.asText().toLowerCase(Locale.ROOT)));
    return out;
  }

  /** A type in its documented spelling, matched case-insensitively; {@code null} when there is none. */
  static String canonicalType(String type) {
    return TYPES.stream().filter(t -> t.equalsIgnoreCase(type)).findFirst().orElse(null);
  }

  @SafeVarargs
  private static String firstProblem(Supplier<String>... checks) {
    for (Supplier<String> check : checks) {
      String problem = check.get();
      if (problem != null) {
        return problem;
      }
    }
    return null;
  }

  private static String typeProblem(JsonNode type) {
    String allowed = String.join(", ", TYPES);
    if (!present(type)) {
      return "'type' is required: one of " + allowed + ".";
    }
    if (!type.isTextual() || canonicalType(type.asText()) == null) {
      return "'type' must be one of " + allowed + "; was " + shown(type) + ".";
    }
    return null;
  }

  private static String objectIdProblem(JsonNode objectId) {
    String rule = "at most " + MAX_OBJECT_ID_LENGTH + " characters of lower-case letters, digits, '-' and '_' "
        + "(^[a-z0-9-_]+$)";
    if (!present(objectId) || (objectId.isTextual() && objectId.asText().isEmpty())) {
      return "'objectId' is required: " + rule + ".";
    }
    if (!objectId.isTextual()) {
      return "'objectId' must be a string of " + rule + "; was " + shown(objectId) + ".";
    }
    String text = objectId.asText();
    if (text.length() > MAX_OBJECT_ID_LENGTH) {
      return "'objectId' is too long: at most " + MAX_OBJECT_ID_LENGTH + " characters, was " + text.length() + ".";
    }
    if (!OBJECT_ID.matcher(text).matches()) {
      return "'objectId' may only contain lower-case letters, digits, '-' and '_' (^[a-z0-9-_]+$); was "
          + shown(objectId) + ".";
    }
    return null;
  }

  private static String applyScopeProblem(JsonNode scope, boolean required) {
    String rule = "a non-empty array of subscription ids (uuids), e.g. [\"" + UUID_EXAMPLE + "\"]";
    if (!present(scope)) {
      return required ? "'applyScope' is required: " + rule + "." : null;
    }
    if (!scope.isArray() || scope.isEmpty()) {
      return "'applyScope' must be " + rule + "; was " + shown(scope) + ".";
    }
    if (scope.size() > MAX_APPLY_SCOPE_ITEMS) {
      return "'applyScope' has too many items: at most " + MAX_APPLY_SCOPE_ITEMS + " subscription ids, it has "
          + scope.size() + " (the service publishes no limit; this is OpStub's).";
    }
    for (int i = 0; i < scope.size(); i++) {
      JsonNode item = scope.get(i);
      if (!item.isTextual() || !Ids.isUuid(item.asText())) {
        return "'applyScope' item " + (i + 1) + " is not a uuid: " + shown(item) + "; 'applyScope' must be "
            + rule + ".";
      }
    }
    return null;
  }

  private static String userDataProblem(JsonNode userData) {
    if (!present(userData)) {
      return null;
    }
    if (!userData.isTextual()) {
      return "'userData' must be a string of at most " + MAX_USER_DATA_LENGTH + " characters; was " + shown(userData)
          + ".";
    }
    int length = userData.asText().length();
    if (length > MAX_USER_DATA_LENGTH) {
      return "'userData' is too long. It may have at most " + MAX_USER_DATA_LENGTH + " characters (16 KB); it has "
          + length + ".";
    }
    return null;
  }

  private static String modeProblem(JsonNode mode) {
    if (!present(mode)) {
      return null;
    }
    if (!mode.isTextual() || !CREATE_NEW.equalsIgnoreCase(mode.asText())) {
      return "'mode' must be " + CREATE_NEW + " (the only mode), or left out; was " + shown(mode) + ".";
    }
    return null;
  }

  private static String shown(JsonNode node) {
    return Ids.shorten(node.toString());
  }
}
