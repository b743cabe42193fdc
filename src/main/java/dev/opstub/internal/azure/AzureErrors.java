package dev.opstub.internal.azure;

import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.opstub.spi.Reply;
import java.util.LinkedHashMap;
import java.util.Map;

/**
 * Errors in the shape ARM and the data-plane guidelines share: {@code {"error": {"code": ..,
 * "message": ..}}} with the {@code x-ms-error-code} header equal to the code.
 *
 * <pre>{@code
 * AzureErrors.error(404, "NotFound", "Operation 'x' is not found.");
 * }</pre>
 */
final class AzureErrors {
  static final String CONTENT_TYPE = "application/json; charset=utf-8";

  private AzureErrors() {}

  static Reply error(int status, String code, String message) {
    ObjectNode error = AzureOperation.JSON.createObjectNode().put("code", code).put("message", message);
    return error(status, error);
  }

  /** An error reply carrying a whole {@code error} object (code, message and any extras). */
  static Reply error(int status, ObjectNode error) {
    Map<String, String> headers = new LinkedHashMap<>();
    headers.put("Content-Type", CONTENT_TYPE);
    headers.put("x-ms-error-code", error.path("code").asText());
    return Reply.text(status, headers, AzureBodies.errorResponse(error));
  }

  /** 405 naming the one method the URL takes, in {@code Allow} and in the message. */
  static Reply methodNotAllowed(String allowed, String message) {
    return error(405, "MethodNotAllowed", message).withHeader("Allow", allowed);
  }

  static Reply operationNotFound(String id) {
    return error(404, "NotFound", "Operation '" + id + "' is not found.");
  }

  /** A monitor or Location path whose last segment is no operation id. */
  static Reply invalidIdInPath() {
    return error(400, "InvalidOperationId", "The operation id in the path must be " + AzureApi.ID_FORMAT + ".");
  }

  /** The error a fault step {@code http(status)} answers. */
  static Reply forStatus(int status) {
    return switch (status) {
      case 400 -> error(400, "BadRequest", "The request is invalid.");
      case 401 -> error(401, "Unauthorized", "Access denied: the request has no valid credential.");
      case 403 -> error(403, "Forbidden", "The client is not allowed to do this.");
      case 404 -> error(404, "NotFound", "The resource is not found.");
      case 409 -> error(409, "Conflict", "The request conflicts with the resource's state.");
      case 429 -> error(429, "TooManyRequests", "Too many requests. Retry after the time the Retry-After header gives.");
      case 500 -> error(500, "InternalServerError", "The server had an internal error.");
      case 503 -> error(503, "ServiceUnavailable", "The service is temporarily unavailable.");
      default -> error(status, "Http" + status, "The server answered HTTP " + status + ".");
    };
  }
}
