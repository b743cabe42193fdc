package dev.opstub.internal.openapi;

import com.fasterxml.jackson.databind.JsonNode;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;

/**
 * An operation's {@code x-ms-examples}: files beside the spec ({@code {"$ref":
 * "./examples/AnalyzeDocument_Url.json"}}) or inline objects, each with {@code parameters} and
 * {@code responses} keyed by status code.
 */
final class SpecExamples {
  private SpecExamples() {}

  /** One example: its name and its {@code responses} object. */
  record Example(String name, JsonNode responses) {
    /** The example's answer with this status code ({@code headers}, {@code body}), or a missing node. */
    JsonNode response(int status) {
      return responses.path(Integer.toString(status));
    }
  }

  /** The operation's examples that can be read, in the spec's order; a note for each that cannot. */
  static List<Example> of(SpecFiles files, Path spec, SpecOperation operation, List<SpecProblem> notes) {
    List<Example> examples = new ArrayList<>();
    JsonNode declared = operation.node().path("x-ms-examples");
    if (!declared.isObject()) {
      return examples;
    }
    declared.fields().forEachRemaining(entry -> {
      String pointer = Pointers.child(operation.pointer() + "/x-ms-examples", entry.getKey());
      SpecFiles.Target target = files.follow(spec, pointer, entry.getValue());
      if (!target.found()) {
        notes.add(new SpecProblem(spec.toString(), pointer, operation.operationId(), target.problem()
            + "; the example is left out"));
      } else if (target.node().path("responses").isObject()) {
        examples.add(new Example(entry.getKey(), target.node().path("responses")));
      }
    });
    return examples;
  }
}
