package dev.opstub.internal.importer;

import com.fasterxml.jackson.databind.node.ObjectNode;
import java.util.LinkedHashMap;
import java.util.Map;

/**
 * What the importer makes of one long-running operation: its start mapping's request and
 * parameters, and what the table shows.
 *
 * @param operationId the operation's operationId
 * @param call the start call as the spec writes it ({@code POST /documentintelligence/documentModels/{modelId}:analyze})
 * @param method the start call's method
 * @param urlPathPattern the start mapping's {@code request.urlPathPattern}
 * @param priority the start mapping's priority (5; 6 for a path that is a whole resource id)
 * @param pattern the Azure pattern ({@code operation-location}, {@code azure-async-operation}, {@code location})
 * @param startStatus the start call's status
 * @param finalStatus the final success answer's status where the pattern has one, or {@code null}
 * @param monitor the monitor URL handed out, as a template
 * @param timeline the start mapping's timeline
 * @param failing the well-known failing input, or {@code null}
 * @param contentType {@code json} or {@code other} when the call shares its path with an overload
 *     sending the other kind of body (the start mapping matches {@code Content-Type}), else {@code null}
 * @param parameters the start mapping's {@code transformerParameters} without the timeline
 */
public record OperationPlan(String operationId, String call, String method, String urlPathPattern, int priority,
    String pattern, int startStatus, Integer finalStatus, String monitor, String timeline, FailingInput failing,
    String contentType, ObjectNode parameters) {

  /**
   * A well-known failing input: a placeholder of the path, or a property of the JSON body, with a
   * fixed value.
   *
   * @param placeholder the path's placeholder, or {@code null}
   * @param bodyProperty the body's property, or {@code null}
   * @param value the value, e.g. {@code opstub-invalid-content}
   */
  public record FailingInput(String placeholder, String bodyProperty, String value) {
    @Override
    public String toString() {
      return (placeholder != null ? "{" + placeholder + "}" : "body " + bodyProperty) + " = " + value;
    }
  }

  /** The parameters as plain Java values (maps, lists, strings, numbers), as a stub's parameters are given. */
  public Map<String, Object> parameterValues() {
    Map<String, Object> values = new LinkedHashMap<>();
    parameters.fields().forEachRemaining(e -> values.put(e.getKey(), MappingJson.JSON.convertValue(e.getValue(), Object.class)));
    return values;
  }
}
