package dev.opstub.internal.face;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.opstub.spi.Reply;
import java.util.Map;

/**
 * Errors in the Face API's own model, {@code {"error": {"code": ..., "message": ...}}}.
 *
 * <p>The Face documentation does not say what an unknown operation id answers; OpStub answers
 * 404 with code {@code NotFound} (see README).
 */
public final class FaceErrors {
  /** The documented wording of the 401 answer. */
  public static final String UNAUTHORIZED_MESSAGE = "Access denied due to invalid subscription key or wrong "
      + "API endpoint. Make sure to provide a valid key for an active subscription and use a correct "
      + "regional API endpoint for your resource.";

  private static final ObjectMapper JSON = new ObjectMapper();

  private FaceErrors() {}

  /** Missing or empty {@code Ocp-Apim-Subscription-Key}. */
  public static Reply unauthorized() {
    return error(401, "401", UNAUTHORIZED_MESSAGE);
  }

  /** A malformed argument: a path id that is not a uuid, an invalid body field. */
  public static Reply badArgument(String message) {
    return error(400, "BadArgument", message);
  }

  /** An id no live operation or snapshot has (never created, expired or evicted). */
  public static Reply notFound(String message) {
    return error(NOT_FOUND, "NotFound", message);
  }

  /** The status of {@link #notFound}. */
  public static final int NOT_FOUND = 404;

  /**
   * The error a transient {@code http(status)} step serves: the documented code and wording where
   * the Face API has them (429 {@code 429} "Rate limit is exceeded.", 409, 403, 401, 400), a
   * plausible one otherwise (500 {@code InternalServerError}, 503 {@code ServiceUnavailable}).
   */
  public static Reply forStatus(int status) {
    return switch (status) {
      case 400 -> badArgument("Bad argument.");
      case 401 -> unauthorized();
      case 403 -> error(403, "QuotaExceeded", "Out of call volume quota. Quota will be replenished later.");
      case 404 -> notFound("Resource not found.");
      case 409 -> error(409, "ConcurrentOperationConflict", "There is a conflict operation on resource, please try later.");
      case 429 -> error(429, "429", "Rate limit is exceeded. Try again later.");
      case 500 -> error(500, "InternalServerError", "An internal server error occurred. Try again later.");
      case 503 -> error(503, "ServiceUnavailable", "The service is temporarily unavailable. Try again later.");
      default -> error(status, Integer.toString(status), "The request failed with HTTP status " + status + ".");
    };
  }

  /** An error reply with the given status, code and message. */
  public static Reply error(int status, String code, String message) {
    ObjectNode error = JSON.createObjectNode();
    error.putObject("error").put("code", code).put("message", message);
    return Reply.text(status, Map.of("Content-Type", FaceOperations.CONTENT_TYPE), error.toString());
  }
}
