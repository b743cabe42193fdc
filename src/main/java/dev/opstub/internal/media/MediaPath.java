package dev.opstub.internal.media;

import dev.opstub.internal.http.Ids;
import java.util.Optional;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * A Media Services request path split into its parts: {@code <root>/api/<EntitySet>(<key>)[/<Action>]}.
 *
 * <p>The root is whatever comes before the last {@code /api/} (often empty); the rest is
 * percent-decoded before it is split, so {@code Operations%28%27nb%3Aopid...%27%29} reads like
 * {@code Operations('nb:opid...')}.
 *
 * @param root the path before {@code /api/}, still encoded, e.g. {@code ""} or {@code /media}
 * @param entitySet e.g. {@code Operations}, {@code Channels}
 * @param keyText what stands in the parentheses, decoded, quotes included
 * @param key {@code keyText} without its single quotes, or {@code null} when it is not quoted
 * @param action the segment after the key ({@code Start}), or {@code null}
 */
record MediaPath(String root, String entitySet, String keyText, String key, String action) {
  private static final String API = "/api/";
  private static final Pattern REST = Pattern.compile(
      "([A-Za-z][A-Za-z0-9]*)\\((.*)\\)(?:/([A-Za-z][A-Za-z0-9]*))?/?");

  /** The parts of {@code path}, or empty when it is not {@code .../api/Set(key)[/Action]}. */
  static Optional<MediaPath> parse(String path) {
    int api = path.lastIndexOf(API);
    if (api < 0) {
      return Optional.empty();
    }
    Matcher m = REST.matcher(Ids.percentDecode(path.substring(api + API.length())));
    if (!m.matches()) {
      return Optional.empty();
    }
    String keyText = m.group(2);
    return Optional.of(new MediaPath(path.substring(0, api), m.group(1), keyText,
        MediaIds.quoted(keyText).orElse(null), m.group(3)));
  }

  /**
   * The service root a client sees for this path: {@code baseUrl} plus {@link #root()}, without a
   * trailing slash, e.g. {@code http://127.0.0.1:8080/media}.
   */
  String serviceRoot(String baseUrl) {
    String base = baseUrl == null ? "" : baseUrl;
    while (base.endsWith("/")) {
      base = base.substring(0, base.length() - 1);
    }
    return base + root;
  }

  /** The key for an error message: the unquoted key, or the text in parentheses as written. */
  String shownKey() {
    return key != null ? key : keyText;
  }

  /** The first segment after {@code /api/} of {@code path}, for a "not found" message. */
  static String firstSegment(String path) {
    int api = path.lastIndexOf(API);
    String rest = Ids.percentDecode(api < 0 ? path : path.substring(api + API.length()));
    int slash = rest.indexOf('/');
    return Ids.shorten(slash < 0 ? rest : rest.substring(0, slash));
  }
}
