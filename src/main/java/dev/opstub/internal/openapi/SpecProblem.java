package dev.opstub.internal.openapi;

/**
 * Something the importer found in a spec: an error (nothing is written) or a note (written
 * anyway, with this said).
 *
 * @param file the file, as the user named it or relative to the spec's folder
 * @param pointer the JSON pointer in that file ({@code ""} for the whole file)
 * @param operationId the operation it concerns, or {@code null}
 * @param message what is wrong and what is allowed
 */
public record SpecProblem(String file, String pointer, String operationId, String message) {
  @Override
  public String toString() {
    return file + ": " + (pointer.isEmpty() ? "(the file)" : pointer) + ": "
        + (operationId == null ? "" : "operation " + operationId + ": ") + message;
  }
}
