package dev.opstub.internal.http;

import dev.opstub.spi.BodyWriter;

/** JSON text exactly as the default templates' Handlebars helpers write it, for {@link BodyWriter}s. */
public final class JsonText {
  private static final char[] HEX = "0123456789ABCDEF".toCharArray();

  private JsonText() {}

  /** A JSON string literal as WireMock's {@code toJson} helper writes it ({@code ""} for null). */
  public static String json(Object value) {
    if (value == null) {
      return "";
    }
    String text = (String) value;
    StringBuilder out = new StringBuilder(text.length() + 2).append('"');
    for (int i = 0; i < text.length(); i++) {
      char c = text.charAt(i);
      switch (c) {
        case '"' -> out.append("\\\"");
        case '\\' -> out.append("\\\\");
        case '\b' -> out.append("\\b");
        case '\t' -> out.append("\\t");
        case '\f' -> out.append("\\f");
        case '\n' -> out.append("\\n");
        case '\r' -> out.append("\\r");
        default -> {
          if (c < 0x20) {
            // Jackson's generic escape: upper-case hex.
            out.append("\\u00").append(HEX[c >> 4]).append(HEX[c & 0xF]);
          } else {
            out.append(c);
          }
        }
      }
    }
    return out.append('"').toString();
  }

  /** Handlebars' {@code {{#if}}}: false for null and the empty string. */
  public static boolean truthy(Object value) {
    return value != null && !(value instanceof String s && s.isEmpty());
  }

  /** {@code {{#if x}}{{{toJson x}}}{{else}}null{{/if}}}. */
  public static String jsonOrNull(Object value) {
    return truthy(value) ? json(value) : "null";
  }

}
