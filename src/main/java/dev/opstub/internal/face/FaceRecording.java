package dev.opstub.internal.face;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.opstub.internal.http.Headers;
import dev.opstub.spi.Recording;
import dev.opstub.spi.Request;
import java.io.IOException;
import java.util.Map;
import java.util.Optional;
import java.util.regex.Pattern;

/**
 * How a recording reads Face traffic: polls answer an {@code OperationStatus}; take ({@code POST
 * /snapshots}) and apply ({@code POST /snapshots/{id}/apply}) start operations named by {@code
 * Operation-Location}. A starter mapping matches the call's {@code objectId}, as the shipped
 * {@code fail-snapshot} mapping does: it is the one part of the call a client sends again (the
 * snapshot id of an apply is new on every run).
 */
enum FaceRecording implements Recording {
  INSTANCE;

  private static final ObjectMapper JSON = new ObjectMapper();
  private static final String VERSION = "/face/v1\\.0(-preview)?";
  private static final Pattern TAKE = Pattern.compile(VERSION + "/snapshots/?");
  private static final Pattern APPLY = Pattern.compile(VERSION + "/snapshots/[^/]+/apply/?");
  /** What the API allows in an objectId, so it can stand in a JSON path without escaping. */
  private static final Pattern OBJECT_ID = Pattern.compile("[a-z0-9_-]{1,64}");

  @Override
  public Optional<Observed> observed(Map<String, String> headers, String body) {
    JsonNode json = read(body);
    String status = json == null ? null : text(json, "status");
    if (status == null || FaceStatuses.INSTANCE.phaseOf(status).isEmpty()) {
      return Optional.empty();
    }
    boolean failed = "failed".equalsIgnoreCase(status);
    String message = text(json, "message");
    return Optional.of(new Observed(status, failed && message != null && !message.isBlank() ? message : null,
        text(json, "resourceLocation"), null));
  }

  @Override
  public Optional<StartCall> startCall(Request request) {
    if (!"POST".equals(request.method())) {
      return Optional.empty();
    }
    String kind = TAKE.matcher(request.path()).matches() ? "take" : APPLY.matcher(request.path()).matches() ? "apply" : null;
    if (kind == null) {
      return Optional.empty();
    }
    JsonNode body = read(request.body());
    String objectId = body == null ? null : text(body, "objectId");
    boolean keyed = objectId != null && OBJECT_ID.matcher(objectId).matches();
    String pattern = kind.equals("take") ? TAKE.pattern() : APPLY.pattern();
    return Optional.of(new StartCall(keyed ? kind + "-" + objectId : kind, "POST", pattern,
        keyed ? "$[?(@.objectId == '" + objectId + "')]" : null, FaceSnapshots.INSTANCE));
  }

  @Override
  public Optional<String> startedId(Map<String, String> responseHeaders) {
    String location = Headers.get(responseHeaders, FaceSnapshots.OPERATION_LOCATION);
    if (location == null) {
      return Optional.empty();
    }
    String id = location.substring(location.lastIndexOf('/') + 1).trim();
    return FaceApi.INSTANCE.operationId(id);
  }

  private static JsonNode read(String body) {
    try {
      return body == null || body.isBlank() ? null : JSON.readTree(body);
    } catch (IOException e) {
      return null;
    }
  }

  private static String text(JsonNode json, String field) {
    JsonNode value = json.get(field);
    return value != null && value.isTextual() ? value.asText() : null;
  }
}
