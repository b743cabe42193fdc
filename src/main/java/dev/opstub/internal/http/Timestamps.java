package dev.opstub.internal.http;

import java.time.Instant;
import java.time.LocalDateTime;
import java.time.ZoneOffset;

/**
 * Timestamps written by hand: a poll writes two or three, and {@code DateTimeFormatter} was a
 * visible part of a poll's own cost.
 */
public final class Timestamps {
  private Timestamps() {}

  /**
   * Appends {@code instant.toString()}'s text: ISO-8601 in UTC, the fraction of a second in groups
   * of three digits as needed ({@code 2026-01-01T00:00:00Z}, {@code ...00:00:00.120Z}).
   */
  public static StringBuilder appendIso(StringBuilder out, Instant instant) {
    LocalDateTime t = LocalDateTime.ofEpochSecond(instant.getEpochSecond(), 0, ZoneOffset.UTC);
    if (t.getYear() < 0 || t.getYear() > 9999) {
      return out.append(instant); // signs and wider years: the formatter's own rules
    }
    char[] text = "0000-00-00T00:00:00.000000000Z".toCharArray();
    digits(text, 0, 4, t.getYear());
    digits(text, 5, 2, t.getMonthValue());
    digits(text, 8, 2, t.getDayOfMonth());
    digits(text, 11, 2, t.getHour());
    digits(text, 14, 2, t.getMinute());
    digits(text, 17, 2, t.getSecond());
    int nano = instant.getNano();
    if (nano == 0) {
      return out.append(text, 0, 19).append('Z');
    }
    digits(text, 20, 9, nano);
    int fraction = nano % 1_000_000 == 0 ? 3 : nano % 1_000 == 0 ? 6 : 9;
    return out.append(text, 0, 20 + fraction).append('Z');
  }

  /** Writes {@code value} as {@code width} decimal digits at {@code at}, zero-padded on the left. */
  public static void digits(char[] out, int at, int width, int value) {
    for (int i = at + width - 1; i >= at; i--, value /= 10) {
      out[i] = (char) ('0' + value % 10);
    }
  }
}
