package dev.opstub.internal.http;

import java.time.Duration;
import java.util.LinkedHashMap;
import java.util.Map;

/**
 * Header look-ups that ignore the letter case of names, as HTTP does, and the one way the pack
 * writes and reads a wait ({@code Retry-After} in whole seconds, {@code retry-after-ms} exact).
 *
 * <pre>{@code
 * Headers.retryAfter(Duration.ofMillis(1500));          // {Retry-After=2, retry-after-ms=1500}
 * Headers.retryAfter(Map.of("retry-after", "3"));        // PT3S
 * }</pre>
 */
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

  /**
   * The headers that ask a client to wait {@code wait}: {@code Retry-After} in whole seconds,
   * rounded up (clients that read only it never come back early), and {@code retry-after-ms}.
   */
  public static Map<String, String> retryAfter(Duration wait) {
    long millis = wait.toMillis();
    Map<String, String> out = new LinkedHashMap<>();
    out.put("Retry-After", Long.toString((millis + 999) / 1000));
    out.put("retry-after-ms", Long.toString(millis));
    return out;
  }

  /**
   * The wait an answer asks for: {@code retry-after-ms}, else {@code Retry-After} seconds; {@code
   * null} when it asks none or gives an HTTP date (not a span a timeline can hold).
   */
  public static Duration retryAfter(Map<String, String> headers) {
    String millis = get(headers, "retry-after-ms");
    String seconds = get(headers, "Retry-After");
    try {
      return millis != null ? Duration.ofMillis(Long.parseLong(millis.trim()))
          : seconds != null ? Duration.ofSeconds(Long.parseLong(seconds.trim())) : null;
    } catch (NumberFormatException e) {
      return null;
    }
  }
}
