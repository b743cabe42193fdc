package dev.opstub.internal.face;

import static dev.opstub.internal.http.JsonText.json;
import static dev.opstub.internal.http.JsonText.jsonOrNull;
import static dev.opstub.internal.http.JsonText.truthy;

import java.util.Map;

/** The shipped {@value FaceOperations#STATUS_TEMPLATE}, written directly (see {@code BodyWriter}). */
final class FaceBodies {
  private FaceBodies() {}

  static String status(Map<String, Object> operation) {
    StringBuilder out = new StringBuilder(320)
        .append("{\n  \"status\": ").append(json(operation.get("status")))
        .append(",\n  \"createdTime\": ").append(json(operation.get("createdTime")))
        .append(",\n  \"lastActionTime\": ").append(json(operation.get("lastActionTime"))).append(',');
    Object finished = operation.get("finishedTime");
    if (truthy(finished)) {
      out.append("\n  \"finishedTime\": ").append(json(finished)).append(',');
    }
    Object location = operation.get("resourceLocation");
    if (truthy(location)) {
      out.append("\n  \"resourceLocation\": ").append(json(location)).append(',');
    }
    return out.append("\n  \"message\": ").append(jsonOrNull(operation.get("message"))).append("\n}\n").toString();
  }
}
