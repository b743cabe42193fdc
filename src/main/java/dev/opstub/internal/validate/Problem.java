package dev.opstub.internal.validate;

/**
 * One thing wrong in a mapping set: which file, where in it, and what is wrong and allowed.
 *
 * <pre>{@code
 * Problem p = MappingValidator.validate(List.of(Path.of("."))).get(0);
 * p.file();     // "./mappings/face/my-operation.json"
 * p.pointer();  // "/response/transformerParameters/timeline"
 * p.message();  // "bad timeline \"running x0\" at column 10: a count must be at least 1 ..."
 * p.toString(); // the three joined: "file: /pointer: message"
 * }</pre>
 *
 * @param file the mapping file (a path, or {@code <jar>!/<entry>} inside a jar)
 * @param pointer a JSON pointer into the file; empty when the problem is the whole file (or, for a
 *     {@code mappings} folder without mapping files, the whole folder)
 * @param message what is wrong and what is allowed
 */
public record Problem(String file, String pointer, String message) {
  /** The line the validator prints: {@code file: /json/pointer: what is wrong; allowed: ...}. */
  @Override
  public String toString() {
    String where = !pointer.isEmpty() ? pointer : file.endsWith("mappings") ? "(whole folder)" : "(whole file)";
    return file + ": " + where + ": " + message;
  }
}
