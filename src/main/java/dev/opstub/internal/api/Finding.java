package dev.opstub.internal.api;

/**
 * One thing wrong with a mapping.
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
