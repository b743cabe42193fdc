package dev.opstub.internal.conformance;

/**
 * A dialect that brings its own rule book (the pack's own APIs): a dialect on the class path
 * without one is judged by {@link RuleBook#GENERIC}. Kept out of {@code dev.opstub.spi} while the
 * rules and their sources are the pack's own words (docs/conformance.md).
 *
 * <pre>{@code
 * RuleBook book = dialect instanceof Judged judged ? judged.conformance() : RuleBook.GENERIC;
 * }</pre>
 */
public interface Judged {

  /** The rules this API's clients are judged against, with what it hands out for each operation. */
  RuleBook conformance();

  /** The book of {@code dialect}: its own, or the generic one. */
  static RuleBook of(Object dialect) {
    return dialect instanceof Judged judged ? judged.conformance() : RuleBook.GENERIC;
  }
}
