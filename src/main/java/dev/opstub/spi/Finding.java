package dev.opstub.spi;

/**
 * One thing wrong with a mapping.
 *
 * <pre>{@code
 * new Finding("/retryAfter", "retryAfter must be a positive span; was 2").under("/response/transformerParameters");
 * // /response/transformerParameters/retryAfter: retryAfter must be a positive span; was 2
 * }</pre>
 *
 * <p>Beta: may change in a minor release until 1.0.
 *
 * @param pointer where, as a JSON pointer into the mapping ({@code /response/transformers/0})
 * @param message what is wrong and what is allowed
 */
public record Finding(String pointer, String message) {

  /** This finding with its pointer placed under {@code prefix}. */
  public Finding under(String prefix) {
    return new Finding(prefix + pointer, message);
  }

  @Override
  public String toString() {
    return pointer + ": " + message;
  }
}
