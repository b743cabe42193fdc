package dev.opstub.internal.openapi;

import com.fasterxml.jackson.databind.JsonNode;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * One operation of a spec, as a call reaches it.
 *
 * @param operationId its {@code operationId} ({@code null} when it has none)
 * @param method the HTTP method, upper case
 * @param path the call's path template from the server root: the host template's path part, the
 *     {@code basePath} and the key of {@code paths} or {@code x-ms-paths} without its query, e.g.
 *     {@code /documentintelligence/documentModels/{modelId}:analyze}
 * @param query the literal query parameters of an {@code x-ms-paths} key other than {@code
 *     _overload} (they tell the call apart, e.g. {@code restype=container})
 * @param pointer where the operation is in the spec, e.g. {@code /x-ms-paths/~1documentModels~1{modelId}:analyze?_overload=analyzeDocument/post}
 * @param placeholders the path's {@code {name}}s, in order
 * @param wholeSegments the placeholders declared {@code x-ms-skip-url-encoding} (their values hold
 *     {@code /}, e.g. an ARM resource id)
 * @param node the operation object
 */
public record SpecOperation(String operationId, String method, String path, Map<String, String> query, String pointer,
    List<String> placeholders, Set<String> wholeSegments, JsonNode node) {
  public SpecOperation {
    query = Map.copyOf(query);
    placeholders = List.copyOf(placeholders);
    wholeSegments = Set.copyOf(wholeSegments);
  }

  /** {@code POST /documentintelligence/documentModels/{modelId}:analyze}. */
  public String call() {
    StringBuilder call = new StringBuilder(method).append(' ').append(path);
    char join = '?';
    for (Map.Entry<String, String> q : new java.util.TreeMap<>(query).entrySet()) {
      call.append(join).append(q.getKey()).append('=').append(q.getValue());
      join = '&';
    }
    return call.toString();
  }
}
