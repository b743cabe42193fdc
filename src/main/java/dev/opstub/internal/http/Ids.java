package dev.opstub.internal.http;

import java.io.ByteArrayOutputStream;
import java.nio.charset.StandardCharsets;
import java.util.UUID;
import java.util.concurrent.ThreadLocalRandom;
import java.util.regex.Pattern;

/** Rules about ids and echoed text that every API shares. */
public final class Ids {
  /** A uuid in any letter case, e.g. {@code a63a3bdd-a1db-4d05-87b8-dbad6850062a}. */
  public static final Pattern UUID = Pattern.compile(
      "[0-9a-fA-F]{8}-[0-9a-fA-F]{4}-[0-9a-fA-F]{4}-[0-9a-fA-F]{4}-[0-9a-fA-F]{12}");

  private Ids() {}

  /**
   * A random version-4 uuid from {@link ThreadLocalRandom}: request and operation ids need to be
   * unique, not unguessable, and {@link UUID#randomUUID()}'s shared {@code SecureRandom} is a lock
   * every concurrent request takes.
   */
  public static UUID randomUuid() {
    ThreadLocalRandom random = ThreadLocalRandom.current();
    long high = (random.nextLong() & ~0xF000L) | 0x4000L; // version 4
    long low = (random.nextLong() & ~(3L << 62)) | (1L << 63); // IETF variant
    return new UUID(high, low);
  }

  /** Whether {@code text} is a uuid. */
  public static boolean isUuid(String text) {
    // By hand rather than with UUID's pattern: every poll checks its id.
    if (text == null || text.length() != 36) {
      return false;
    }
    for (int i = 0; i < 36; i++) {
      char c = text.charAt(i);
      boolean dash = i == 8 || i == 13 || i == 18 || i == 23;
      if (dash ? c != '-' : Character.digit(c, 16) < 0 || c > 'f') {
        return false;
      }
    }
    return true;
  }

  /** Text echoed in an error message, cut to 80 characters so a huge input stays a short answer. */
  public static String shorten(String text) {
    return text.length() <= 80 ? text : text.substring(0, 80) + "...";
  }

  /**
   * Decodes {@code %XX} escapes as UTF-8; {@code '+'} stays a plus (this is a path, not a form).
   * A {@code '%'} not followed by two hex digits is kept as it is.
   */
  public static String percentDecode(String text) {
    if (text.indexOf('%') < 0) {
      return text;
    }
    ByteArrayOutputStream bytes = new ByteArrayOutputStream(text.length());
    for (int i = 0; i < text.length(); ) {
      char c = text.charAt(i);
      if (c == '%' && i + 2 < text.length() && hex(text.charAt(i + 1)) >= 0 && hex(text.charAt(i + 2)) >= 0) {
        bytes.write(hex(text.charAt(i + 1)) * 16 + hex(text.charAt(i + 2)));
        i += 3;
      } else {
        int cp = text.codePointAt(i);
        byte[] utf8 = new String(Character.toChars(cp)).getBytes(StandardCharsets.UTF_8);
        bytes.write(utf8, 0, utf8.length);
        i += Character.charCount(cp);
      }
    }
    return bytes.toString(StandardCharsets.UTF_8);
  }

  private static int hex(char c) {
    return Character.digit(c, 16);
  }

}
