package dev.opstub.internal.azure;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.JsonNode;
import dev.opstub.internal.http.Headers;
import dev.opstub.spi.Parameter;
import dev.opstub.spi.Phase;
import dev.opstub.spi.Recording;
import dev.opstub.spi.Request;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.regex.Pattern;

/**
 * How a recording reads Azure LRO traffic: a monitor's {@code status} (and {@code error}), an ARM
 * {@code Location} answer's HTTP status (202 running, 200/204 done), and a start call's {@code
 * Operation-Location}, {@code Azure-AsyncOperation} or {@code Location}. A start call is a POST,
 * PUT, PATCH or DELETE with an {@code api-version}. What else the answers showed becomes parameters
 * ({@link #shown}): the pattern the start call's answer handed out, the statuses' case, the result
 * and its property, {@code percentCompleted} step by step, the wait and the header that carried it.
 */
final class AzureRecording implements Recording {
  static final AzureRecording INSTANCE = new AzureRecording();

  /** Answers about the request, not the operation (a key, an id), and the faults a timeline holds as such. */
  private static final Set<Integer> REQUEST_ERRORS = Set.of(401, 403, 404, 408, 429);

  /** Properties of the data-plane monitor itself: the others of a succeeded monitor hold the result. */
  private static final Set<String> MONITOR_OWN = Set.of("id", "status", "createdDateTime",
      "lastUpdatedDateTime", "percentCompleted", "error", "resourceLocation", "operationId", "kind", "apiVersion",
      "tags");

  private AzureRecording() {}

  @Override
  public Optional<Observed> observed(Map<String, String> headers, String body) {
    return observed(200, headers, body);
  }

  @Override
  public Optional<Observed> observed(int status, Map<String, String> headers, String body) {
    if (status == 202) {
      return Optional.of(new Observed("Running", null, null, null));
    }
    if (status == 204) {
      return Optional.of(new Observed("Succeeded", null, null, null));
    }
    if (status / 100 == 4 && !REQUEST_ERRORS.contains(status)) {
      // ARM's Location answers a failed operation with the error and a 4xx (400 unless the service says).
      JsonNode json = object(body);
      JsonNode error = json == null ? null : json.get("error");
      return error == null || !error.path("code").isTextual() ? Optional.empty()
          : Optional.of(new Observed("Failed", failure(error), null, null));
    }
    if (status != 200) {
      return Optional.empty();
    }
    if (body == null || body.isBlank()) {
      // ARM's Location URL ends a delete with 200 and no body where the operation declares 200 (a group's delete).
      return Optional.of(new Observed("Succeeded", null, null, null));
    }
    JsonNode json = object(body);
    if (json == null) {
      return Optional.empty();
    }
    JsonNode statusNode = json.has("status") ? json.get("status") : json.path("properties").get("provisioningState");
    if (statusNode == null || !statusNode.isTextual()) {
      // A Location URL answers the would-be synchronous result when done.
      return Optional.of(new Observed("Succeeded", null, null, null));
    }
    Optional<Phase> phase = AzureStatuses.INSTANCE.phaseOf(statusNode.asText());
    if (phase.isEmpty()) {
      return Optional.empty();
    }
    String detail = null;
    JsonNode error = json.get("error");
    if (phase.get() == Phase.FAILED && error != null && error.path("code").isTextual()) {
      detail = failure(error);
    }
    return Optional.of(new Observed(statusNode.asText(), detail, null, null, percent(json)));
  }

  /** A failed step's detail from an {@code error}: {@code Code: message}, or {@code null} when the notation cannot hold it. */
  private static String failure(JsonNode error) {
    String code = error.path("code").asText();
    String detail = error.path("message").isTextual() ? code + ": " + error.path("message").asText() : code;
    return AzureFailure.problem(detail) == null ? detail : null;
  }

  /** The monitor's {@code percentCompleted} (ARM: {@code percentComplete}), whole, or {@code null}. */
  private static Integer percent(JsonNode json) {
    JsonNode percent = json.has("percentCompleted") ? json.get("percentCompleted") : json.get("percentComplete");
    return percent != null && percent.isNumber() ? (int) Math.round(percent.asDouble()) : null;
  }

