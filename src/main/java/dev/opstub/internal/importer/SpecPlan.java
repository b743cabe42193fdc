package dev.opstub.internal.importer;

import dev.opstub.internal.openapi.OpenApiSpec;
import dev.opstub.internal.openapi.SpecProblem;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.SortedMap;
import java.util.TreeMap;

/**
 * The mappings the importer makes of one spec.
 *
 * @param spec the spec read
 * @param operations one plan per long-running operation stubbed
 * @param files each mapping file's path under {@code mappings/} ({@code <spec name>/<file>.json}, or
 *     {@code opstub-arm/<file>.json} for those every ARM spec shares) and text
 * @param errors what keeps it from being written
 * @param notes what is written anyway, saying so
 */
public record SpecPlan(OpenApiSpec spec, List<OperationPlan> operations, SortedMap<String, String> files,
    List<SpecProblem> errors, List<SpecProblem> notes) {
  public SpecPlan(OpenApiSpec spec, List<OperationPlan> operations, Map<String, String> files, List<SpecProblem> errors,
      List<SpecProblem> notes) {
    this(spec, List.copyOf(operations), new TreeMap<>(files), List.copyOf(errors), List.copyOf(notes));
  }

  /** The plan of one operation. */
  public Optional<OperationPlan> operation(String operationId) {
    return operations.stream().filter(o -> o.operationId().equals(operationId)).findFirst();
  }
}
