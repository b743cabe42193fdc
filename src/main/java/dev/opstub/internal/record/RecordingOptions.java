package dev.opstub.internal.record;

import com.fasterxml.jackson.databind.JsonNode;
import java.net.URI;
import java.net.URISyntaxException;
import java.util.ArrayList;
import java.util.Iterator;
import java.util.List;
import java.util.Locale;
import java.util.regex.Pattern;

/**
 * What {@code POST /__admin/opstub/recordings/start} asks for.
 *
 * <pre>{@code
 * {"targetBaseUrl": "https://westus.api.cognitive.microsoft.com",
 *  "secretHeaders": ["x-my-token"], "secretQueryParameters": ["code"], "timing": "time", "folder": "recorded"}
 * }</pre>
 *
 * @param targetBaseUrl the real service, {@code http(s)://host[:port]}: scheme in lower case, no credentials, no path
 * @param secretHeaders headers whose values never reach the written files, besides {@link #ALWAYS_SECRET}
 * @param secretQueryParameters query parameters whose values never reach the written files, besides {@link
 *     #ALWAYS_SECRET_QUERY}
 * @param timed whether steps last the recorded spans of time ({@code running 4200ms}) rather than counts of polls
 * @param folder the folder under the server's {@code mappings/} that the recording is written to
 */
public record RecordingOptions(String targetBaseUrl, List<String> secretHeaders, List<String> secretQueryParameters,
    boolean timed, String folder) {
  /** The headers whose values are secrets whatever the user names. */
  public static final List<String> ALWAYS_SECRET = List.of("Ocp-Apim-Subscription-Key", "Authorization");
  /** The query parameters whose values are secrets whatever the user names: Face's key, a SAS signature. */
  public static final List<String> ALWAYS_SECRET_QUERY = List.of("subscription-key", "sig");
  static final List<String> FIELDS = List.of("targetBaseUrl", "secretHeaders", "secretQueryParameters", "timing",
      "folder");
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
    String base = baseUrl(target);
    List<String> secrets = names(request, "secretHeaders", ALWAYS_SECRET, "header names such as [\"x-api-key\"]");
    List<String> secretQuery = names(request, "secretQueryParameters", ALWAYS_SECRET_QUERY,
        "query parameter names such as [\"code\"]");
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
    return new RecordingOptions(base, secrets, secretQuery, "time".equals(timing), folder == null ? "recorded" : folder);
  }

  /**
   * {@code http(s)://host[:port]} as documented, normalised (scheme and host in lower case, no
   * trailing slash); each rule it breaks is refused by name, and a password never appears in the message.
   */
  static String baseUrl(String target) {
    URI url;
    try {
      url = new URI(target.trim());
    } catch (URISyntaxException e) {
      url = null;
    }
    String scheme = url == null || url.getScheme() == null ? null : url.getScheme().toLowerCase(Locale.ROOT);
    if (url == null || !("http".equals(scheme) || "https".equals(scheme)) || url.isOpaque()) {
      throw new IllegalArgumentException("\"targetBaseUrl\" must be an http or https URL, http(s)://host[:port], such "
          + "as https://westus.api.cognitive.microsoft.com; was \"" + shown(target) + "\"");
    }
    if (url.getRawUserInfo() != null || url.getRawAuthority() != null && url.getRawAuthority().contains("@")) {
      throw new IllegalArgumentException("\"targetBaseUrl\" must not hold credentials (user:password@); send the key "
          + "or token as a header, which the recording scrubs; was \"" + shown(target) + "\"");
    }
    if (url.getHost() == null) {
      throw new IllegalArgumentException("\"targetBaseUrl\" must name a host and, if any, a port from 1 to 65535, "
          + "http(s)://host[:port]; was \"" + shown(target) + "\"");
    }
    if (url.getPort() == 0 || url.getPort() > 65_535 || (url.getPort() < 0 && url.getRawAuthority().matches(".*:\\d*"))) {
      throw new IllegalArgumentException("\"targetBaseUrl\" must have a port from 1 to 65535 (or none); was \""
          + shown(target) + "\"");
    }
    String path = url.getRawPath() == null ? "" : url.getRawPath();
    if (!path.isEmpty() && !path.equals("/") || url.getRawQuery() != null || url.getRawFragment() != null) {
      throw new IllegalArgumentException("\"targetBaseUrl\" must not have a path, query or fragment, "
          + "http(s)://host[:port]: the client's own paths are sent to it as they are; was \"" + shown(target) + "\"");
    }
    return scheme + "://" + url.getHost().toLowerCase(Locale.ROOT) + (url.getPort() > 0 ? ":" + url.getPort() : "");
  }

  /** The URL with any user information masked, for messages. */
  private static String shown(String target) {
    return target.replaceAll("(?<=//)[^/?#]*@", "***@"); // up to the last @: a password may hold one
  }

  /** A list of names in {@code field}, after {@code always}. */
  private static List<String> names(JsonNode request, String field, List<String> always, String example) {
    List<String> names = new ArrayList<>(always);
    JsonNode named = request.get(field);
    if (named != null && !named.isNull()) {
      if (!named.isArray()) {
        throw new IllegalArgumentException("\"" + field + "\" must be an array of " + example + "; was " + named);
      }
      for (JsonNode name : named) {
        if (!name.isTextual() || name.asText().isBlank()) {
          throw new IllegalArgumentException("\"" + field + "\" must hold " + example + " (strings); found " + name);
        }
        names.add(name.asText().trim());
      }
    }
    return List.copyOf(names);
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
