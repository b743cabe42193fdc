package dev.opstub.internal.http;

/**
 * Text for XML 1.0 bodies: what an API's Atom entities and XML errors write.
 *
 * <pre>{@code
 * Xml.escape("a&b <c> \"d\" 'e'\r\n"); // a&amp;b &lt;c&gt; &quot;d&quot; 'e'&#xD;&#xA;
 * }</pre>
 */
public final class Xml {
  private Xml() {}

  /**
   * {@code text} escaped so that an XML parser reads it back unchanged, both as element content
   * and as a double-quoted attribute value: {@code & < > "} as entities; tab, line feed and carriage
   * return as character references (a parser would turn them into spaces in an attribute, and a
   * carriage return into a line feed anywhere). A character XML 1.0 cannot carry at all, even as a
   * reference (most C0 controls, U+FFFE, U+FFFF, a lone surrogate), is written as U+FFFD, so the
   * reader sees that something stood there. {@code '} is left as it is: it needs no escaping in
   * either place, and leaving it keeps ordinary values such as {@code Operations('...')} as they
   * always were.
   */
  public static String escape(String text) {
    StringBuilder out = null;
    int length = text.length();
    for (int i = 0; i < length; ) {
      int cp = text.codePointAt(i);
      int next = i + Character.charCount(cp);
      String replacement = switch (cp) {
        case '&' -> "&amp;";
        case '<' -> "&lt;";
        case '>' -> "&gt;";
        case '"' -> "&quot;";
        case '\t' -> "&#x9;";
        case '\n' -> "&#xA;";
        case '\r' -> "&#xD;";
        default -> isXmlChar(cp) ? null : "\uFFFD";
      };
      if (replacement != null && out == null) {
        out = new StringBuilder(length + 16).append(text, 0, i);
      }
      if (out != null) {
        if (replacement != null) {
          out.append(replacement);
        } else {
          out.append(text, i, next);
        }
      }
      i = next;
    }
    return out == null ? text : out.toString();
  }

  /** Whether XML 1.0 can carry the code point (its production {@code Char}). */
  private static boolean isXmlChar(int cp) {
    return cp == 0x9 || cp == 0xA || cp == 0xD || (cp >= 0x20 && cp <= 0xD7FF) || (cp >= 0xE000 && cp <= 0xFFFD)
        || (cp >= 0x10000 && cp <= 0x10FFFF);
  }
}
