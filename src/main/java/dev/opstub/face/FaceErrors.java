package dev.opstub.face;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.opstub.http.ApiReply;
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
  public static ApiReply unauthorized() {
    return error(401, "401", UNAUTHORIZED_MESSAGE);
  }

  /** A malformed argument: a path id that is not a uuid, an invalid body field. */
  public static ApiReply badArgument(String message) {
    return error(400, "BadArgument", message);
  }

  /** An id no live operation or snapshot has (never created, expired or evicted). */
  public static ApiReply notFound(String message) {
    return error(404, "NotFound", message);
  }

  /** An error reply with the given status, code and message. */
  public static ApiReply error(int status, String code, String message) {
    ObjectNode error = JSON.createObjectNode();
    error.putObject("error").put("code", code).put("message", message);
    return ApiReply.text(status, Map.of("Content-Type", FaceOperations.CONTENT_TYPE), error.toString());
  }
}
