package dev.opstub.internal.azure;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import com.github.benmanes.caffeine.cache.Cache;
import com.github.benmanes.caffeine.cache.Caffeine;
import dev.opstub.internal.timeline.Operation;
import java.util.ArrayList;
import java.util.List;

/**
 * What the Azure API keeps with an operation (its {@code target}, as compact JSON): how the client
 * follows it and what the answers hold. Written once by the start call; every monitor, Location
 * and resource answer reads it back.
 *
 * @param pattern how the client follows it
 * @param method the start call's method
 * @param baseUrl scheme, host and port the start call used: every URL handed out is absolute on it
 * @param path the start call's path (the resource, for PUT, PATCH and DELETE)
 * @param apiVersion the start call's {@code api-version}, kept on the URLs handed out, or {@code null}
 * @param monitorPath the path of the status monitor ({@code Operation-Location}, {@code Azure-AsyncOperation})
 * @param locationPath the path of ARM's {@code Location}
 * @param result the result (JSON text), or {@code null}
 * @param resultProperty the monitor property that holds the result ({@code result}, {@code analyzeResult})
 * @param camelCase whether statuses are served in camelCase ({@code running}, Document Intelligence)
 * @param error more properties of the {@code error} of a failed step (JSON object text), or {@code null}
 * @param retryAfterMillis {@code Retry-After} served while not terminal, or 0 for none
 * @param failureStatus the HTTP status a failed ARM {@code Location} answers
 * @param millisHeader the header that also serves the wait in milliseconds ({@code retry-after-ms},
 *     {@code x-ms-retry-after-ms}), or {@code null} for {@code Retry-After} alone
 * @param percents the {@code percentCompleted} (ARM: {@code percentComplete}) of each step, empty
 *     for none, or {@code null} for 0, 50 and 100 (data plane: with camelCase statuses only)
 */
record AzureOperation(AzurePattern pattern, String method, String baseUrl, String path, String apiVersion,
    String monitorPath, String locationPath, String result, String resultProperty, boolean camelCase, String error,
    long retryAfterMillis, int failureStatus, String millisHeader, List<Integer> percents) {

  static final ObjectMapper JSON = new ObjectMapper();
  /** What an operation made without a start call (the admin API, a test) is: a plain status monitor. */
  static final AzureOperation BARE = new AzureOperation(AzurePattern.OPERATION_LOCATION, "POST", "", "/", null,
      null, null, null, "result", false, null, 0, 400, null, null);
  /** Read once per distinct target: a poll should not parse JSON it has parsed before. */
  private static final Cache<String, AzureOperation> READ = Caffeine.newBuilder().maximumSize(10_000).build();

  /**
   * The operation a stored target describes: one a start call wrote, or (made through the admin
   * API or a test, whose target is the result alone) a plain status monitor with that result.
   */
  static AzureOperation of(String target) {
    if (target == null) {
      return BARE;
    }
    return READ.get(target, AzureOperation::parse);
  }

  boolean isPutOrPatch() {
    return "PUT".equals(method) || "PATCH".equals(method);
  }

  /** An action (POST) returns a result in its monitor; resources are read where they are. */
  boolean isAction() {
    return "POST".equals(method);
  }

  /** {@code base + path}, with the start call's {@code api-version}. */
  String url(String somePath) {
    return baseUrl + somePath + (apiVersion == null ? "" : "?api-version=" + apiVersion);
  }

  String toJson() {
    ObjectNode node = JSON.createObjectNode();
    node.put("pattern", pattern.notation).put("method", method).put("baseUrl", baseUrl).put("path", path)
        .put("apiVersion", apiVersion).put("monitorPath", monitorPath).put("locationPath", locationPath)
        .put("result", result).put("resultProperty", resultProperty).put("camelCase", camelCase)
        .put("error", error).put("retryAfterMillis", retryAfterMillis).put("failureStatus", failureStatus)
        .put("millisHeader", millisHeader);
    if (percents != null) {
      percents.forEach(node.putArray("percents")::add);
    }
    return node.toString();
  }

  private static AzureOperation parse(String json) {
    JsonNode node;
    try {
      node = JSON.readTree(json);
    } catch (JsonProcessingException e) {
      node = null;
    }
    if (node == null || !node.isObject() || !node.has("pattern") || !node.has("baseUrl")) {
      return new AzureOperation(BARE.pattern(), BARE.method(), BARE.baseUrl(), BARE.path(), null, null, null,
          node != null && node.isObject() ? node.toString() : null, BARE.resultProperty(), false, null, 0, 400, null,
          null);
    }
    return new AzureOperation(AzurePattern.of(node.path("pattern").asText()).orElse(AzurePattern.OPERATION_LOCATION),
        node.path("method").asText("POST"), node.path("baseUrl").asText(""), node.path("path").asText("/"),
        text(node, "apiVersion"), text(node, "monitorPath"), text(node, "locationPath"), text(node, "result"),
        node.path("resultProperty").asText("result"), node.path("camelCase").asBoolean(false),
        text(node, "error"), node.path("retryAfterMillis").asLong(0), node.path("failureStatus").asInt(400),
        text(node, "millisHeader"), percents(node.get("percents")));
  }

  private static List<Integer> percents(JsonNode array) {
    if (array == null || !array.isArray()) {
      return null;
    }
    List<Integer> percents = new ArrayList<>();
    array.forEach(item -> percents.add(item.asInt()));
    return List.copyOf(percents);
  }

  /**
   * The {@code percentCompleted} a poll serves: the operation's value for the poll's step (a
   * terminal poll, also a cancel's, the last value), by default 0, 50 or 100 as the step stands;
   * {@code null} for none.
   *
   * @param byDefault whether the operation serves it without values of its own
   */
  Integer percent(Operation.Poll poll, boolean byDefault) {
    if (percents == null) {
      return !byDefault ? null : switch (poll.step().phase()) {
        case NOT_STARTED -> 0;
        case RUNNING -> 50;
        case SUCCEEDED, FAILED, CANCELED -> 100;
      };
    }
    if (percents.isEmpty()) {
      return null;
    }
    return percents.get(poll.isTerminal() ? percents.size() - 1 : Math.min(poll.stepIndex(), percents.size() - 1));
  }

  private static String text(JsonNode node, String name) {
    JsonNode value = node.get(name);
    return value == null || value.isNull() ? null : value.asText();
  }
}
