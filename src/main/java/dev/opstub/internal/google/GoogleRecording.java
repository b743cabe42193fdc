package dev.opstub.internal.google;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.opstub.spi.Recording;
import dev.opstub.spi.Request;
import dev.opstub.spi.StubPriority;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.regex.Pattern;

/**
 * How a recording reads Google operations: a poll answers the {@code Operation} ({@code done}
 * false: {@code Running}, with its metadata's {@code progressPercent} as {@code Running(N)}; a
 * {@code response}: {@code Done}; an {@code error}: {@code Cancelled} for code 1, else {@code
 * Failed(<code>: <message>)}). The start is Speech's {@code POST /v1/speech:longrunningrecognize}
 * (the one the stub ships): a recording sees only the request when it asks whether a call starts an
 * operation, and any other POST of a Google API may answer at once. Its answer names the operation
 * in the body ({@code name}), not in a header. A starter mapping matches the call's {@code
 * audio.uri}, as the shipped failing start matches its audio: it is what a client sends again.
 * The replay keeps the recorded {@code response} and {@code metadata} ({@link #shown}), and the
 * form of the name ({@code operationName}) when it was {@code projects/.../operations/<id>}.
 */
final class GoogleRecording implements Recording {
  static final GoogleRecording INSTANCE = new GoogleRecording();

  /** What a uri may hold to stand in a JSON path without escaping. */
  private static final Pattern URI = Pattern.compile("[A-Za-z0-9:/._~%+=-]{1,256}");

  private GoogleRecording() {}

  @Override
  public Optional<Observed> observed(Map<String, String> headers, String body) {
    JsonNode json = object(body);
    if (json == null || !json.path("name").isTextual()) {
      return Optional.empty();
    }
    if (!json.path("done").asBoolean(false)) { // proto3 JSON leaves a false done out
      JsonNode progress = json.path("metadata").path(GoogleKept.PROGRESS);
      boolean whole = progress.canConvertToInt() && progress.isIntegralNumber() && progress.asInt() >= 0
          && progress.asInt() <= 100;
      return Optional.of(new Observed(GoogleStatuses.RUNNING, whole ? Integer.toString(progress.asInt()) : null,
          null, null));
    }
    JsonNode error = json.get("error");
    if (error == null || !error.isObject()) {
      return Optional.of(new Observed(GoogleStatuses.DONE, null, null, null));
    }
    int number = error.path("code").asInt(0);
    if (number == GoogleCode.CANCELLED.number()) {
      return Optional.of(new Observed(GoogleStatuses.CANCELLED, null, null, null));
    }
    String message = error.path("message").asText("").trim();
    Optional<GoogleCode> code = GoogleCode.read(Integer.toString(number)).filter(c -> c != GoogleCode.OK);
    String note = code.isPresent() ? null : "an error with code " + error.path("code") + ", which is no google.rpc "
        + "code of a failure, is replayed as 2 (UNKNOWN)";
    String detail = code.orElse(GoogleCode.UNKNOWN).number() + (message.isEmpty() ? "" : ": " + message);
    return Optional.of(new Observed(GoogleStatuses.FAILED, detail, null, note));
  }

  /**
   * After the shipped mappings' {@code operations.json} (priority 2), which matches every Google
   * operation URL and answers only live operations: a recorded operation is made by its first poll.
   */
  @Override
  public int operationPriority() {
    return StubPriority.TEST_ONE_OPERATION;
  }

  @Override
  public Optional<StartCall> startCall(Request request) {
    if (!"POST".equals(request.method()) || !GoogleApi.SPEECH_START.equals(request.path())) {
      return Optional.empty();
    }
    JsonNode body = object(request.body());
    JsonNode uri = body == null ? null : body.path("audio").get("uri");
    boolean keyed = uri != null && uri.isTextual() && URI.matcher(uri.asText()).matches();
    String label = "longrunningrecognize" + (keyed ? "-" + uri.asText().replaceFirst("^[A-Za-z]+://", "").replaceAll("[^A-Za-z0-9_.-]+", "-") : "");
    return Optional.of(new StartCall(label, "POST", Pattern.quote(GoogleApi.SPEECH_START),
        keyed ? "$[?(@.audio.uri == '" + uri.asText() + "')]" : null, GoogleStart.INSTANCE));
  }

