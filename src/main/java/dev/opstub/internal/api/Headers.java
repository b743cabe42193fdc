package dev.opstub.internal.api;

import java.util.Map;

/** Header look-ups that ignore the letter case of names, as HTTP does. */
public final class Headers {
  private Headers() {}

  /** The value of header {@code name} in {@code headers}, or {@code null}. */
  public static String get(Map<String, String> headers, String name) {
    for (Map.Entry<String, String> header : headers.entrySet()) {
      if (header.getKey().equalsIgnoreCase(name)) {
        return header.getValue();
      }
    }
    return null;
  }
}
