package dev.opstub.internal.record;

import com.fasterxml.jackson.databind.JsonNode;
import java.net.URI;
import java.net.URISyntaxException;
import java.util.ArrayList;
import java.util.Iterator;
import java.util.List;
import java.util.regex.Pattern;

/**
 * What {@code POST /__admin/opstub/recordings/start} asks for.
 *
 * <pre>{@code
 * {"targetBaseUrl": "https://westus.api.cognitive.microsoft.com",
 *  "secretHeaders": ["x-my-token"], "timing": "time", "folder": "recorded"}
 * }</pre>
 *
 * @param targetBaseUrl the real service, {@code http(s)://host[:port]}
 * @param secretHeaders headers whose values never reach the written files, besides {@link #ALWAYS_SECRET}
 * @param timed whether steps last the recorded spans of time ({@code running 4200ms}) rather than counts of polls
 * @param folder the folder under the server's {@code mappings/} that the recording is written to
 */
public record RecordingOptions(String targetBaseUrl, List<String> secretHeaders, boolean timed, String folder) {
  /** The headers whose values are secrets whatever the user names. */
  public static final List<String> ALWAYS_SECRET = List.of("Ocp-Apim-Subscription-Key", "Authorization");
  static final List<String> FIELDS = List.of("targetBaseUrl", "secretHeaders", "timing", "folder");
  static final String EXAMPLE = "{\"targetBaseUrl\": \"https://westus.api.cognitive.microsoft.com\"}";
  private static final Pattern FOLDER = Pattern.compile("[A-Za-z0-9_-][A-Za-z0-9._-]{0,63}");

  /**
   * Reads the start call's body.
   *
   * @throws IllegalArgumentException naming the field, what was wrong and what is allowed
   */
  static RecordingOptions read(JsonNode request) {
    for (Iterator<String> names = request.fieldNames(); names.hasNext(); ) {
      String name = names.next();
      if (!FIELDS.contains(name)) {
        throw new IllegalArgumentException("unknown field \"" + name + "\"; allowed: " + String.join(", ", FIELDS));
      }
    }
    String target = text(request, "targetBaseUrl");
    if (target == null) {
      throw new IllegalArgumentException("\"targetBaseUrl\" is missing; expected e.g. " + EXAMPLE);
    }
    URI url;
    try {
      url = new URI(target);
    } catch (URISyntaxException e) {
      url = null;
    }
    if (url == null || url.getHost() == null || !("http".equals(url.getScheme()) || "https".equals(url.getScheme()))) {
      throw new IllegalArgumentException("\"targetBaseUrl\" must be an http or https URL such as "
          + "https://westus.api.cognitive.microsoft.com; was \"" + target + "\"");
    }
    List<String> secrets = new ArrayList<>(ALWAYS_SECRET);
    JsonNode named = request.get("secretHeaders");
    if (named != null && !named.isNull()) {
      if (!named.isArray()) {
        throw new IllegalArgumentException("\"secretHeaders\" must be an array of header names such as "
            + "[\"x-api-key\"]; was " + named);
      }
      for (JsonNode header : named) {
        if (!header.isTextual() || header.asText().isBlank()) {
          throw new IllegalArgumentException("\"secretHeaders\" must hold header names (strings); found " + header);
        }
        secrets.add(header.asText().trim());
      }
    }
    String timing = text(request, "timing");
    if (timing != null && !timing.equals("polls") && !timing.equals("time")) {
      throw new IllegalArgumentException("\"timing\" must be \"polls\" (steps counted in polls, the default) or "
          + "\"time\" (steps lasting the recorded spans); was \"" + timing + "\"");
    }
    String folder = text(request, "folder");
    if (folder != null && !FOLDER.matcher(folder).matches()) {
      throw new IllegalArgumentException("\"folder\" must be one folder name under mappings/ (letters, digits, "
          + "'.', '_', '-'; at most 64) such as \"recorded\"; was \"" + folder + "\"");
    }
    return new RecordingOptions(url.toString().replaceAll("/+$", ""), List.copyOf(secrets), "time".equals(timing),
        folder == null ? "recorded" : folder);
  }

  private static String text(JsonNode request, String field) {
    JsonNode value = request.get(field);
    if (value == null || value.isNull()) {
      return null;
    }
    if (!value.isTextual()) {
      throw new IllegalArgumentException("\"" + field + "\" must be a string; was " + value);
    }
    return value.asText();
  }
}
