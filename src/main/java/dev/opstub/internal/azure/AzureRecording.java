package dev.opstub.internal.azure;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.JsonNode;
import dev.opstub.internal.api.RecordingDialect;
import dev.opstub.internal.http.ApiRequest;
import dev.opstub.internal.http.Headers;
import dev.opstub.internal.timeline.Phase;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.regex.Pattern;

/**
 * How a recording reads Azure LRO traffic: a monitor's {@code status} (and {@code error}), an ARM
 * {@code Location} answer's HTTP status (202 running, 200/204 done), and a start call's {@code
 * Operation-Location}, {@code Azure-AsyncOperation} or {@code Location}. A start call is a POST,
 * PUT, PATCH or DELETE with an {@code api-version}; its starter mapping serves the data-plane pattern (an ARM recording
 * needs its {@code pattern} added by hand).
 */
final class AzureRecording implements RecordingDialect {
  static final AzureRecording INSTANCE = new AzureRecording();

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
    if (status != 200) {
      return Optional.empty();
    }
    JsonNode json;
    try {
      json = body == null || body.isBlank() ? null : AzureOperation.JSON.readTree(body);
    } catch (JsonProcessingException e) {
      return Optional.empty();
    }
    if (json == null || !json.isObject()) {
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
      String code = error.path("code").asText();
      detail = error.path("message").isTextual() ? code + ": " + error.path("message").asText() : code;
      if (AzureFailure.problem(detail) != null) {
        detail = null;
      }
    }
    return Optional.of(new Observed(statusNode.asText(), detail, null, null));
  }

  @Override
  public Optional<StartCall> startCall(ApiRequest request) {
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