  @Override
  public Map<String, Object> shown(Answer start, List<List<Answer>> steps, List<String> notes) {
    Map<String, Object> shown = new LinkedHashMap<>();
    AzurePattern pattern = start == null ? null : pattern(start);
    if (pattern != null && pattern != AzurePattern.OPERATION_LOCATION) {
      shown.put(AzureParameters.PATTERN.name(), pattern.notation);
    }
    List<String> statuses = new ArrayList<>();
    List<Integer> percents = new ArrayList<>();
    boolean anyPercent = false;
    for (List<Answer> step : steps) {
      Answer first = step.get(0);
      JsonNode json = first.status() == 200 ? object(first.body()) : null;
      JsonNode status = json == null ? null : json.has("status") ? json.get("status")
          : json.path("properties").get("provisioningState");
      if (status != null && status.isTextual() && !status.asText().isEmpty()) {
        statuses.add(status.asText());
      }
      Integer percent = json == null ? null : percent(json);
      anyPercent |= percent != null;
      percents.add(percent != null ? percent : percents.isEmpty() ? 0 : percents.get(percents.size() - 1));
    }
    boolean camel = !statuses.isEmpty() && Character.isLowerCase(statuses.get(0).charAt(0));
    if (statuses.stream().anyMatch(status -> Character.isLowerCase(status.charAt(0)) != camel)) {
      notes.add("azure: an operation served statuses in both cases (" + String.join(", ", statuses) + "); the replay "
          + "serves them all in the case of the first");
    }
    if (camel) {
      shown.put(AzureParameters.CAMEL_CASE.name(), "camelCase");
    }
    boolean servedByDefault = pattern == AzurePattern.AZURE_ASYNC_OPERATION
        || (pattern == null || pattern == AzurePattern.OPERATION_LOCATION) && camel;
    if (!anyPercent && servedByDefault) {
      shown.put(AzureParameters.PERCENT_COMPLETED.name(), false);
    } else if (anyPercent && !(servedByDefault && percents.equals(defaultPercents(steps)))) {
      shown.put(AzureParameters.PERCENT_COMPLETED.name(), percents);
    }
    Answer last = steps.get(steps.size() - 1).get(0);
    if (last.status() / 100 == 4) {
      shown.put(AzureParameters.FAILURE_STATUS.name(), last.status());
    }
    if (pattern == AzurePattern.LOCATION && last.status() == 200 && object(last.body()) == null) {
      shown.put(AzureParameters.FINAL_STATUS.name(), 200); // without a result the replay would answer 204
    }
    result(last, shown, notes);
    wait(start, steps, pattern != null && pattern.arm, shown);
    return shown;
  }

  /** How the start call's answer hands the operation out. */
  private static AzurePattern pattern(Answer start) {
    if (Headers.get(start.headers(), "Operation-Location") != null) {
      return AzurePattern.OPERATION_LOCATION;
    }
    if (Headers.get(start.headers(), "Azure-AsyncOperation") != null) {
      return AzurePattern.AZURE_ASYNC_OPERATION;
    }
    if (Headers.get(start.headers(), "Location") != null) {
      return AzurePattern.LOCATION;
    }
    JsonNode json = object(start.body());
    return json != null && json.path("properties").has("provisioningState") ? AzurePattern.PROVISIONING_STATE : null;
  }

  /** What the stub serves by default for these steps: 0 not started, 50 running, 100 at the end. */
  private static List<Integer> defaultPercents(List<List<Answer>> steps) {
    List<Integer> percents = new ArrayList<>();
    for (int i = 0; i < steps.size(); i++) {
      Answer first = steps.get(i).get(0);
      JsonNode json = first.status() == 200 ? object(first.body()) : null;
      String status = json == null ? "" : json.path("status").asText("");
      percents.add(i == steps.size() - 1 ? 100 : status.equalsIgnoreCase("notStarted") ? 0 : 50);
    }
    return percents;
  }

