package dev.opstub.internal.openapi;

/** JSON pointers (RFC 6901), built as the reader walks a spec. */
final class Pointers {
  private Pointers() {}

  /** {@code base} and one more reference token, escaped ({@code ~} as {@code ~0}, {@code /} as {@code ~1}). */
  static String child(String base, String token) {
    return base + "/" + token.replace("~", "~0").replace("/", "~1");
  }

  static String child(String base, String... tokens) {
    String pointer = base;
    for (String token : tokens) {
      pointer = child(pointer, token);
    }
    return pointer;
  }
}
