package dev.opstub.validate;

import dev.opstub.media.MediaIds;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Optional;
import java.util.regex.Pattern;

/**
 * The one operation id a mapping's request URL claims, when the URL names it literally.
 *
 * <p>Reads {@code url}, {@code urlPath} (literal) and {@code urlPattern}, {@code urlPathPattern}
 * (regular expressions). A regular expression claims an id only when the part after {@code
 * operations} / {@code Operations} matches exactly one text up to percent-encoding: {@code
 * (?i)}, {@code \Q...\E}, escaped characters and groups whose alternatives are the same character
 * spelt plainly or percent-encoded ({@code (:|%3A)}) are literal; anything else ({@code .*},
 * {@code [^/]+}, {@code (/.*)?}) is a catch-all and claims nothing.
 */
final class ClaimedIds {
  static final Pattern UUID = Pattern.compile(
      "[0-9a-fA-F]{8}-[0-9a-fA-F]{4}-[0-9a-fA-F]{4}-[0-9a-fA-F]{4}-[0-9a-fA-F]{12}");

  /** The URL fields of a request pattern, in the order WireMock reads them; {@code true} when regular. */
  static final List<String> URL_FIELDS = List.of("url", "urlPath", "urlPattern", "urlPathPattern");

  private ClaimedIds() {}

  /**
   * What a URL says about an operation id.
   *
   * @param id the normalised id (lower-case uuid or {@code nb:opid:UUID:<lower-case guid>}), or
   *     {@code null} when the literal text is not a well-formed id of the API
   * @param written the literal text found where the id goes
   */
  record Claim(String id, String written) {}

  /**
   * The id a Face operation URL claims; empty for catch-alls and URLs that are not about
   * {@code /operations/}.
   */
  static Optional<Claim> face(String field, String url) {
    String lower = url.toLowerCase(Locale.ROOT);
    int at = lower.lastIndexOf("operations");
    if (at < 0) {
      return Optional.empty();
    }
    Optional<String> tail = literalTail(field, url.substring(at + "operations".length()));
    if (tail.isEmpty() || !tail.get().startsWith("/")) {
      return Optional.empty();
    }
    String id = tail.get().substring(1);
    while (id.endsWith("/")) {
      id = id.substring(0, id.length() - 1);
    }
    if (id.isEmpty()) {
      return Optional.empty();
    }
    return Optional.of(new Claim(UUID.matcher(id).matches() ? id.toLowerCase(Locale.ROOT) : null, id));
  }

  /** The id a Media Services {@code Operations('<id>')} URL claims; empty for catch-alls. */
  static Optional<Claim> media(String field, String url) {
    String lower = url.toLowerCase(Locale.ROOT);
    int at = lower.lastIndexOf("/api/operations");
    if (at < 0) {
      return Optional.empty();
    }
    Optional<String> tail = literalTail(field, url.substring(at + "/api/operations".length()));
    if (tail.isEmpty() || tail.get().isEmpty()) {
      return Optional.empty();
    }
    String segment = MediaIds.percentDecode(tail.get());
    if (segment.endsWith("/")) {
      segment = segment.substring(0, segment.length() - 1);
    }
    Optional<String> key = MediaIds.key("Operations" + segment);
    if (key.isEmpty()) {
      return Optional.empty();
    }
    return Optional.of(new Claim(MediaIds.operationId(key.get()).orElse(null), key.get()));
  }

  /** The literal text of a URL's tail: the query cut from {@code url}, regular fields literalised. */
  private static Optional<String> literalTail(String field, String tail) {
    if (field.equals("url") || field.equals("urlPath")) {
      int query = tail.indexOf('?');
      return Optional.of(query < 0 ? tail : tail.substring(0, query));
    }
    String regex = tail;
    if (regex.endsWith("$")) {
      regex = regex.substring(0, regex.length() - 1);
    }
    if (regex.endsWith("/?") && !regex.endsWith("\\/?")) {
      regex = regex.substring(0, regex.length() - 2);
    }
    return literal(regex);
  }

  /**
   * The one text {@code regex} matches (percent-decoded where an alternative is spelt two ways),
   * or empty when it matches more than one.
   */
  static Optional<String> literal(String regex) {
    Literaliser reader = new Literaliser(regex);
    String text = reader.alternatives();
    return text == null || reader.pos != regex.length() ? Optional.empty() : Optional.of(text);
  }

  /** A small reader of the literal subset of Java regular expressions. */
  private static final class Literaliser {
    private final String re;
    private int pos;

    Literaliser(String re) {
      this.re = re;
    }

    /** {@code a|b|c} up to a closing parenthesis or the end; {@code null} unless all decode alike. */
    String alternatives() {
      List<String> options = new ArrayList<>();
      while (true) {
        String one = sequence();
        if (one == null) {
          return null;
        }
        options.add(MediaIds.percentDecode(one));
        if (pos < re.length() && re.charAt(pos) == '|') {
          pos++;
          continue;
        }
        break;
      }
      String first = options.get(0);
      for (String option : options) {
        if (!option.equals(first)) {
          return null;
        }
      }
      return first;
    }

    private String sequence() {
      StringBuilder out = new StringBuilder();
      while (pos < re.length()) {
        char c = re.charAt(pos);
        switch (c) {
          case '|', ')' -> {
            return out.toString();
          }
          case '\\' -> {
            if (pos + 1 >= re.length()) {
              return null;
            }
            char next = re.charAt(pos + 1);
            if (next == 'Q') {
              int end = re.indexOf("\\E", pos + 2);
              out.append(re, pos + 2, end < 0 ? re.length() : end);
              pos = end < 0 ? re.length() : end + 2;
            } else if (next == 'E') {
              pos += 2;
            } else if (Character.isLetterOrDigit(next)) {
              return null; // \d, \w, \b, back-references: not one text
            } else {
              out.append(next);
              pos += 2;
            }
          }
          case '(' -> {
            String group = group();
            if (group == null) {
              return null;
            }
            out.append(group);
          }
          case '[', '.', '*', '+', '?', '{', '^', '$' -> {
            return null;
          }
          default -> {
            out.append(c);
            pos++;
          }
        }
        if (pos < re.length() && "?*+{".indexOf(re.charAt(pos)) >= 0) {
          return null; // a quantified item: more than one text
        }
      }
      return out.toString();
    }

    /** {@code (...)}, {@code (?:...)} or a flag group such as {@code (?i)}; {@code null} otherwise. */
    private String group() {
      pos++; // '('
      if (pos < re.length() && re.charAt(pos) == '?') {
        int close = re.indexOf(')', pos);
        if (close > 0 && re.substring(pos + 1, close).matches("[a-zA-Z-]*")) {
          pos = close + 1;
          return "";
        }
        if (re.startsWith("?:", pos)) {
          pos += 2;
        } else {
          return null; // look-arounds, named groups, inline flags with a body
        }
      }
      String inside = alternatives();
      if (inside == null || pos >= re.length() || re.charAt(pos) != ')') {
        return null;
      }
      pos++;
      return inside;
    }
  }
}