  /**
   * The result a succeeded operation showed: the property of the data-plane monitor that is not the
   * monitor's own (and its name), or the body a {@code Location} answered with when done.
   */
  private static void result(Answer last, Map<String, Object> shown, List<String> notes) {
    JsonNode json = last.status() == 200 ? object(last.body()) : null;
    if (json == null) {
      return;
    }
    if (!json.has("status")) {
      if (!json.path("properties").has("provisioningState")) {
        shown.put(AzureParameters.RESULT.name(), AzureOperation.JSON.convertValue(json, Map.class));
      }
      return;
    }
    if (!json.path("status").asText().equalsIgnoreCase("succeeded")) {
      return;
    }
    List<String> results = new ArrayList<>();
    json.fieldNames().forEachRemaining(name -> {
      if (!MONITOR_OWN.contains(name) && json.get(name).isObject()) {
        results.add(name);
      }
    });
    if (results.isEmpty()) {
      return;
    }
    String property = results.contains("result") ? "result" : results.get(0);
    if (!property.equals("result")) {
      shown.put(AzureParameters.RESULT_PROPERTY.name(), property);
    }
    shown.put(AzureParameters.RESULT.name(), AzureOperation.JSON.convertValue(json.get(property), Map.class));
    if (results.size() > 1) {
      notes.add("azure: a succeeded monitor held " + results + "; the replay serves \"" + property + "\" only");
    }
  }

  /**
   * The wait the start call's answer (else the first poll that was not done) asked for, and the
   * header that said it in milliseconds; ARM's client reads whole seconds of {@code Retry-After} alone.
   */
  private static void wait(Answer start, List<List<Answer>> steps, boolean arm, Map<String, Object> shown) {
    List<Answer> candidates = new ArrayList<>();
    if (start != null) {
      candidates.add(start);
    }
    steps.stream().limit(Math.max(0, steps.size() - 1)).forEach(step -> candidates.add(step.get(0)));
    for (Answer answer : candidates) {
      for (String header : arm ? List.of("Retry-After") : List.of("x-ms-retry-after-ms", "retry-after-ms", "Retry-After")) {
        String value = Headers.get(answer.headers(), header);
        if (value == null || !value.trim().matches("\\d{1,9}") || Long.parseLong(value.trim()) == 0) {
          continue;
        }
        boolean seconds = header.equals("Retry-After");
        shown.put(Parameter.RETRY_AFTER.name(), value.trim() + (seconds ? "s" : "ms"));
        if (!arm && !header.equals("retry-after-ms")) {
          shown.put(AzureParameters.RETRY_AFTER_HEADER.name(), header);
        }
        return;
      }
    }
  }

  private static JsonNode object(String body) {
    try {
      JsonNode json = body == null || body.isBlank() ? null : AzureOperation.JSON.readTree(body);
      return json != null && json.isObject() ? json : null;
    } catch (JsonProcessingException e) {
      return null;
    }
  }

  @Override
  public Optional<StartCall> startCall(Request request) {
    String method = request.method().toUpperCase(Locale.ROOT);
    // Every Azure call names its api-version (the guidelines and ARM require it).
    if (method.equals("GET") || method.equals("HEAD") || method.equals("OPTIONS")
        || AzureStart.apiVersion(request.query()) == null) {
      return Optional.empty();
    }
    String path = request.path();
    String label = method.toLowerCase(Locale.ROOT) + "-" + path.substring(path.lastIndexOf('/') + 1);
    return Optional.of(new StartCall(label, method, Pattern.quote(path), null, AzureStart.INSTANCE));
  }

  @Override
  public Optional<String> startedId(Map<String, String> responseHeaders) {
    for (String header : new String[] {"Operation-Location", "Azure-AsyncOperation", "Location"}) {
      String url = Headers.get(responseHeaders, header);
      if (url != null) {
        Optional<String> id = AzureApi.lastSegment(url.replaceFirst("[?#].*", ""));
        if (id.isPresent()) {
          return id;
        }
      }
    }
    return Optional.empty();
  }
}
