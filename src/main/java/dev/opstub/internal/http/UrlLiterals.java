package dev.opstub.internal.http;


import java.util.ArrayList;
import java.util.List;
import java.util.Optional;

/**
 * Reads the literal text of a mapping's request URL, for an API that says which operation id a
 * mapping claims ({@link dev.opstub.spi.Dialect#claimedId}).
 *
 * <p>Reads {@code url}, {@code urlPath} (literal) and {@code urlPattern}, {@code urlPathPattern}
 * (regular expressions). A regular expression has a literal text only when it matches exactly one
 * text up to percent-encoding: {@code (?i)}, {@code \\Q...\\E}, escaped characters and groups
 * whose alternatives are the same character spelt plainly or percent-encoded ({@code (:|%3A)}) are
 * literal; anything else ({@code .*}, {@code [^/]+}, {@code (/.*)?}) is a catch-all.
 *
 * <pre>{@code
 * UrlLiterals.literalTail("urlPathPattern", "/a63a3bdd-a1db-4d05-87b8-dbad6850062a/?"); // Optional[/a63a...]
 * UrlLiterals.literalTail("urlPathPattern", "/[^/]+");                                   // Optional.empty
 * }</pre>
 */
public final class UrlLiterals {
  /** The URL fields of a request pattern, in the order WireMock reads them. */
  public static final List<String> URL_FIELDS = List.of("url", "urlPath", "urlPattern", "urlPathPattern");

  private UrlLiterals() {}

  /** The literal text of a URL's tail: the query cut from {@code url}, regular fields literalised. */
  public static Optional<String> literalTail(String field, String tail) {
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
  public static Optional<String> literal(String regex) {
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
        options.add(Ids.percentDecode(one));
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
