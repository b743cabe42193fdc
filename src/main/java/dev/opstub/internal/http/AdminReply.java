package dev.opstub.internal.http;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.DeserializationFeature;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.util.function.Supplier;

/**
 * An answer of the pack's admin routes ({@code /__admin/opstub/}, the admin API and the
 * recordings alike): an HTTP status and a JSON body. A request they refuse is answered {@code
 * {"error": "<what was wrong and what is allowed>"}} with a 4xx.
 *
 * <pre>{@code
 * AdminReply reply = AdminReply.handle(() -> {
 *   JsonNode body = AdminReply.object(text, "{\"by\": \"10s\"}");  // a 400 naming the example otherwise
 *   return new AdminReply(200, body.toString());
 * });
 * }</pre>
 *
 * @param status HTTP status
 * @param json the body
 */
public record AdminReply(int status, String json) {
  // Text after the JSON value is an error, not something to ignore.
  private static final ObjectMapper JSON = new ObjectMapper().enable(DeserializationFeature.FAIL_ON_TRAILING_TOKENS);

  /** A request an admin route refuses, with its status; {@link #handle} answers it as {@code {"error": ...}}. */
  public static final class Refused extends RuntimeException {
    private static final long serialVersionUID = 1L;
    private final int status;

    public Refused(int status, String message) {
      super(message, null, false, false);
      this.status = status;
    }
  }

  /** Runs an admin call, answering a {@link Refused} as {@code {"error": ...}}. */
  public static AdminReply handle(Supplier<AdminReply> action) {
    try {
      return action.get();
    } catch (Refused e) {
      return error(e.status, e.getMessage());
    }
  }

  /** {@code {"error": message}} with {@code status}. */
  public static AdminReply error(int status, String message) {
    return new AdminReply(status, JSON.createObjectNode().put("error", message).toString());
  }

  /** The body as a JSON object; a 400 naming {@code example} when it is empty, not JSON or not an object. */
  public static JsonNode object(String body, String example) {
    JsonNode node;
    try {
      node = body == null || body.isBlank() ? null : JSON.readTree(body);
    } catch (JsonProcessingException e) {
      throw new Refused(400, "the body is not JSON (" + e.getOriginalMessage() + "); expected e.g. " + example);
    }
    if (node == null || !node.isObject()) {
      throw new Refused(400, "expected a JSON object such as " + example);
    }
    return node;
  }
}
