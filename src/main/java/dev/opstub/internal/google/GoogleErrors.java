package dev.opstub.internal.google;

import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.opstub.spi.Reply;
import java.util.Map;

/**
 * Errors as Google's HTTP/JSON transcoding writes them: the HTTP status of the {@code
 * google.rpc.Code} and {@code {"error":{"code":<http status>,"message":"...","status":"<CODE>"}}}.
 *
 * <pre>{@code
 * GoogleErrors.of(GoogleCode.NOT_FOUND, "Operation not found: 42");
 * // 404 {"error":{"code":404,"message":"Operation not found: 42","status":"NOT_FOUND"}}
 * }</pre>
 */
final class GoogleErrors {
  static final Map<String, String> JSON = Map.of("Content-Type", "application/json; charset=UTF-8");

  private GoogleErrors() {}

  static Reply of(GoogleCode code, String message) {
    return of(code.httpStatus(), code, message);
  }

  /** An error of {@code httpStatus} (a fault step's, the pack's own), its status name as the transcoding maps it. */
  static Reply forHttp(int httpStatus, String message) {
    return of(httpStatus, GoogleCode.forHttp(httpStatus), message);
  }

  private static Reply of(int httpStatus, GoogleCode code, String message) {
    ObjectNode error = JsonNodeFactory.instance.objectNode();
    error.putObject("error").put("code", httpStatus).put("message", message).put("status", code.name());
    return Reply.text(httpStatus, JSON, error.toString());
  }

  static Reply notFound(String name) {
    return of(GoogleCode.NOT_FOUND, "Operation not found: " + name);
  }

  static Reply invalid(String message) {
    return of(GoogleCode.INVALID_ARGUMENT, message);
  }

  /** What a fault step serves: the status's usual words. */
  static Reply fault(int httpStatus) {
    GoogleCode code = GoogleCode.forHttp(httpStatus);
    return forHttp(httpStatus, switch (code) {
      case UNAVAILABLE -> "The service is currently unavailable.";
      case RESOURCE_EXHAUSTED -> "Quota exceeded.";
      case DEADLINE_EXCEEDED -> "The deadline expired before the operation could complete.";
      case INTERNAL, UNKNOWN, DATA_LOSS -> "Internal error encountered.";
      default -> "The request failed with HTTP " + httpStatus + " (" + code.name() + ").";
    });
  }
}
