package dev.opstub.internal.openapi;

import java.nio.file.Path;
import java.util.List;
import java.util.Locale;
import java.util.Optional;

/**
 * An OpenAPI 2.0 spec as azure-rest-api-specs writes it, read for its long-running operations.
 *
 * <pre>{@code
 * OpenApiSpec spec = OpenApiSpec.read(Path.of("specs/documentintelligence/DocumentIntelligence.json"));
 * spec.errors();             // empty: every long-running operation could be read
 * spec.longRunning().size(); // 6
 * }</pre>
 *
 * @param file the spec as the user named it
 * @param name the spec's name: its file name without {@code .json}, lower case, {@code a-z0-9-}
 * @param title {@code info.title}, or {@code ""}
 * @param version {@code info.version}, or {@code ""}
 * @param arm whether it is an Azure Resource Manager spec (host {@code management.azure.com}, or
 *     paths under {@code /providers/})
 * @param operations every operation, in the order of {@code paths} and then {@code x-ms-paths}
 * @param longRunning the long-running ones
 * @param errors what keeps the importer from writing anything
 * @param notes what it writes anyway, saying so
 */
public record OpenApiSpec(Path file, String name, String title, String version, boolean arm,
    List<SpecOperation> operations, List<LongRunning> longRunning, List<SpecProblem> errors, List<SpecProblem> notes) {
  public OpenApiSpec {
    operations = List.copyOf(operations);
    longRunning = List.copyOf(longRunning);
    errors = List.copyOf(errors);
    notes = List.copyOf(notes);
  }

  /** Reads a spec; never throws: what is wrong is in {@link #errors()} and {@link #notes()}. */
  public static OpenApiSpec read(Path file) {
    return new OpenApiReader(file).read();
  }

  /** The long-running operation with this operationId. */
  public Optional<LongRunning> longRunning(String operationId) {
    return longRunning.stream().filter(l -> l.operation().operationId().equals(operationId)).findFirst();
  }

  /** The spec's name for a file name: {@code DocumentIntelligence.json} is {@code documentintelligence}. */
  static String nameOf(Path file) {
    Path name = file.getFileName();
    String base = name == null ? "spec" : name.toString();
    int dot = base.lastIndexOf('.');
    base = (dot > 0 ? base.substring(0, dot) : base).toLowerCase(Locale.ROOT).replaceAll("[^a-z0-9]+", "-")
        .replaceAll("^-+|-+$", "");
    return base.isEmpty() ? "spec" : base;
  }
}
