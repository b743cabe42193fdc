package dev.opstub.internal.media;

import dev.opstub.internal.http.Ids;
import java.io.ByteArrayOutputStream;
import java.nio.charset.StandardCharsets;
import java.util.Locale;
import java.util.Optional;
import java.util.UUID;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * Media Services identifiers: {@code nb:opid:UUID:<guid>} for operations, {@code nb:oid:UUID:}
 * for StreamingEndpoints and Origins, {@code nb:chid:UUID:} for Channels and {@code
 * nb:pgid:UUID:} for Programs.
 *
 * <p>The prefix must be spelled exactly; the GUID is matched ignoring case and normalised to
 * lower case, so {@code nb:opid:UUID:AB66...} and {@code nb:opid:UUID:ab66...} are one id.
 *
 * <pre>{@code
 * MediaIds.operationId("nb:opid:UUID:AB66EFF9-8945-4323-9F91-D257A695899B");
 * // Optional[nb:opid:UUID:ab66eff9-8945-4323-9f91-d257a695899b]
 * MediaIds.key("Operations('nb%3Aopid%3AUUID%3Aab66eff9-8945-4323-9f91-d257a695899b')");
 * // Optional[nb:opid:UUID:ab66eff9-8945-4323-9f91-d257a695899b]
 * MediaIds.encoded("nb:opid:UUID:ab66...");  // "nb%3Aopid%3AUUID%3Aab66..."
 * }</pre>
 */
public final class MediaIds {
  public static final String OPERATION_PREFIX = "nb:opid:UUID:";
  /** StreamingEndpoints and Origins. */
  public static final String ORIGIN_PREFIX = "nb:oid:UUID:";
  public static final String CHANNEL_PREFIX = "nb:chid:UUID:";
  public static final String PROGRAM_PREFIX = "nb:pgid:UUID:";

  private static final Pattern GUID = Pattern.compile(
      "[0-9a-fA-F]{8}-[0-9a-fA-F]{4}-[0-9a-fA-F]{4}-[0-9a-fA-F]{4}-[0-9a-fA-F]{12}");
  /** {@code Name(...)}: an OData entity set and what is in its parentheses. */
  private static final Pattern SEGMENT = Pattern.compile("([A-Za-z][A-Za-z0-9]*)\\((.*)\\)");

  private MediaIds() {}

  /** {@code id} normalised if it is {@code prefix} (exactly) followed by a GUID, else empty. */
  public static Optional<String> parse(String prefix, String id) {
    if (id == null || !id.startsWith(prefix)) {
      return Optional.empty();
    }
    String guid = id.substring(prefix.length());
    if (!GUID.matcher(guid).matches()) {
      return Optional.empty();
    }
    return Optional.of(prefix + guid.toLowerCase(Locale.ROOT));
  }

  /** An operation id, {@code nb:opid:UUID:<guid>}, normalised; else empty. */
  public static Optional<String> operationId(String id) {
    return parse(OPERATION_PREFIX, id);
  }

  /** A new operation id with a random GUID. */
  public static String newOperationId() {
    return OPERATION_PREFIX + Ids.randomUuid();
  }

  /** The GUID of a well-formed id (the text after its last {@code ':'}). */
  public static String guid(String id) {
    return id.substring(id.lastIndexOf(':') + 1);
  }

  /** The id as the service writes it inside URLs: colons percent-encoded ({@code nb%3Aopid%3AUUID%3A...}). */
  public static String encoded(String id) {
    return id.replace(":", "%3A");
  }

  /**
   * The key of a path segment such as {@code Operations('nb:opid:UUID:...')}, percent-decoded, with
   * its quotes removed; the segment may be percent-encoded as a whole or in part ({@code
   * Operations('nb%3Aopid%3AUUID%3A...')}, {@code Operations(%27...%27)}). Empty when the segment
   * is not {@code Name('key')}. The key itself is not checked; use {@link #parse} for that.
   */
  public static Optional<String> key(String segment) {
    Matcher m = SEGMENT.matcher(Ids.percentDecode(segment));
    if (!m.matches()) {
      return Optional.empty();
    }
    return quoted(m.group(2));
  }

  /** The text between the single quotes of {@code 'key'}, or empty when it is not quoted. */
  static Optional<String> quoted(String inParentheses) {
    String key = inParentheses.trim();
    if (key.length() < 2 || key.charAt(0) != '\'' || key.charAt(key.length() - 1) != '\'') {
      return Optional.empty();
    }
    return Optional.of(key.substring(1, key.length() - 1));
  }

}