  /** None: Google names the operation in the answer's body. */
  @Override
  public Optional<String> startedId(Map<String, String> responseHeaders) {
    return Optional.empty();
  }

  /** The operation's {@code name} in the answer's body. */
  @Override
  public Optional<String> startedId(Map<String, String> responseHeaders, String responseBody) {
    JsonNode json = object(responseBody);
    return json == null || !json.path("name").isTextual() ? Optional.empty()
        : GoogleApi.INSTANCE.operationId(json.get("name").asText());
  }

  /**
   * The {@code response} the operation ended with, the {@code metadata} it showed last (its progress
   * and times as the stub fills them in), and a start's {@code operationName} for a nested name.
   */
  @Override
  public Map<String, Object> shown(Answer start, List<List<Answer>> steps, List<String> notes) {
    Map<String, Object> shown = new LinkedHashMap<>();
    List<JsonNode> answers = new ArrayList<>();
    if (start != null && object(start.body()) != null) {
      answers.add(object(start.body()));
    }
    steps.forEach(step -> step.stream().map(answer -> object(answer.body())).filter(json -> json != null)
        .forEach(answers::add));
    JsonNode last = answers.isEmpty() ? null : answers.get(answers.size() - 1);
    String name = last == null ? "" : last.path("name").asText("");
    if (last != null && last.path("done").asBoolean(false) && !last.has("error")) {
      keep(GoogleKept.RESPONSE_PARAMETER.name(), last.get("response"), shown, notes, name);
    }
    for (int i = answers.size() - 1; i >= 0; i--) {
      if (answers.get(i).get("metadata") instanceof ObjectNode seen) {
        ObjectNode metadata = seen.deepCopy();
        // What a poll fills in as it is served (GoogleBodies): written as the shipped mappings write it.
        if (metadata.has(GoogleKept.PROGRESS)) {
          metadata.put(GoogleKept.PROGRESS, 0);
        }
        for (String time : List.of(GoogleKept.START_TIME, GoogleKept.LAST_UPDATE_TIME)) {
          if (metadata.has(time)) {
            metadata.putNull(time);
          }
        }
        keep(GoogleKept.METADATA_PARAMETER.name(), metadata, shown, notes, name);
        break;
      }
    }
    String started = start == null ? null : startedId(start.headers(), start.body()).orElse(null);
    int slash = started == null ? -1 : started.lastIndexOf('/');
    if (slash > 0) {
      String template = started.substring(0, slash + 1) + "{id}";
      if (GoogleApi.INSTANCE.operationId(template.replace("{id}", Long.toString(Long.MAX_VALUE))).isPresent()) {
        shown.put(GoogleStart.OPERATION_NAME.name(), template);
      }
    }
    return shown;
  }

  /** Keeps an {@code Any} the replay serves, or says why it cannot. */
  private static void keep(String parameter, JsonNode value, Map<String, Object> shown, List<String> notes,
      String name) {
    if (value == null) {
      notes.add("google operation " + name + ": ended without a " + parameter + "; the replay serves Speech's");
      return;
    }
    try {
      shown.put(parameter, GoogleKept.JSON.convertValue(GoogleKept.any(parameter, value), Map.class));
    } catch (IllegalArgumentException e) {
      notes.add("google operation " + name + ": " + e.getMessage() + "; the replay serves Speech's " + parameter);
    }
  }

  private static JsonNode object(String body) {
    try {
      JsonNode json = body == null || body.isBlank() ? null : GoogleKept.JSON.readTree(body);
      return json != null && json.isObject() ? json : null;
    } catch (JsonProcessingException e) {
      return null;
    }
  }
}
