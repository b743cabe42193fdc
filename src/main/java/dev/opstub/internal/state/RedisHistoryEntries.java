package dev.opstub.internal.state;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.core.io.JsonStringEncoder;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.time.Duration;
import java.time.Instant;
import java.util.LinkedHashMap;
import java.util.Map;

/**
 * How {@link RedisState} writes a poll into Redis' history lists and reads it back: one JSON
 * object per poll, written by hand in two parts so that the script ({@code operation.lua}) can end
 * it with what the poll saw.
 *
 * <pre>{@code
 * String text = RedisHistoryEntries.entry(poll);           // {"api":..., "http":200, ...}
 * PollRecord same = RedisHistoryEntries.fromJson(text);   // equals poll
 * }</pre>
 */
final class RedisHistoryEntries {
  private static final ObjectMapper JSON = new ObjectMapper();

  private RedisHistoryEntries() {}

  /** A history entry as the script writes it. */
  static String entry(PollRecord poll) {
    return entryStart(poll) + "," + entryRest(poll) + "}";
  }

  /**
   * A history entry is one JSON object written in two parts, so that the script can end it with
   * what the poll saw: {@link #entryStart} (what came) and {@link #entryRest} (what was served).
   */
  static String entryStart(PollRecord poll) {
    return entryStart(poll.api(), poll.operationId(), poll.time(), poll.headers(), poll.method(), poll.path(),
        poll.query());
  }

  /** What came: {@code method}, {@code path} and {@code query} are left out when {@code null}. */
  static String entryStart(String api, String id, Instant time, Map<String, String> headers, String method,
      String path, String query) {
    StringBuilder json = new StringBuilder(256).append("{\"api\":");
    quoted(json, api).append(",\"id\":");
    quoted(json, id).append(",\"time\":\"").append(time).append('"');
    if (method != null) {
      quoted(json.append(",\"method\":"), method);
    }
    if (path != null) {
      quoted(json.append(",\"path\":"), path);
    }
    if (query != null) {
      quoted(json.append(",\"query\":"), query);
    }
    json.append(",\"headers\":{");
    String comma = "";
    for (Map.Entry<String, String> header : headers.entrySet()) {
      quoted(json.append(comma), header.getKey()).append(':');
      quoted(json, header.getValue());
      comma = ",";
    }
    return json.append('}').toString();
  }

  static String entryRest(PollRecord poll) {
    StringBuilder json = new StringBuilder(80).append("\"http\":").append(poll.httpStatus()).append(",\"status\":");
    if (poll.status() == null) {
      json.append("null");
    } else {
      quoted(json, poll.status());
    }
    json.append(",\"terminal\":").append(poll.terminal());
    if (poll.retryAfter() != null) {
      json.append(",\"retryAfterMs\":").append(poll.retryAfter().toMillis());
    }
    return json.toString();
  }

  /** {@code text} as a JSON string (written by hand: a poll writes several entries, a tree each was a tenth of its time). */
  private static StringBuilder quoted(StringBuilder json, String text) {
    return json.append('"').append(JsonStringEncoder.getInstance().quoteAsString(text)).append('"');
  }

  private static String text(JsonNode json, String field) {
    JsonNode value = json.get(field);
    return value == null || value.isNull() ? null : value.asText();
  }

  static PollRecord fromJson(String text) {
    try {
      JsonNode json = JSON.readTree(text);
      Map<String, String> headers = new LinkedHashMap<>();
      json.get("headers").fields().forEachRemaining(e -> headers.put(e.getKey(), e.getValue().asText()));
      JsonNode status = json.get("status");
      JsonNode retryAfter = json.get("retryAfterMs");
      return new PollRecord(json.get("api").asText(), json.get("id").asText(), Instant.parse(json.get("time").asText()),
          headers, json.get("http").asInt(), status == null || status.isNull() ? null : status.asText(),
          json.get("terminal").asBoolean(), retryAfter == null ? null : Duration.ofMillis(retryAfter.asLong()),
          text(json, "method"), text(json, "path"), text(json, "query"));
    } catch (JsonProcessingException e) {
      throw new IllegalStateException("a poll in the store's history does not read back: " + e.getMessage(), e);
    }
  }
}
